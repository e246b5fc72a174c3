import { ErrorCode } from '../../errors';
import type { InitSegment, SegmentKey } from '../../model';
import { mergeDrmInfos } from '../drm/merge-drm-infos';
import { fail, warn, type ParseContext } from '../parse-context';
import { DEFAULT_MAX_SEGMENTS } from '../parse-options';
import { parseDateTime } from '../time/parse-date-time';
import { urlResolver } from '../url/resolve-url';
import { isHttpUrl } from '../url/url-policy';
import { parseDecimal, parseUnsignedInt } from '../util/numbers';
import { attrFloat, attrInt, attrResolution, attrYes, parseAttributeList, type AttributeList } from './attribute-list';
import type { HlsMediaPlaylist, HlsPlaylistContext } from './hls-media-playlist';
import { drmFromKey, parseKey } from './hls-keys';
import { finishSegments, type Draft } from './media-segments';
import { segmentFormat } from './segment-format';
import { splitLines, splitTag } from './playlist-lines';

/*
 * HLS media playlist (RFC 8216 §4.3.2, §4.3.3). Recoveries (each leaves a warning):
 * a missing or invalid EXTINF takes the target duration; a missing or invalid
 * EXT-X-TARGETDURATION becomes the longest segment rounded up; invalid sequence numbers
 * become 0; BYTERANGE without offset continues the previous segment's range.
 */


interface Pending {
  duration?: number;
  hasExtinf: boolean;
  byteRange?: { length: number; offset?: number };
  programDateTimeMs?: number;
  discontinuity: boolean;
  gap: boolean;
}

function newPending(): Pending {
  return { hasExtinf: false, discontinuity: false, gap: false };
}

/** "length[@offset]" (EXT-X-BYTERANGE, MAP BYTERANGE). */
function parseRange(value: string): { length: number; offset?: number } | undefined {
  const m = /^\s*(\d+)\s*(?:@\s*(\d*)\s*)?$/.exec(value);
  if (!m) return undefined;
  const length = parseUnsignedInt(m[1]);
  const offset = m[2] ? parseUnsignedInt(m[2]) : undefined;
  if (length === undefined || (m[2] && offset === undefined)) return undefined;
  return offset === undefined ? { length } : { length, offset };
}

