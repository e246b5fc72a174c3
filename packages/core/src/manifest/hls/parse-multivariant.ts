import { ErrorCode, TesseraError } from '../../errors';
import type { ContentSteering, ContentType, DrmInfo, IFrameStream, Presentation, Representation, SwitchingSet } from '../../model';
import { mergeDrmInfos } from '../drm/merge-drm-infos';
import { failNothingPlayable, recordDrop, warn, type ParseContext } from '../parse-context';
import { resolveUrl } from '../url/resolve-url';
import { isHttpUrl } from '../url/url-policy';
import { codecKind, codecsOfKind, splitCodecs } from '../util/codecs';
import { attrFloat, attrInt, attrResolution, attrYes, parseAttributeList, type AttributeList } from './attribute-list';
import { drmFromKey, parseKey } from './hls-keys';
import { splitLines, splitTag } from './playlist-lines';

/*
 * HLS multivariant playlist (RFC 8216 §4.3.4) → Presentation. Variants form one switching
 * set ('video', or 'audio' when every variant is audio-only); each audio and subtitle
 * rendition with a URI is its own set; image streams (EXT-X-IMAGE-STREAM-INF) form an
 * 'image' set. Media playlists are fetched later by the engine (kind 'hls-playlist').
 */

interface Rendition {
  type: string;
  attrs: AttributeList;
  url?: string;
}

interface VariantEntry {
  attrs: AttributeList;
  url: string;
  line: number;
}

function resolveHttp(base: string, uri: string, ctx: ParseContext, what: string): string | undefined {
  const url = resolveUrl(base, uri);
  if (isHttpUrl(url)) return url;
  recordDrop(ctx, new TesseraError(ErrorCode.UNSUPPORTED_URL_SCHEME, 'fatal', { url: url.slice(0, 80) }), what);
  return undefined;
}

export function parseMultivariant(text: string, ctx: ParseContext): Presentation {
  const url = ctx.url;
  const lines = splitLines(text);
  const variants: VariantEntry[] = [];
  const renditions: Rendition[] = [];
  const images: VariantEntry[] = [];
  const iFrameStreams: IFrameStream[] = [];
  const drm: DrmInfo[] = [];
  const sessionData: Presentation['sessionData'] = [];
  let steering: ContentSteering | undefined;

  for (let li = 0; li < lines.length; li++) {
    const line = lines[li];
    if (line.indexOf('#EXT') !== 0) continue;
    const [tag, value] = splitTag(line);
    const issue = (detail: string) => warn(ctx, 'invalid-attribute', 'line ' + (li + 1) + ': ' + detail);
    switch (tag) {
      case '#EXT-X-STREAM-INF': {
        const attrs = parseAttributeList(value, issue);
        // The URI line follows; blank lines and comments may sit in between, tags may not.
        let next = li + 1;
        while (next < lines.length && (lines[next] === '' || (lines[next].charAt(0) === '#' && lines[next].indexOf('#EXT') !== 0))) next++;
        if (next >= lines.length || lines[next].charAt(0) === '#') {
          warn(ctx, 'variant-without-uri', 'line ' + (li + 1) + ': EXT-X-STREAM-INF not followed by a URI');
          break;
        }
        const variantUrl = resolveHttp(url, lines[next], ctx, 'variant on line ' + (next + 1));
        if (variantUrl) variants.push({ attrs, url: variantUrl, line: li + 1 });
        li = next;
        break;
      }
      case '#EXT-X-MEDIA': {
        const attrs = parseAttributeList(value, issue);
        const type = (attrs.TYPE || '').trim();
        const rendition: Rendition = { type, attrs };
        if (attrs.URI !== undefined) {
          const r = resolveHttp(url, attrs.URI, ctx, type + ' rendition ' + (attrs.NAME || ''));
          if (!r) break;
          rendition.url = r;
        }
        renditions.push(rendition);
        break;
      }
      case '#EXT-X-I-FRAME-STREAM-INF':
      case '#EXT-X-IMAGE-STREAM-INF': {
        const attrs = parseAttributeList(value, issue);
        if (attrs.URI === undefined) {
          warn(ctx, 'stream-without-uri', 'line ' + (li + 1) + ': ' + tag + ' without URI');
          break;
        }
        const streamUrl = resolveHttp(url, attrs.URI, ctx, tag.slice(1) + ' on line ' + (li + 1));
        if (!streamUrl) break;
        if (tag === '#EXT-X-IMAGE-STREAM-INF') images.push({ attrs, url: streamUrl, line: li + 1 });
        else iFrameStreams.push(iFrameStream(attrs, streamUrl));
        break;
      }
      case '#EXT-X-SESSION-KEY': {
        const attrs = parseAttributeList(value, issue);
        const key = parseKey(attrs, url, ctx);
        const info = key && drmFromKey(key, attrs);
        if (info) mergeDrmInfos(drm, [info]);
        break;
      }
      case '#EXT-X-SESSION-DATA': {
        const attrs = parseAttributeList(value, issue);
        if (attrs['DATA-ID'] === undefined) break;
        const entry: Presentation['sessionData'][number] = { dataId: attrs['DATA-ID'] };
        if (attrs.VALUE !== undefined) entry.value = attrs.VALUE;
        if (attrs.LANGUAGE !== undefined) entry.language = attrs.LANGUAGE;
        if (attrs.URI !== undefined) {
          const u = resolveUrl(url, attrs.URI);
          if (isHttpUrl(u)) entry.uri = u;
          else warn(ctx, 'unsupported-url-scheme', 'EXT-X-SESSION-DATA URI ' + u.slice(0, 80));
        }
        sessionData.push(entry);
        break;
      }
      case '#EXT-X-CONTENT-STEERING': {
        const attrs = parseAttributeList(value, issue);
        const server = attrs['SERVER-URI'] !== undefined ? resolveUrl(url, attrs['SERVER-URI']) : '';
        if (isHttpUrl(server)) {
          steering = { serverUri: server };
          if (attrs['PATHWAY-ID'] !== undefined) steering.defaultPathwayId = attrs['PATHWAY-ID'];
        } else warn(ctx, 'invalid-content-steering', 'EXT-X-CONTENT-STEERING without an http(s) SERVER-URI');
        break;
      }
      case '#EXT-X-DEFINE':
        warn(ctx, 'define-unsupported', 'EXT-X-DEFINE variable substitution is not supported');
        break;
      default:
        break;
    }
  }

  if (!variants.length) failNothingPlayable(ctx, 'multivariant playlist without a usable EXT-X-STREAM-INF');
  const switchingSets: SwitchingSet[] = [variantSet(variants, renditions, ctx)];
  renditionSets(renditions, variants, switchingSets, ctx);
  if (images.length) switchingSets.push(imageSet(images));

  const presentation: Presentation = {
    protocol: 'hls',
    url,
    // Unknown until a media playlist is loaded (as HTMLMediaElement.duration before metadata).
    duration: NaN,
    periods: [{ id: '0', start: 0, duration: NaN }],
    switchingSets,
    drm,
    sessionData,
    iFrameStreams,
    locations: [],
    events: [],
    warnings: ctx.warnings,
  };
  if (steering) presentation.steering = steering;
  return presentation;
}

