import { ErrorCode, TesseraError } from '../../errors';
import type { ContentType, DrmInfo, Representation } from '../../model';
import { tryBuild, warn } from '../parse-context';
import { parseDecimal, parseFrameRate, parseUnsignedInt } from '../util/numbers';
import { childElements } from '../xml/xml-query';
import type { XmlElement } from '../xml/xml-types';
import { buildBaseIndex, buildSidecarIndex } from './base-index';
import { cascadeBaseUrls, type BaseCandidate } from './base-urls';
import type { BuiltIndex } from './built-index';
import { mergeDrmInfos } from '../drm/merge-drm-infos';
import { parseContentProtections } from './content-protection';
import { contentTypeOf, familyOf, unsupportedFormat } from './content-type';
import { accessibilityOf, channelsOf, labelOf, readProperties, roleValues, type Tiles } from './descriptors';
import { buildListIndex } from './list-index';
import type { PeriodRepresentation, PeriodScope, PeriodSet } from './period-types';
import type { RepresentationScope } from './representation-scope';
import { mergeSegmentInfo } from './segment-info';
import { buildTemplateIndex } from './template-index';

/*
 * AdaptationSet / Representation → PeriodSets. Common attributes (mimeType, codecs,
 * width, height, frameRate, audioSamplingRate, AudioChannelConfiguration,
 * ContentProtection, properties) inherit from the AdaptationSet (ISO/IEC 23009-1 §5.3.7).
 */

interface AdaptationState {
  scope: PeriodScope;
  set: XmlElement;
  bases: BaseCandidate[];
  drm: DrmInfo[];
  roles: string[];
  accessibility: Array<{ schemeIdUri: string; value?: string }>;
  label?: string;
  tiles?: Tiles;
}

interface BuiltRepresentation {
  built: PeriodRepresentation;
  type: ContentType;
  language?: string;
  channels?: number;
  tiles?: Tiles;
}

function buildIndex(scope: RepresentationScope, type: ContentType): BuiltIndex {
  const kind = scope.info.kind;
  if (kind === 'template') return buildTemplateIndex(scope);
  if (kind === 'list') return buildListIndex(scope);
  if (kind === 'none' && type === 'text') return buildSidecarIndex(scope);
  if (kind === 'none' && type === 'image') throw new TesseraError(ErrorCode.DASH_INVALID, 'fatal', { url: scope.ctx.url, reason: 'image without SegmentTemplate' });
  return buildBaseIndex(scope);
}

function buildRepresentation(state: AdaptationState, rep: XmlElement, name: string): BuiltRepresentation | undefined {
  const { scope, set } = state;
  const ctx = scope.ctx;
  const a = rep.attributes;
  const inherited = (key: string): string | undefined => (a[key] !== undefined ? a[key] : set.attributes[key]);
  const mimeType = (inherited('mimeType') || '').trim();
  const codecs = (inherited('codecs') || '').trim();
  const type = contentTypeOf(set.attributes.contentType, mimeType, codecs);
  if (!type) throw new TesseraError(ErrorCode.NO_PLAYABLE_STREAMS, 'fatal', { url: ctx.url, reason: 'content type unknown: ' + name });
  const unsupported = unsupportedFormat(mimeType, ctx.url);
  if (unsupported) throw unsupported;
  const properties = readProperties(rep, ctx);
  if (properties.ignore) {
    warn(ctx, 'representation-ignored', name + ': ' + properties.reason);
    return undefined;
  }
  let id = a.id;
  if (!id) {
    id = name;
    warn(ctx, 'missing-representation-id', name);
  }
  let bandwidth = parseUnsignedInt(a.bandwidth);
  if (bandwidth === undefined) {
    warn(ctx, 'invalid-bandwidth', name + ' "' + (a.bandwidth || '') + '"');
    bandwidth = 0;
  }
  const index = buildIndex(
    { ...scope, bases: cascadeBaseUrls(state.bases, rep, ctx), representationId: id, bandwidth, info: mergeSegmentInfo([rep, set, scope.period]) },
    type,
  );
  const representation: Representation = {
    id,
    bandwidth,
    mimeType,
    codecs,
    segmentIndex: [index.part],
    drm: mergeDrmInfos(state.drm.slice(), parseContentProtections(childElements(rep, 'ContentProtection'), ctx)),
  };
  const width = parseUnsignedInt(inherited('width'));
  const height = parseUnsignedInt(inherited('height'));
  const frameRate = parseFrameRate(inherited('frameRate'));
  // audioSamplingRate may be a range "44100 48000".
  const sampleRate = parseDecimal((inherited('audioSamplingRate') || '').trim().split(/\s+/)[0]);
  const channels = channelsOf(rep) || channelsOf(set);
  if (width) representation.width = width;
  if (height) representation.height = height;
  if (frameRate) representation.frameRate = frameRate;
  if (sampleRate) representation.audioSamplingRate = sampleRate;
  if (channels) representation.channels = channels;
  let tiles = properties.tiles || state.tiles;
  if (tiles) {
    tiles = { columns: tiles.columns, rows: tiles.rows };
    if (width) tiles.width = Math.floor(width / tiles.columns);
    if (height) tiles.height = Math.floor(height / tiles.rows);
    if (index.segmentDuration) tiles.durationSeconds = index.segmentDuration / (tiles.columns * tiles.rows);
  }
  return { built: { representation, pathways: index.pathways }, type, language: inherited('lang'), channels, tiles };
}

