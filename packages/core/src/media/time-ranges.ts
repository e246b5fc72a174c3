/** Pure helpers over buffered ranges (seconds). `TimeRanges` is converted once at the edge. */
export interface TimeRange {
  start: number;
  end: number;
}

/** Converts a DOM TimeRanges (or anything shaped like it) to plain ranges. */
export function toRanges(ranges: { length: number; start(i: number): number; end(i: number): number } | null | undefined): TimeRange[] {
  const out: TimeRange[] = [];
  if (!ranges) return out;
  for (let i = 0; i < ranges.length; i++) out.push({ start: ranges.start(i), end: ranges.end(i) });
  return out;
}

/** The range containing `time` (with `tolerance` for tiny gaps at the edges), if any. */
export function rangeAt(ranges: readonly TimeRange[], time: number, tolerance = 0.1): TimeRange | undefined {
  for (const r of ranges) if (time >= r.start - tolerance && time < r.end + tolerance) return r;
  return undefined;
}

/** Seconds buffered contiguously ahead of `time` (0 when `time` is not buffered). */
export function bufferedAhead(ranges: readonly TimeRange[], time: number, tolerance = 0.1): number {
  const r = rangeAt(ranges, time, tolerance);
  if (!r) return 0;
  // Ranges separated by less than the tolerance count as contiguous.
  let end = r.end;
  for (const next of ranges) if (next.start > r.start && next.start <= end + tolerance) end = Math.max(end, next.end);
  return Math.max(0, end - time);
}

/** The end of the contiguous buffered region containing `time`, or undefined. */
export function bufferedEnd(ranges: readonly TimeRange[], time: number, tolerance = 0.1): number | undefined {
  const ahead = bufferedAhead(ranges, time, tolerance);
  return rangeAt(ranges, time, tolerance) ? time + ahead : undefined;
}

/** Intersection of two range lists (what a media element with two SourceBuffers can play). */
export function intersectRanges(a: readonly TimeRange[], b: readonly TimeRange[]): TimeRange[] {
  const out: TimeRange[] = [];
  for (const x of a) {
    for (const y of b) {
      const start = Math.max(x.start, y.start);
      const end = Math.min(x.end, y.end);
      if (end > start) out.push({ start, end });
    }
  }
  return out.sort((p, q) => p.start - q.start);
}

/** The start of the first range beginning after `time`, within `maxGap` seconds (gap jumping). */
export function nextRangeStart(ranges: readonly TimeRange[], time: number, maxGap: number): number | undefined {
  let best: number | undefined;
  for (const r of ranges) {
    if (r.start > time && r.start - time <= maxGap && (best === undefined || r.start < best)) best = r.start;
  }
  return best;
}
