import { ErrorCode, TesseraError } from '../../errors';
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
    if (longest > 0) warn(ctx, 'missing-target-duration', 'target duration taken from the longest segment');
    target = Math.ceil(longest);
  }
  out.targetDuration = target;
  if (drafts.length > maxSegments) {
    if (out.endList) fail(ErrorCode.TOO_MANY_SEGMENTS, { url, count: drafts.length });
    warn(ctx, 'live-window-truncated', 'kept the newest ' + maxSegments + ' segments');
  }
  const firstKept = Math.max(0, drafts.length - maxSegments);

  // CMAF only: TS and packed audio are dropped when something else remains (RFC 8216 §3).
  let playable = 0;
  let ts = 0;
  let packed = 0;
  const counts: Record<string, number> = { fmp4: 0, webvtt: 0, image: 0 };
  for (let k = firstKept; k < drafts.length; k++) {
    const f = drafts[k].format;
    if (f === 'ts') ts++;
    else if (f === 'packed-audio') packed++;
    else {
      playable++;
      counts[f]++;
    }
  }
  if (!playable && (ts || packed)) {
    if (ts) throw new TesseraError(ErrorCode.MPEG_TS_UNSUPPORTED, 'fatal', { url });
    fail(ErrorCode.NO_PLAYABLE_STREAMS, { url, reason: 'packed audio (AAC/MP3/AC-3 without fMP4) is not supported' });
  }
  if (ts || packed) warn(ctx, 'segments-dropped', ts + packed + ' MPEG-TS/packed-audio segments dropped (CMAF/fMP4 only)');
  out.segmentFormat = counts.webvtt > counts.fmp4 && counts.webvtt >= counts.image ? 'webvtt' : counts.image > counts.fmp4 ? 'image' : 'fmp4';

  let time = context.startTime !== undefined && isFinite(context.startTime) ? context.startTime : 0;
  const discontinuityBase = (context.discontinuityStart || 0) + out.discontinuitySequence;
  const firstNumber = out.mediaSequence + out.skippedSegments;
  let rejected = 0;
  for (let k = 0; k < drafts.length; k++) {
    const d = drafts[k];
    let duration = d.duration;
    if (duration === undefined) {
      if (!(target > 0)) fail(ErrorCode.HLS_INVALID, { url, reason: 'segment without duration and no target duration' });
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
    warn(ctx, 'unsupported-url-scheme', rejected + ' segments with a non-http(s) URI dropped');
  }
  return out;
}

function firstRejected(drafts: Draft[]): string {
  for (let k = 0; k < drafts.length; k++) if (!isHttpUrl(drafts[k].uri)) return drafts[k].uri.slice(0, 80);
  return '';
}

