import { ErrorCode, TesseraError } from '../../errors';
import type { ContentType, Presentation, Representation, SwitchingSet } from '../../model';
import { mergeDrmInfos } from '../drm/merge-drm-infos';
import { newPresentation } from '../new-presentation';
import { failNothingPlayable, recordDrop, warn, type ParseContext } from '../parse-context';
import { resolveUrl } from '../url/resolve-url';
import { httpUrlOrWarn, isHttpUrl } from '../url/url-policy';
import { codecKind, codecsOfKind, splitCodecs } from '../util/codecs';
import { parseDecimal, parseUnsignedInt } from '../util/numbers';
import { attrYes, copyAttributes, parseAttributeList, resolutionOf, type AttributeList } from './attribute-list';
import { drmFromKey, parseKey } from './hls-keys';
import { isComment, splitLines, splitTag } from './playlist-lines';

/*
 * HLS multivariant playlist (RFC 8216 §4.3.4) → Presentation. Variants form one switching
 * set ('video', or 'audio' when every variant is audio-only); each audio and subtitle
 * rendition with a URI is its own set; image streams (EXT-X-IMAGE-STREAM-INF) form an
 * 'image' set. Media playlists are fetched later by the engine (kind 'hls-playlist').
 */

/** A tag's attributes with the URL it names (a variant's URI line, or its URI attribute). */
interface Entry {
  attrs: AttributeList;
  url?: string;
  line: number;
}

export function parseMultivariant(text: string, ctx: ParseContext): Presentation {
  const url = ctx.url;
  const lines = splitLines(text);
  const variants: Entry[] = [];
  const renditions: Entry[] = [];
  const images: Entry[] = [];
  // Unknown until a media playlist is loaded (as HTMLMediaElement.duration before metadata).
  const presentation = newPresentation('hls', ctx, NaN, []);
  const { drm, sessionData, iFrameStreams } = presentation;
  /** `uri` resolved when it is http(s); otherwise the rendition is dropped (recorded). */
  const resolveHttp = (uri: string, what: string): string | undefined => {
    const resolved = resolveUrl(url, uri);
    if (isHttpUrl(resolved)) return resolved;
    recordDrop(ctx, new TesseraError(ErrorCode.UNSUPPORTED_URL_SCHEME, 'fatal', { url: resolved.slice(0, 80) }), what);
    return undefined;
  };

  for (let li = 0; li < lines.length; li++) {
    const tagAndValue = splitTag(lines[li]);
    const tag = tagAndValue[0];
    const where = 'line ' + (li + 1);
    if (tag === '#EXT-X-DEFINE') warn(ctx, 'define-unsupported', 'EXT-X-DEFINE');
    if (!TAGS.test(tag)) continue;
    const attrs = parseAttributeList(tagAndValue[1], (detail) => warn(ctx, 'invalid-attribute', where + ': ' + detail));
    const entry: Entry = { attrs, line: li + 1 };
    const uri = attrs.URI;
    switch (tag) {
      case '#EXT-X-STREAM-INF': {
        // The URI line follows; blank lines and comments may sit in between, tags may not.
        let next = li + 1;
        while (next < lines.length && isComment(lines[next])) next++;
        if (next >= lines.length || lines[next].charAt(0) === '#') {
          warn(ctx, 'variant-without-uri', where);
          break;
        }
        entry.url = resolveHttp(lines[next], 'variant on line ' + (next + 1));
        if (entry.url) variants.push(entry);
        li = next;
        break;
      }
      case '#EXT-X-MEDIA':
        // Without a URI the rendition is in the variant itself; with one it must be http(s).
        if (uri !== undefined) entry.url = resolveHttp(uri, renditionType(entry) + ' rendition ' + (attrs.NAME || ''));
        if (uri === undefined || entry.url) renditions.push(entry);
        break;
      case '#EXT-X-I-FRAME-STREAM-INF':
      case '#EXT-X-IMAGE-STREAM-INF': {
        if (uri === undefined) {
          warn(ctx, 'stream-without-uri', where + ': ' + tag);
          break;
        }
        const streamUrl = resolveHttp(uri, tag.slice(1) + ' on ' + where);
        if (!streamUrl) break;
        entry.url = streamUrl;
        if (tag === '#EXT-X-IMAGE-STREAM-INF') images.push(entry);
        else iFrameStreams.push({ url: streamUrl, bandwidth: bandwidthOf(attrs), codecs: (attrs.CODECS || '').trim(), ...resolutionOf(attrs) });
        break;
      }
      case '#EXT-X-SESSION-KEY': {
        const key = parseKey(attrs, url, ctx);
        const info = key && drmFromKey(key, attrs);
        if (info) mergeDrmInfos(drm, [info]);
        break;
      }
      case '#EXT-X-SESSION-DATA': {
        const dataId = attrs['DATA-ID'];
        if (dataId === undefined) break;
        const data = copyAttributes<Presentation['sessionData'][number]>(attrs, { dataId }, { value: 'VALUE', language: 'LANGUAGE' });
        const dataUri = uri !== undefined ? httpUrlOrWarn(ctx, resolveUrl(url, uri), 'EXT-X-SESSION-DATA URI') : undefined;
        if (dataUri) data.uri = dataUri;
        sessionData.push(data);
        break;
      }
      case '#EXT-X-CONTENT-STEERING': {
        const server = attrs['SERVER-URI'] !== undefined ? resolveUrl(url, attrs['SERVER-URI']) : '';
        if (isHttpUrl(server)) {
          presentation.steering = { serverUri: server };
          if (attrs['PATHWAY-ID'] !== undefined) presentation.steering.defaultPathwayId = attrs['PATHWAY-ID'];
        } else warn(ctx, 'invalid-content-steering', 'no http(s) SERVER-URI');
      }
    }
  }

  if (!variants.length) failNothingPlayable(ctx, 'no usable EXT-X-STREAM-INF');
  const sets = presentation.switchingSets;
  sets.push(variantSet(variants, renditions, ctx));
  renditionSets(renditions, variants, sets, ctx);
  if (images.length) {
    const representations = images.map((image, k) => {
      const codecs = (image.attrs.CODECS || 'jpeg').trim();
      return newRepresentation('image-' + k, bandwidthOf(image.attrs), 'image/jpeg', codecs, image, resolutionOf(image.attrs));
    });
    sets.push({ id: 'image', type: 'image', mimeType: 'image/jpeg', codecs: representations[0].codecs, roles: [], isDefault: false, representations, drm: [] });
  }
  return presentation;
}