function iFrameStream(attrs: AttributeList, url: string): IFrameStream {
  const stream: IFrameStream = { url, bandwidth: attrInt(attrs, 'BANDWIDTH') || 0, codecs: (attrs.CODECS || '').trim() };
  const res = attrResolution(attrs, 'RESOLUTION');
  if (res) {
    stream.width = res.width;
    stream.height = res.height;
  }
  return stream;
}

/** Audio renditions with their own URI: the variant's audio codecs then belong to them, not to the variant. */
function groupHasSeparateAudio(renditions: Rendition[], groupId: string | undefined): boolean {
  if (groupId === undefined) return false;
  let any = false;
  for (let k = 0; k < renditions.length; k++) {
    const r = renditions[k];
    if (r.type !== 'AUDIO' || r.attrs['GROUP-ID'] !== groupId) continue;
    if (!r.url) return false;
    any = true;
  }
  return any;
}

function variantSet(variants: VariantEntry[], renditions: Rendition[], ctx: ParseContext): SwitchingSet {
  const representations: Representation[] = [];
  let anyVideo = false;
  let allAudio = true;
  for (let k = 0; k < variants.length; k++) {
    const { attrs, url, line } = variants[k];
    let bandwidth = attrInt(attrs, 'BANDWIDTH');
    if (bandwidth === undefined) {
      warn(ctx, 'missing-bandwidth', 'line ' + line + ': EXT-X-STREAM-INF without BANDWIDTH, read as 0');
      bandwidth = 0;
    }
    const codecsList = splitCodecs(attrs.CODECS);
    const hasVideo = codecsList.some((c) => codecKind(c) === 'video') || attrResolution(attrs, 'RESOLUTION') !== undefined;
    const audioOnly = codecsList.length > 0 && codecsList.every((c) => codecKind(c) === 'audio');
    anyVideo = anyVideo || hasVideo;
    allAudio = allAudio && audioOnly;
    const audioGroup = attrs.AUDIO;
    // Demuxed audio: the variant's own codecs are the video ones. Muxed (no such group): keep CODECS as given.
    const codecs = hasVideo && groupHasSeparateAudio(renditions, audioGroup) ? codecsOfKind(attrs.CODECS, 'video') : codecsList.join(',');
    const rep: Representation = { id: 'variant-' + k, bandwidth, mimeType: '', codecs, segmentIndex: [{ kind: 'hls-playlist', url }], drm: [] };
    const average = attrInt(attrs, 'AVERAGE-BANDWIDTH');
    const res = attrResolution(attrs, 'RESOLUTION');
    const frameRate = attrFloat(attrs, 'FRAME-RATE');
    if (average !== undefined) rep.averageBandwidth = average;
    if (res) {
      rep.width = res.width;
      rep.height = res.height;
    }
    if (frameRate !== undefined && frameRate > 0) rep.frameRate = frameRate;
    if (audioGroup !== undefined) rep.audioGroupId = audioGroup;
    if (attrs.SUBTITLES !== undefined) rep.subtitleGroupId = attrs.SUBTITLES;
    if (attrs['PATHWAY-ID'] !== undefined) rep.pathwayId = attrs['PATHWAY-ID'];
    representations.push(rep);
  }
  const type: ContentType = !anyVideo && allAudio ? 'audio' : 'video';
  for (let k = 0; k < representations.length; k++) representations[k].mimeType = type + '/mp4';
  return {
    id: type === 'video' ? 'video' : 'audio:variants',
    type,
    mimeType: type + '/mp4',
    codecs: representations[0].codecs,
    roles: [],
    isDefault: true,
    representations,
    drm: [],
  };
}

