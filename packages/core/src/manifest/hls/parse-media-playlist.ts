import { ErrorCode } from '../../errors';
import type { InitSegment, SegmentKey } from '../../model';
import { mergeDrmInfos } from '../drm/merge-drm-infos';
import { fail, warn, type ParseContext } from '../parse-context';
import { DEFAULT_MAX_SEGMENTS } from '../parse-options';
import { parseDateTime } from '../time/parse-date-time';
import { urlResolver } from '../url/resolve-url';
import { httpUrlOrWarn } from '../url/url-policy';
import { parseDecimal, parseTileLayout, parseUnsignedInt } from '../util/numbers';
import { attrYes, copyAttributes, parseAttributeList, resolutionOf, type AttributeList } from './attribute-list';
import type { HlsMediaPlaylist, HlsPlaylistContext } from './hls-media-playlist';
import { drmFromKey, parseKey } from './hls-keys';
import { finishSegments, type Draft } from './media-segments';
import { segmentFormat } from './segment-format';
import { firstTagLine, splitLines, splitTag } from './playlist-lines';

/*
 * HLS media playlist (RFC 8216 §4.3.2, §4.3.3). Recoveries (each leaves a warning):
 * a missing or invalid EXTINF takes the target duration; a missing or invalid
 * EXT-X-TARGETDURATION becomes the longest segment rounded up; invalid sequence numbers
 * become 0; BYTERANGE without offset continues the previous segment's range.
 */

/** What the tags seen since the last URI line say about the next segment. */
interface Pending {
  duration?: number;
  hasExtinf?: boolean;
  byteRange?: { length: number; offset?: number };
  programDateTimeMs?: number;
  discontinuity?: boolean;
  gap?: boolean;
}

/** "length[@offset]" (EXT-X-BYTERANGE, MAP BYTERANGE). */
function parseRange(value: string): { length: number; offset?: number } | undefined {
  const m = /^\s*(\d+)\s*(?:@\s*(\d*)\s*)?$/.exec(value);
  const length = m ? parseUnsignedInt(m[1]) : undefined;
  const offset = m && m[2] ? parseUnsignedInt(m[2]) : undefined;
  if (length === undefined || (m && m[2] && offset === undefined)) return undefined;
  return offset === undefined ? { length } : { length, offset };
}

