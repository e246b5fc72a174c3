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

function buildIndex(scope: RepresentationScope, type: ContentType): BuiltIndex {
  switch (scope.info.kind) {
    case 'template':
      return buildTemplateIndex(scope);
    case 'list':
      return buildListIndex(scope);
    case 'base':
      return buildBaseIndex(scope);
    default:
      if (type === 'text') return buildSidecarIndex(scope);
      if (type === 'image') throw new TesseraError(ErrorCode.DASH_INVALID, 'fatal', { url: scope.ctx.url, reason: 'image Representation without SegmentTemplate' });
      return buildBaseIndex(scope);
  }
}

function firstNumber(value: string | undefined): number | undefined {
  // audioSamplingRate may be a range "44100 48000".
  return value === undefined ? undefined : parseDecimal(value.trim().split(/\s+/)[0]);
}

interface BuiltRepresentation {
  built: PeriodRepresentation;
  type: ContentType;
  language?: string;
  channels?: number;
  tiles?: Tiles;
}

function buildRepresentation(state: AdaptationState, rep: XmlElement, name: string): BuiltRepresentation | undefined {
  const { scope, set } = state;
  const ctx = scope.ctx;
  const a = rep.attributes;
  const s = set.attributes;
  const inherited = (key: string): string | undefined => (a[key] !== undefined ? a[key] : s[key]);
  const mimeType = (inherited('mimeType') || '').trim();
  const codecs = (inherited('codecs') || '').trim();
  const type = contentTypeOf(s.contentType, mimeType, codecs);
  if (!type) throw new TesseraError(ErrorCode.NO_PLAYABLE_STREAMS, 'fatal', { url: ctx.url, reason: 'content type unknown for ' + name });
  const unsupported = unsupportedFormat(mimeType, ctx.url);
  if (unsupported) throw unsupported;
  const properties = readProperties(rep, ctx);
  if (properties.ignore) {
    warn(ctx, 'representation-ignored', name + ': ' + properties.reason);
    return undefined;
  }
  let id = a.id;
  if (id === undefined || id === '') {
    id = name;
    warn(ctx, 'missing-representation-id', name + ' has no @id');
  }
  let bandwidth = parseUnsignedInt(a.bandwidth);
  if (bandwidth === undefined) {
    warn(ctx, 'invalid-bandwidth', name + ' @bandwidth="' + (a.bandwidth || '') + '" treated as 0');
    bandwidth = 0;
  }
  const repScope: RepresentationScope = {
    ctx,
    dynamic: scope.dynamic,
    periodIndex: scope.periodIndex,
    periodStart: scope.periodStart,
    periodDuration: scope.periodDuration,
    availabilityStartMs: scope.availabilityStartMs,
    timeShiftBufferDepth: scope.timeShiftBufferDepth,
    invalidDuration: scope.invalidDuration,
    bases: cascadeBaseUrls(state.bases, rep, ctx),
    representationId: id,
    bandwidth,
    info: mergeSegmentInfo([rep, set, scope.period]),
  };
  const index = buildIndex(repScope, type);
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
  const sampleRate = firstNumber(inherited('audioSamplingRate'));
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
  const language = a.lang !== undefined ? a.lang : s.lang;
  return { built: { representation, pathways: index.pathways }, type, language, channels, tiles };
}

/** Adds the AdaptationSet's Representations to `sets`, grouped by type, language, codec family and roles. */
export function parseAdaptationSet(scope: PeriodScope, set: XmlElement, setIndex: number, sets: PeriodSet[]): void {
  const ctx = scope.ctx;
  const where = 'Period ' + scope.periodIndex + ' AdaptationSet ' + (set.attributes.id !== undefined ? set.attributes.id : '#' + setIndex);
  if (set.attributes['xlink:href'] !== undefined) {
    warn(ctx, 'xlink-unsupported', where + ' is remote (xlink) and was skipped');
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
  if (!reps.length) warn(ctx, 'empty-adaptation-set', where + ' has no Representation');
  for (let r = 0; r < reps.length; r++) {
    const name = where + ' Representation ' + (reps[r].attributes.id !== undefined ? reps[r].attributes.id : '#' + r);
    const result = tryBuild(ctx, name, () => buildRepresentation(state, reps[r], name));
    if (result) addToSet(state, result, sets);
  }
}

function addToSet(state: AdaptationState, result: BuiltRepresentation, sets: PeriodSet[]): void {
  const rep = result.built.representation;
  const family = familyOf(result.type, rep.mimeType, rep.codecs);
  const roles = state.roles.slice().sort();
  const access = state.accessibility.map((x) => x.schemeIdUri + '=' + (x.value || '')).sort().join(',');
  const crossKey = [result.type, result.language || '', family].join('|');
  const fullKey = [crossKey, roles.join(','), access, state.label || ''].join('|');
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
    roles: state.roles.slice(),
    accessibility: state.accessibility,
    isDefault: state.roles.indexOf('main') >= 0,
    drm: state.drm.slice(),
    reps: [result.built],
  };
  if (result.language) set.language = result.language;
  if (state.label) set.label = state.label;
  if (result.channels) set.channels = result.channels;
  if (result.tiles) set.tiles = result.tiles;
  sets.push(set);
}