function renditionSets(renditions: Rendition[], variants: VariantEntry[], out: SwitchingSet[], ctx: ParseContext): void {
  const used: Record<string, true> = Object.create(null);
  for (let k = 0; k < renditions.length; k++) {
    const r = renditions[k];
    const a = r.attrs;
    if (r.type !== 'AUDIO' && r.type !== 'SUBTITLES') {
      if (r.type === 'VIDEO' && r.url) warn(ctx, 'alternate-video-ignored', 'EXT-X-MEDIA TYPE=VIDEO renditions are not supported');
      continue; // CLOSED-CAPTIONS are in-band (CEA-608/708): nothing to fetch.
    }
    if (!r.url) continue; // Rendition carried in the variant itself.
    const type: ContentType = r.type === 'AUDIO' ? 'audio' : 'text';
    const groupId = a['GROUP-ID'] || '';
    const codecs = renditionCodecs(variants, type, groupId);
    const mimeType = type === 'audio' ? 'audio/mp4' : codecs ? 'application/mp4' : 'text/vtt';
    let id = type + ':' + groupId + ':' + (a.LANGUAGE || 'und') + ':' + (a.NAME || k);
    while (used[id]) id += '+';
    used[id] = true;
    const rep: Representation = { id, bandwidth: 0, mimeType, codecs, segmentIndex: [{ kind: 'hls-playlist', url: r.url }], drm: [] };
    const roles = a.CHARACTERISTICS ? a.CHARACTERISTICS.split(',').map((c) => c.trim()).filter((c) => !!c) : [];
    if (attrYes(a, 'FORCED')) roles.push('forced-subtitle');
    const set: SwitchingSet = { id, type, mimeType, codecs, roles, isDefault: attrYes(a, 'DEFAULT'), groupId, representations: [rep], drm: [] };
    if (a.LANGUAGE !== undefined) set.language = a.LANGUAGE;
    if (a.NAME !== undefined) set.label = a.NAME;
    const channels = a.CHANNELS !== undefined ? parseInt(a.CHANNELS, 10) : NaN;
    if (channels > 0) {
      set.channels = channels;
      rep.channels = channels;
    }
    out.push(set);
  }
}

/** The codecs of `type` announced by the variants that use this group. */
function renditionCodecs(variants: VariantEntry[], type: ContentType, groupId: string): string {
  const attribute = type === 'audio' ? 'AUDIO' : 'SUBTITLES';
  for (let k = 0; k < variants.length; k++) {
    if (variants[k].attrs[attribute] === groupId) {
      const codecs = codecsOfKind(variants[k].attrs.CODECS, type);
      if (codecs) return codecs;
    }
  }
  return '';
}

function imageSet(images: VariantEntry[]): SwitchingSet {
  const representations: Representation[] = images.map((entry, k) => {
    const rep: Representation = {
      id: 'image-' + k,
      bandwidth: attrInt(entry.attrs, 'BANDWIDTH') || 0,
      mimeType: 'image/jpeg',
      codecs: (entry.attrs.CODECS || 'jpeg').trim(),
      segmentIndex: [{ kind: 'hls-playlist', url: entry.url }],
      drm: [],
    };
    const res = attrResolution(entry.attrs, 'RESOLUTION');
    if (res) {
      rep.width = res.width;
      rep.height = res.height;
    }
    return rep;
  });
  return { id: 'image', type: 'image', mimeType: 'image/jpeg', codecs: representations[0].codecs, roles: [], isDefault: false, representations, drm: [] };
}