export function parseMediaPlaylistWith(text: string, url: string, ctx: ParseContext, context: HlsPlaylistContext = {}): HlsMediaPlaylist {
  const lines = splitLines(text);
  const resolve = urlResolver(url);
  const first = firstTagLine(lines, url);
  const maxSegments = context.maxSegments && context.maxSegments > 0 ? context.maxSegments : DEFAULT_MAX_SEGMENTS;

  const out: HlsMediaPlaylist = {
    segments: [], targetDuration: 0, mediaSequence: 0, discontinuitySequence: 0, endList: false,
    iFramesOnly: false, imagesOnly: false, segmentFormat: 'fmp4', totalDuration: 0, drm: [],
    skippedSegments: 0, independentSegments: false, warnings: ctx.warnings,
  };
  const drafts: Draft[] = [];
  let pending: Pending = {};
  let target: number | undefined;
  let map: InitSegment | undefined;
  let keys: SegmentKey[] = [];
  let discontinuities = 0;
  let lastRangeEnd: number | undefined;
  let lastRangeUri: string | undefined;
  const seenSequence: Record<string, boolean> = {};
  let pdtBase: number | undefined;
  let pdtSince = 0;
  let lineNumber = 0;
  let value = '';
  /** A warning about the current line. */
  const note = (kind: string, detail?: string): void => warn(ctx, kind, 'line ' + lineNumber + (detail ? ': ' + detail : ''));
  /** A warning about the current tag's value, which is then ignored. */
  const ignored = (kind: string, prefix = ''): void => warn(ctx, kind, prefix + '"' + value.slice(0, 40) + '"');
  const attributes = (): AttributeList => parseAttributeList(value, (detail) => note('invalid-attribute', detail));
  const decimal = (attrs: AttributeList, name: string): number | undefined => parseDecimal(attrs[name]);

  for (let li = first + 1; li < lines.length; li++) {
    const line = lines[li];
    lineNumber = li + 1;
    if (!line) continue;
    if (line.charAt(0) === '#') {
      if (line.indexOf('#EXT') !== 0) continue;
      const tag = splitTag(line);
      value = tag[1];
      switch (tag[0]) {
        case '#EXTINF': {
          if (pending.hasExtinf) note('duplicate-extinf');
          pending.hasExtinf = true;
          const d = parseDecimal(value.split(',')[0]);
          if (d === undefined || d < 0) note('invalid-extinf', value.slice(0, 40));
          pending.duration = d !== undefined && d >= 0 ? d : undefined;
          break;
        }
        case '#EXT-X-TARGETDURATION': {
          const d = parseDecimal(value);
          if (d !== undefined && d > 0) target = d;
          else ignored('invalid-target-duration');
          break;
        }
        case '#EXT-X-MEDIA-SEQUENCE':
        case '#EXT-X-DISCONTINUITY-SEQUENCE': {
          const n = parseUnsignedInt(value);
          if (seenSequence[tag[0]] || drafts.length) warn(ctx, 'misplaced-sequence', tag[0]);
          if (n === undefined) ignored('invalid-sequence', tag[0] + ' ');
          seenSequence[tag[0]] = true;
          if (tag[0] === '#EXT-X-MEDIA-SEQUENCE') out.mediaSequence = n || 0;
          else out.discontinuitySequence = n || 0;
          break;
        }
        case '#EXT-X-DISCONTINUITY':
          pending.discontinuity = true;
          break;
        case '#EXT-X-GAP':
          pending.gap = true;
          break;
        case '#EXT-X-ENDLIST':
          out.endList = true;
          break;
        case '#EXT-X-I-FRAMES-ONLY':
          out.iFramesOnly = true;
          break;
        case '#EXT-X-IMAGES-ONLY':
          out.imagesOnly = true;
          break;
        case '#EXT-X-INDEPENDENT-SEGMENTS':
          out.independentSegments = true;
          break;
        case '#EXT-X-PLAYLIST-TYPE': {
          const t = value.trim();
          if (t === 'VOD' || t === 'EVENT') out.playlistType = t;
          else ignored('invalid-playlist-type');
          break;
        }
        case '#EXT-X-VERSION': {
          const v = parseUnsignedInt(value);
          if (v === undefined) ignored('invalid-version');
          else out.version = v;
          break;
        }
        case '#EXT-X-BYTERANGE': {
          const r = parseRange(value);
          if (r) pending.byteRange = r;
          else note('invalid-byte-range', value.slice(0, 40));
          break;
        }
        case '#EXT-X-MAP':
          map = parseMap(attributes(), resolve, ctx);
          if (map && !out.map) out.map = map;
          break;
        case '#EXT-X-KEY': {
          const attrs = attributes();
          const key = parseKey(attrs, url, ctx);
          if (key && key.method === 'NONE') keys = [];
          else if (key) {
            const format = key.keyFormat || 'identity';
            keys = keys.filter((k) => (k.keyFormat || 'identity') !== format);
            keys.push(key);
            const info = drmFromKey(key, attrs);
            if (info) mergeDrmInfos(out.drm, [info]);
            else if (key.method === 'AES-128') warn(ctx, 'aes-128-unsupported', 'kept in Segment.key only');
          }
          break;
        }
        case '#EXT-X-PROGRAM-DATE-TIME': {
          const ms = parseDateTime(value);
          if (ms === undefined) ignored('invalid-date-time');
          else pending.programDateTimeMs = ms;
          break;
        }
        case '#EXT-X-TILES': {
          const attrs = attributes();
          const layout = parseTileLayout(attrs.LAYOUT);
          if (layout && !out.tiles) {
            out.tiles = Object.assign(layout, resolutionOf(attrs));
            const d = decimal(attrs, 'DURATION');
            if (d !== undefined && d > 0) out.tiles.durationSeconds = d;
          }
          break;
        }
        case '#EXT-X-START': {
          const attrs = attributes();
          const offset = decimal(attrs, 'TIME-OFFSET');
          if (offset !== undefined) out.start = { timeOffset: offset, precise: attrYes(attrs, 'PRECISE') };
          break;
        }
        case '#EXT-X-SERVER-CONTROL': {
          const attrs = attributes();
          out.serverControl = copyAttributes<NonNullable<HlsMediaPlaylist['serverControl']>>(
            attrs,
            { canBlockReload: attrYes(attrs, 'CAN-BLOCK-RELOAD') },
            { canSkipUntil: 'CAN-SKIP-UNTIL', holdBack: 'HOLD-BACK', partHoldBack: 'PART-HOLD-BACK' },
            parseDecimal,
          );
          break;
        }
        case '#EXT-X-PART-INF': {
          const t = decimal(attributes(), 'PART-TARGET');
          if (t !== undefined && t > 0) out.partTargetDuration = t;
          break;
        }
        case '#EXT-X-SKIP': {
          const n = parseUnsignedInt(attributes()['SKIPPED-SEGMENTS']);
          if (n !== undefined && !drafts.length) out.skippedSegments = n;
          else warn(ctx, 'invalid-skip', 'EXT-X-SKIP');
          break;
        }
        case '#EXT-X-STREAM-INF':
        case '#EXT-X-MEDIA':
          fail(ErrorCode.HLS_INVALID, { url, reason: 'multivariant playlist, media playlist expected', line: lineNumber });
      }
      continue;
    }
    // A URI line: the segment the pending tags describe.
    const uri = resolve(line);
    if (!pending.hasExtinf) note('missing-extinf');
    if (pending.discontinuity && drafts.length) discontinuities++;
    const draft: Draft = {
      uri,
      duration: pending.duration,
      discontinuities,
      gap: !!pending.gap,
      format: segmentFormat(uri, map !== undefined, out.imagesOnly),
    };
    if (map) draft.init = map;
    if (keys.length) draft.key = keys[0];
    const range = pending.byteRange;
    if (range) {
      let offset = range.offset;
      if (offset === undefined) {
        if (lastRangeEnd === undefined) note('byte-range-offset-guessed', 'from 0');
        else if (lastRangeUri !== uri) note('byte-range-offset-guessed', 'after another resource');
        offset = lastRangeEnd || 0;
      }
      draft.byteRange = { start: offset, end: offset + range.length - 1 };
      lastRangeEnd = offset + range.length;
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
    pending = {};
    if (pdtBase !== undefined) pdtSince += (draft.duration || 0) * 1000;
  }
  return finishSegments(out, drafts, target, url, ctx, context, maxSegments);
}

function parseMap(attrs: AttributeList, resolve: (reference: string) => string, ctx: ParseContext): InitSegment | undefined {
  if (attrs.URI === undefined) {
    warn(ctx, 'invalid-map', 'no URI');
    return undefined;
  }
  const uri = httpUrlOrWarn(ctx, resolve(attrs.URI), 'EXT-X-MAP');
  if (!uri) return undefined;
  const init: InitSegment = { urls: [uri] };
  if (attrs.BYTERANGE !== undefined) {
    const r = parseRange(attrs.BYTERANGE);
    if (r) init.byteRange = { start: r.offset || 0, end: (r.offset || 0) + r.length - 1 };
    else warn(ctx, 'invalid-byte-range', 'EXT-X-MAP "' + attrs.BYTERANGE.slice(0, 40) + '"');
  }
  return init;
}