/** Adds the AdaptationSet's Representations to `sets`, grouped by type, language, codec family and roles. */
export function parseAdaptationSet(scope: PeriodScope, set: XmlElement, setIndex: number, sets: PeriodSet[]): void {
  const ctx = scope.ctx;
  const where = 'Period ' + scope.periodIndex + ' AdaptationSet ' + idOf(set, setIndex);
  if (set.attributes['xlink:href'] !== undefined) {
    warn(ctx, 'xlink-unsupported', where);
    return;
  }
  const properties = readProperties(set, ctx);
  if (properties.ignore) {
    warn(ctx, 'adaptation-set-ignored', where + ': ' + properties.reason);
    return;
  }
  const state: AdaptationState = {
    scope,
    set,
    bases: cascadeBaseUrls(scope.bases, set, ctx),
    drm: parseContentProtections(childElements(set, 'ContentProtection'), ctx),
    roles: roleValues(set),
    accessibility: accessibilityOf(set),
    label: labelOf(set),
    tiles: properties.tiles,
  };
  const reps = childElements(set, 'Representation');
  if (!reps.length) warn(ctx, 'empty-adaptation-set', where);
  reps.forEach((rep, r) => {
    const name = where + ' Representation ' + idOf(rep, r);
    const result = tryBuild(ctx, name, () => buildRepresentation(state, rep, name));
    if (result) addToSet(state, result, sets);
  });
}

function idOf(element: XmlElement, index: number): string {
  return element.attributes.id !== undefined ? element.attributes.id : '#' + index;
}

function addToSet(state: AdaptationState, result: BuiltRepresentation, sets: PeriodSet[]): void {
  const { roles, accessibility, label } = state;
  const rep = result.built.representation;
  const family = familyOf(result.type, rep.mimeType, rep.codecs);
  const crossKey = [result.type, result.language || '', family].join('|');
  const fullKey = [crossKey, roles.slice().sort(), accessibility.map((x) => x.schemeIdUri + '=' + (x.value || '')).sort(), label || ''].join('|');
  for (let k = 0; k < sets.length; k++) {
    if (sets[k].fullKey === fullKey) {
      sets[k].reps.push(result.built);
      mergeDrmInfos(sets[k].drm, state.drm);
      return;
    }
  }
  const set: PeriodSet = {
    fullKey,
    crossKey,
    type: result.type,
    family,
    roles: roles.slice(),
    accessibility,
    isDefault: roles.indexOf('main') >= 0,
    drm: state.drm.slice(),
    reps: [result.built],
  };
  if (result.language) set.language = result.language;
  if (label) set.label = label;
  if (result.channels) set.channels = result.channels;
  if (result.tiles) set.tiles = result.tiles;
  sets.push(set);
}
