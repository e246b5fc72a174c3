import { ErrorCode } from '../../errors';
import type { ByteRange, InitSegment, Segment, SegmentKey } from '../../model';
import { fail, warn, type ParseContext } from '../parse-context';
import { isHttpUrl } from '../url/url-policy';
import type { HlsMediaPlaylist, HlsPlaylistContext } from './hls-media-playlist';
import type { HlsSegmentFormat } from './segment-format';

/** A segment as read from the playlist, before timing and the CMAF-only filter. */
export interface Draft {
  uri: string;
  duration?: number;
  byteRange?: ByteRange;
  init?: InitSegment;
  key?: SegmentKey;
  programDateTimeMs?: number;
  discontinuities: number;
  gap: boolean;
  format: HlsSegmentFormat;
}

/**
 * Turns drafts into timed segments: fills missing durations and the target duration,
 * applies the segment cap (VOD fails, live keeps the newest), drops MPEG-TS / packed
 * audio when CMAF remains (RFC 8216 §3) and non-http(s) URIs.
 */
export function finishSegments(
  out: HlsMediaPlaylist,
  drafts: Draft[],
  declaredTarget: number | undefined,
  url: string,
  ctx: ParseContext,
  context: HlsPlaylistContext,
  maxSegments: number,
): HlsMediaPlaylist {
  let longest = 0;
  for (let k = 0; k < drafts.length; k++) if ((drafts[k].duration || 0) > longest) longest = drafts[k].duration as number;
  let target = declaredTarget;
  if (target === undefined) {
    if (longest > 0) warn(ctx, 'missing-target-duration', 'longest segment used');
    target = Math.ceil(longest);
  }
  out.targetDuration = target;
  if (drafts.length > maxSegments) {
    if (out.endList) fail(ErrorCode.TOO_MANY_SEGMENTS, { url, count: drafts.length });
    warn(ctx, 'live-window-truncated', 'newest ' + maxSegments + ' kept');
  }
  const firstKept = Math.max(0, drafts.length - maxSegments);

  // CMAF only: TS and packed audio are dropped when something else remains (RFC 8216 §3).
  const counts: Record<HlsSegmentFormat, number> = { fmp4: 0, webvtt: 0, image: 0, ts: 0, 'packed-audio': 0 };
  for (let k = firstKept; k < drafts.length; k++) counts[drafts[k].format]++;
  const { fmp4, webvtt, image, ts } = counts;
  const dropped = ts + counts['packed-audio'];
  if (dropped && !(fmp4 + webvtt + image)) {
    if (ts) fail(ErrorCode.MPEG_TS_UNSUPPORTED, { url });
    fail(ErrorCode.NO_PLAYABLE_STREAMS, { url, reason: 'packed audio' });
  }
  if (dropped) warn(ctx, 'segments-dropped', dropped + ' MPEG-TS/packed audio');
  out.segmentFormat = webvtt > fmp4 && webvtt >= image ? 'webvtt' : image > fmp4 ? 'image' : 'fmp4';

  let time = context.startTime !== undefined && isFinite(context.startTime) ? context.startTime : 0;
  const discontinuityBase = (context.discontinuityStart || 0) + out.discontinuitySequence;
  const firstNumber = out.mediaSequence + out.skippedSegments;
  let rejected = 0;
  for (let k = 0; k < drafts.length; k++) {
    const d = drafts[k];
    let duration = d.duration;
    if (duration === undefined) {
      if (!(target > 0)) fail(ErrorCode.HLS_INVALID, { url, reason: 'no segment or target duration' });
      duration = target;
    }
    const start = time;
    time += duration;
    out.totalDuration += duration;
    if (k < firstKept || d.format === 'ts' || d.format === 'packed-audio') continue;
    if (!isHttpUrl(d.uri)) {
      rejected++;
      continue;
    }
    const segment: Segment = { startTime: start, endTime: time, urls: [d.uri], number: firstNumber + k, discontinuity: discontinuityBase + d.discontinuities };
    if (d.byteRange) {
      segment.byteRange = d.byteRange;
      segment.sizeBytes = d.byteRange.end - d.byteRange.start + 1;
    }
    if (d.init) segment.init = d.init;
    if (d.key) segment.key = d.key;
    if (d.programDateTimeMs !== undefined) segment.programDateTimeMs = d.programDateTimeMs;
    if (d.gap) segment.gap = true;
    out.segments.push(segment);
  }
  if (rejected) {
    if (!out.segments.length) fail(ErrorCode.UNSUPPORTED_URL_SCHEME, { url: firstRejected(drafts) });
    warn(ctx, 'unsupported-url-scheme', rejected + ' segments');
  }
  return out;
}

function firstRejected(drafts: Draft[]): string {
  for (let k = 0; k < drafts.length; k++) if (!isHttpUrl(drafts[k].uri)) return drafts[k].uri.slice(0, 80);
  return '';
}