export function parseMediaPlaylistWith(text: string, url: string, ctx: ParseContext, context: HlsPlaylistContext = {}): HlsMediaPlaylist {
  const lines = splitLines(text);
  const resolve = urlResolver(url);
  let first = 0;
  while (first < lines.length && (lines[first] === '' || (lines[first].charAt(0) === '#' && lines[first].indexOf('#EXT') !== 0))) first++;
  if (first >= lines.length || lines[first].indexOf('#EXTM3U') !== 0) fail(ErrorCode.HLS_INVALID, { url, reason: 'playlist does not start with #EXTM3U', line: first + 1 });
  const maxSegments = context.maxSegments && context.maxSegments > 0 ? context.maxSegments : DEFAULT_MAX_SEGMENTS;
  const issue = (lineIndex: number) => (detail: string) => warn(ctx, 'invalid-attribute', 'line ' + (lineIndex + 1) + ': ' + detail);

  const out: HlsMediaPlaylist = {
    segments: [], targetDuration: 0, mediaSequence: 0, discontinuitySequence: 0, endList: false,
    iFramesOnly: false, imagesOnly: false, segmentFormat: 'fmp4', totalDuration: 0, drm: [],
    skippedSegments: 0, independentSegments: false, warnings: ctx.warnings,
  };
  const drafts: Draft[] = [];
  let pending = newPending();
  let target: number | undefined;
  let map: InitSegment | undefined;
  let keys: SegmentKey[] = [];
  let discontinuities = 0;
  let lastRangeEnd: number | undefined;
  let lastRangeUri: string | undefined;
  let seenSequence = false;
  let seenDiscontinuitySequence = false;
  let pdtBase: number | undefined;
  let pdtSince = 0;

  for (let li = first + 1; li < lines.length; li++) {
    const line = lines[li];
    if (!line) continue;
    if (line.charAt(0) === '#') {
      if (line.indexOf('#EXT') !== 0) continue;
      const [tag, value] = splitTag(line);
      switch (tag) {
        case '#EXTINF': {
          if (pending.hasExtinf) warn(ctx, 'duplicate-extinf', 'line ' + (li + 1) + ': second EXTINF for one segment, the last wins');
          pending.hasExtinf = true;
          const comma = value.indexOf(',');
          const d = parseDecimal(comma < 0 ? value : value.slice(0, comma));
          if (d === undefined || d < 0) {
            warn(ctx, 'invalid-extinf', 'line ' + (li + 1) + ': EXTINF "' + value.slice(0, 40) + '" takes the target duration');
            pending.duration = undefined;
          } else pending.duration = d;
          break;
        }
        case '#EXT-X-TARGETDURATION': {
          const d = parseDecimal(value);
          if (d === undefined || !(d > 0)) warn(ctx, 'invalid-target-duration', 'EXT-X-TARGETDURATION "' + value.slice(0, 40) + '" ignored');
          else target = d;
          break;
        }
        case '#EXT-X-MEDIA-SEQUENCE':
        case '#EXT-X-DISCONTINUITY-SEQUENCE': {
          const isMedia = tag === '#EXT-X-MEDIA-SEQUENCE';
          const n = parseUnsignedInt(value);
          if ((isMedia ? seenSequence : seenDiscontinuitySequence) || drafts.length) warn(ctx, 'misplaced-sequence', tag + ' repeated or after the first segment; the last one wins');
          if (n === undefined) warn(ctx, 'invalid-sequence', tag + ' "' + value.slice(0, 40) + '" read as 0');
          if (isMedia) {
            out.mediaSequence = n || 0;
            seenSequence = true;
          } else {
            out.discontinuitySequence = n || 0;
            seenDiscontinuitySequence = true;
          }
          break;
        }
        case '#EXT-X-DISCONTINUITY':
          pending.discontinuity = true;
          break;
        case '#EXT-X-ENDLIST':
          out.endList = true;
          break;
        case '#EXT-X-PLAYLIST-TYPE': {
          const t = value.trim();
          if (t === 'VOD' || t === 'EVENT') out.playlistType = t;
          else warn(ctx, 'invalid-playlist-type', 'EXT-X-PLAYLIST-TYPE "' + t.slice(0, 40) + '" ignored');
          break;
        }
        case '#EXT-X-I-FRAMES-ONLY':
          out.iFramesOnly = true;
          break;
        case '#EXT-X-IMAGES-ONLY':
          out.imagesOnly = true;
          break;
        case '#EXT-X-INDEPENDENT-SEGMENTS':
          out.independentSegments = true;
          break;
        case '#EXT-X-VERSION': {
          const v = parseUnsignedInt(value);
          if (v === undefined) warn(ctx, 'invalid-version', 'EXT-X-VERSION "' + value.slice(0, 40) + '" ignored');
          else out.version = v;
          break;
        }
        case '#EXT-X-BYTERANGE': {
          const r = parseRange(value);
          if (!r) warn(ctx, 'invalid-byte-range', 'line ' + (li + 1) + ': EXT-X-BYTERANGE "' + value.slice(0, 40) + '" ignored');
          else pending.byteRange = r;
          break;
        }
        case '#EXT-X-MAP':
          map = parseMap(parseAttributeList(value, issue(li)), resolve, ctx);
          if (map && !out.map) out.map = map;
          break;
        case '#EXT-X-KEY': {
          const attrs = parseAttributeList(value, issue(li));
          const key = parseKey(attrs, url, ctx);
          if (!key) break;
          if (key.method === 'NONE') keys = [];
          else {
            keys = keys.filter((k) => (k.keyFormat || 'identity') !== (key.keyFormat || 'identity'));
            keys.push(key);
            const info = drmFromKey(key, attrs);
            if (info) mergeDrmInfos(out.drm, [info]);
            else if (key.method === 'AES-128') warn(ctx, 'aes-128-unsupported', 'AES-128 whole-segment encryption is kept in Segment.key but not supported for playback');
          }
          break;
        }
        case '#EXT-X-PROGRAM-DATE-TIME': {
          const ms = parseDateTime(value);
          if (ms === undefined) warn(ctx, 'invalid-date-time', 'EXT-X-PROGRAM-DATE-TIME "' + value.slice(0, 40) + '" ignored');
          else pending.programDateTimeMs = ms;
          break;
        }
        case '#EXT-X-GAP':
          pending.gap = true;
          break;
        case '#EXT-X-TILES': {
          const attrs = parseAttributeList(value, issue(li));
          const layout = /^\s*(\d+)\s*x\s*(\d+)\s*$/i.exec(attrs.LAYOUT || '');
          if (layout && Number(layout[1]) > 0 && Number(layout[2]) > 0 && !out.tiles) {
            const tiles: NonNullable<HlsMediaPlaylist['tiles']> = { columns: Number(layout[1]), rows: Number(layout[2]) };
            const res = attrResolution(attrs, 'RESOLUTION');
            if (res) {
              tiles.width = res.width;
              tiles.height = res.height;
            }
            const d = attrFloat(attrs, 'DURATION');
            if (d !== undefined && d > 0) tiles.durationSeconds = d;
            out.tiles = tiles;
          }
          break;
        }
        case '#EXT-X-START': {
          const attrs = parseAttributeList(value, issue(li));
          const offset = attrFloat(attrs, 'TIME-OFFSET');
          if (offset !== undefined) out.start = { timeOffset: offset, precise: attrYes(attrs, 'PRECISE') };
          break;
        }
        case '#EXT-X-SERVER-CONTROL': {
          const attrs = parseAttributeList(value, issue(li));
          const control: NonNullable<HlsMediaPlaylist['serverControl']> = { canBlockReload: attrYes(attrs, 'CAN-BLOCK-RELOAD') };
          const skip = attrFloat(attrs, 'CAN-SKIP-UNTIL');
          const hold = attrFloat(attrs, 'HOLD-BACK');
          const partHold = attrFloat(attrs, 'PART-HOLD-BACK');
          if (skip !== undefined) control.canSkipUntil = skip;
          if (hold !== undefined) control.holdBack = hold;
          if (partHold !== undefined) control.partHoldBack = partHold;
          out.serverControl = control;
          break;
        }
        case '#EXT-X-PART-INF': {
          const t = attrFloat(parseAttributeList(value, issue(li)), 'PART-TARGET');
          if (t !== undefined && t > 0) out.partTargetDuration = t;
          break;
        }
        case '#EXT-X-SKIP': {
          const n = attrInt(parseAttributeList(value, issue(li)), 'SKIPPED-SEGMENTS');
          if (n !== undefined && !drafts.length) out.skippedSegments = n;
          else warn(ctx, 'invalid-skip', 'EXT-X-SKIP ignored');
          break;
        }
        case '#EXT-X-STREAM-INF':
        case '#EXT-X-MEDIA':
          fail(ErrorCode.HLS_INVALID, { url, reason: 'multivariant playlist where a media playlist was expected', line: li + 1 });
          break;
        default:
          break;
      }
      continue;
    }
    // A URI line: the segment the pending tags describe.
    const uri = resolve(line);
    if (!pending.hasExtinf) warn(ctx, 'missing-extinf', 'line ' + (li + 1) + ': segment without EXTINF takes the target duration');
    if (pending.discontinuity && drafts.length) discontinuities++;
    const draft: Draft = {
      uri,
      duration: pending.duration,
      discontinuities,
      gap: pending.gap,
      format: segmentFormat(uri, map !== undefined, out.imagesOnly),
    };
    if (map) draft.init = map;
    if (keys.length) draft.key = keys[0];
    if (pending.byteRange) {
      let offset = pending.byteRange.offset;
      if (offset === undefined) {
        if (lastRangeEnd === undefined) warn(ctx, 'byte-range-offset-guessed', 'line ' + (li + 1) + ': first BYTERANGE without offset starts at 0');
        else if (lastRangeUri !== uri) warn(ctx, 'byte-range-offset-guessed', 'line ' + (li + 1) + ': BYTERANGE without offset follows a range of another resource');
        offset = lastRangeEnd !== undefined ? lastRangeEnd : 0;
      }
      draft.byteRange = { start: offset, end: offset + pending.byteRange.length - 1 };
      lastRangeEnd = offset + pending.byteRange.length;
      lastRangeUri = uri;
    } else {
      lastRangeEnd = undefined;
    }
    // PROGRAM-DATE-TIME carries forward by segment durations until a discontinuity.
    if (pending.programDateTimeMs !== undefined) {
      pdtBase = pending.programDateTimeMs;
      pdtSince = 0;
      draft.programDateTimeMs = pdtBase;
    } else if (pending.discontinuity) {
      pdtBase = undefined;
    } else if (pdtBase !== undefined) {
      draft.programDateTimeMs = pdtBase + pdtSince;
    }
    drafts.push(draft);
    pending = newPending();
    if (pdtBase !== undefined) pdtSince += (draft.duration || 0) * 1000;
  }
  return finishSegments(out, drafts, target, url, ctx, context, maxSegments);
}

function parseMap(attrs: AttributeList, resolve: (reference: string) => string, ctx: ParseContext): InitSegment | undefined {
  if (attrs.URI === undefined) {
    warn(ctx, 'invalid-map', 'EXT-X-MAP without URI ignored');
    return undefined;
  }
  const uri = resolve(attrs.URI);
  if (!isHttpUrl(uri)) {
    warn(ctx, 'unsupported-url-scheme', 'EXT-X-MAP ' + uri.slice(0, 80));
    return undefined;
  }
  const init: InitSegment = { urls: [uri] };
  if (attrs.BYTERANGE !== undefined) {
    const r = parseRange(attrs.BYTERANGE);
    if (r) init.byteRange = { start: r.offset || 0, end: (r.offset || 0) + r.length - 1 };
    else warn(ctx, 'invalid-byte-range', 'EXT-X-MAP BYTERANGE "' + attrs.BYTERANGE.slice(0, 40) + '" ignored');
  }
  return init;
}