/** The tags this parser reads (each with an attribute list). */
const TAGS = /^#EXT-X-(STREAM-INF|MEDIA|I-FRAME-STREAM-INF|IMAGE-STREAM-INF|SESSION-KEY|SESSION-DATA|CONTENT-STEERING)$/;

/** EXT-X-MEDIA TYPE: AUDIO, VIDEO, SUBTITLES or CLOSED-CAPTIONS. */
function renditionType(rendition: Entry): string {
  return (rendition.attrs.TYPE || '').trim();
}

function bandwidthOf(attrs: AttributeList): number {
  return parseUnsignedInt(attrs.BANDWIDTH) || 0;
}

function newRepresentation(id: string, bandwidth: number, mimeType: string, codecs: string, entry: Entry, extra: Partial<Representation>): Representation {
  return { id, bandwidth, mimeType, codecs, segmentIndex: [{ kind: 'hls-playlist', url: entry.url as string }], drm: [], ...extra };
}

/** Audio renditions with their own URI: the variant's audio codecs then belong to them, not to the variant. */
function groupHasSeparateAudio(renditions: Entry[], groupId: string | undefined): boolean {
  let any = false;
  for (let k = 0; k < renditions.length; k++) {
    const r = renditions[k];
    if (groupId === undefined || renditionType(r) !== 'AUDIO' || r.attrs['GROUP-ID'] !== groupId) continue;
    if (!r.url) return false;
    any = true;
  }
  return any;
}

