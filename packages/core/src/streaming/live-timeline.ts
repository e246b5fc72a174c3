import type { Segment } from '../model/presentation';

/**
 * HLS live: each playlist refresh numbers its window from time 0. Place the refreshed
 * segments on the timeline we already use by matching media sequence numbers
 * (RFC 8216 §6.3.5): a segment with the same number keeps its start time.
 * Returns the shifted segments, or undefined when the windows share no number
 * (the caller then restarts at the live edge).
 */
export function alignRefreshedSegments(known: readonly Segment[], refreshed: readonly Segment[]): Segment[] | undefined {
  if (refreshed.length === 0) return [];
  if (known.length === 0) return refreshed.slice();
  const byNumber = new Map<number, Segment>();
  for (const s of known) byNumber.set(s.number, s);
  for (const s of refreshed) {
    const match = byNumber.get(s.number);
    if (match) {
      const shift = match.startTime - s.startTime;
      return refreshed.map((r) => ({ ...r, startTime: r.startTime + shift, endTime: r.endTime + shift }));
    }
  }
  // No overlap but contiguous numbering: continue after the last known segment.
  const last = known[known.length - 1]!;
  const first = refreshed[0]!;
  if (first.number === last.number + 1) {
    const shift = last.endTime - first.startTime;
    return refreshed.map((r) => ({ ...r, startTime: r.startTime + shift, endTime: r.endTime + shift }));
  }
  return undefined;
}

/**
 * HLS live: a media playlist loaded after the session started (another rung after an ABR
 * switch, or audio fetched a moment after video) numbers its window from time 0 too, but
 * its window may have moved on since the first playlist was loaded. Place it on the
 * timeline of a playlist already in use (`reference`):
 * 1. by EXT-X-PROGRAM-DATE-TIME when both carry it (exact across audio and video);
 * 2. by media sequence number, when the segments with that number last about as long
 *    (renditions of one packager share numbering; audio with other durations does not).
 * Returns undefined when neither applies (the playlist is used as it is).
 */
export function alignNewLivePlaylist(reference: readonly Segment[], fresh: readonly Segment[]): Segment[] | undefined {
  if (reference.length === 0 || fresh.length === 0) return undefined;
  const shifted = (shift: number): Segment[] => fresh.map((s) => ({ ...s, startTime: s.startTime + shift, endTime: s.endTime + shift }));
  const refDated = reference.find((s) => s.programDateTimeMs !== undefined);
  const freshDated = fresh.find((s) => s.programDateTimeMs !== undefined);
  if (refDated && freshDated) {
    return shifted(refDated.startTime + (freshDated.programDateTimeMs! - refDated.programDateTimeMs!) / 1000 - freshDated.startTime);
  }
  const byNumber = new Map<number, Segment>();
  for (const s of reference) byNumber.set(s.number, s);
  for (const s of fresh) {
    const match = byNumber.get(s.number);
    if (!match) continue;
    const a = match.endTime - match.startTime;
    const b = s.endTime - s.startTime;
    if (Math.abs(a - b) > Math.max(0.1, 0.1 * Math.max(a, b))) return undefined;
    return shifted(match.startTime - s.startTime);
  }
  return undefined;
}

/** Where a live session starts: `delay` seconds behind the end of the newest segment. */
export function liveStartPosition(segments: readonly Segment[], delaySeconds: number): number {
  if (segments.length === 0) return 0;
  const first = segments[0]!.startTime;
  const edge = segments[segments.length - 1]!.endTime;
  return Math.max(first, edge - delaySeconds);
}

/** The seekable window of a live presentation: first available segment to edge − delay. */
export function liveSeekRange(segments: readonly Segment[], delaySeconds: number): { start: number; end: number } {
  if (segments.length === 0) return { start: 0, end: 0 };
  const start = segments[0]!.startTime;
  return { start, end: Math.max(start, segments[segments.length - 1]!.endTime - delaySeconds) };
}