function variantSet(variants: Entry[], renditions: Entry[], ctx: ParseContext): SwitchingSet {
  let anyVideo = false;
  let allAudio = true;
  const representations = variants.map((variant, k) => {
    const attrs = variant.attrs;
    let bandwidth = parseUnsignedInt(attrs.BANDWIDTH);
    if (bandwidth === undefined) {
      warn(ctx, 'missing-bandwidth', 'line ' + variant.line);
      bandwidth = 0;
    }
    const codecsList = splitCodecs(attrs.CODECS);
    const extra: Partial<Representation> = resolutionOf(attrs);
    const hasVideo = codecsList.some((c) => codecKind(c) === 'video') || extra.width !== undefined;
    anyVideo = anyVideo || hasVideo;
    allAudio = allAudio && codecsList.length > 0 && codecsList.every((c) => codecKind(c) === 'audio');
    const audioGroup = attrs.AUDIO;
    // Demuxed audio: the variant's own codecs are the video ones. Muxed (no such group): keep CODECS as given.
    const codecs = hasVideo && groupHasSeparateAudio(renditions, audioGroup) ? codecsOfKind(attrs.CODECS, 'video') : codecsList.join(',');
    copyAttributes(attrs, extra, { averageBandwidth: 'AVERAGE-BANDWIDTH' }, parseUnsignedInt);
    copyAttributes(attrs, extra, { frameRate: 'FRAME-RATE' }, (value) => {
      const rate = parseDecimal(value);
      return rate !== undefined && rate > 0 ? rate : undefined;
    });
    copyAttributes(attrs, extra, { audioGroupId: 'AUDIO', subtitleGroupId: 'SUBTITLES', pathwayId: 'PATHWAY-ID' });
    return newRepresentation('variant-' + k, bandwidth, '', codecs, variant, extra);
  });
  const type: ContentType = !anyVideo && allAudio ? 'audio' : 'video';
  const mimeType = type + '/mp4';
  representations.forEach((rep) => (rep.mimeType = mimeType));
  return {
    id: type === 'video' ? 'video' : 'audio:variants',
    type,
    mimeType,
    codecs: representations[0].codecs,
    roles: [],
    isDefault: true,
    representations,
    drm: [],
  };
}

function renditionSets(renditions: Entry[], variants: Entry[], out: SwitchingSet[], ctx: ParseContext): void {
  const used: Record<string, true> = Object.create(null);
  renditions.forEach((r, k) => {
    const a = r.attrs;
    const kind = renditionType(r);
    if (kind !== 'AUDIO' && kind !== 'SUBTITLES') {
      if (kind === 'VIDEO' && r.url) warn(ctx, 'alternate-video-ignored', 'EXT-X-MEDIA TYPE=VIDEO');
      return; // CLOSED-CAPTIONS are in-band (CEA-608/708): nothing to fetch.
    }
    if (!r.url) return; // Rendition carried in the variant itself.
    const type: ContentType = kind === 'AUDIO' ? 'audio' : 'text';
    const groupId = a['GROUP-ID'] || '';
    // The codecs of this type announced by the variants that use this group.
    let codecs = '';
    for (let v = 0; v < variants.length && !codecs; v++) {
      if (variants[v].attrs[kind] === groupId) codecs = codecsOfKind(variants[v].attrs.CODECS, type);
    }
    const mimeType = type === 'audio' ? 'audio/mp4' : codecs ? 'application/mp4' : 'text/vtt';
    let id = type + ':' + groupId + ':' + (a.LANGUAGE || 'und') + ':' + (a.NAME || k);
    while (used[id]) id += '+';
    used[id] = true;
    const channels = parseInt(a.CHANNELS, 10);
    const rep = newRepresentation(id, 0, mimeType, codecs, r, channels > 0 ? { channels } : {});
    const roles = (a.CHARACTERISTICS || '').split(',').map((c) => c.trim()).filter((c) => !!c);
    if (attrYes(a, 'FORCED')) roles.push('forced-subtitle');
    const set: SwitchingSet = { id, type, mimeType, codecs, roles, isDefault: attrYes(a, 'DEFAULT'), groupId, representations: [rep], drm: [] };
    copyAttributes(a, set, { language: 'LANGUAGE', label: 'NAME' });
    if (channels > 0) set.channels = channels;
    out.push(set);
  });
}
