import type { TimeRange } from '../media/time-ranges';

/** One appended media segment, as the buffer accounting sees it. */
export interface BufferedSegment {
  start: number;
  end: number;
  bytes: number;
}

export interface EvictionInput {
  /** Segments believed to be in the SourceBuffer, sorted by start. */
  segments: readonly BufferedSegment[];
  playhead: number;
  /** Bytes about to be appended. */
  incomingBytes: number;
  budgetBytes: number;
  /** Back buffer the user wants to keep (s); eviction may cut into it when over budget. */
  backBufferSeconds: number;
  /** Start evicting at this fraction of the budget, before the browser throws QuotaExceededError. */
  highWaterFraction?: number;
}

export interface EvictionPlan {
  /** Ranges to remove(), in order. Empty when nothing needs to go. */
  remove: TimeRange[];
  /** Bytes in the buffer after the plan (plus the incoming segment). */
  bytesAfter: number;
  /** True when even after evicting everything behind the playhead the segment does not fit. */
  overBudget: boolean;
}

/** Bytes currently accounted in the buffer. */
export function bufferedBytes(segments: readonly BufferedSegment[]): number {
  let total = 0;
  for (const s of segments) total += s.bytes;
  return total;
}

/**
 * Plans eviction so that the buffer stays under its byte budget *before* the browser
 * complains (peers wait for QuotaExceededError). Order: played media older than the
 * back-buffer goal first; if still over the high-water mark, the rest of the played
 * media (keeping the segment under the playhead). Media ahead is never evicted here:
 * the caller shrinks its buffer goal instead.
 */
export function planEviction(input: EvictionInput): EvictionPlan {
  const highWater = input.budgetBytes * (input.highWaterFraction ?? 0.9);
  let total = bufferedBytes(input.segments) + input.incomingBytes;
  const remove: TimeRange[] = [];

  // Always drop media older than the back-buffer goal: it is cheap and keeps memory flat.
  const backLimit = input.playhead - input.backBufferSeconds;
  let cut = -Infinity;
  for (const s of input.segments) {
    if (s.end <= backLimit) {
      total -= s.bytes;
      cut = Math.max(cut, s.end);
    }
  }
  // Over the high-water mark: cut into the back buffer, segment by segment, up to the playhead.
  if (total > highWater) {
    for (const s of input.segments) {
      if (s.end <= backLimit) continue;
      if (total <= highWater || s.end > input.playhead - 0.5) break;
      total -= s.bytes;
      cut = Math.max(cut, s.end);
    }
  }
  if (cut > -Infinity) remove.push({ start: 0, end: cut });
  return { remove, bytesAfter: total, overBudget: total > input.budgetBytes };
}

/** Forget accounting for a removed range (segments fully inside it). */
export function dropRange(segments: readonly BufferedSegment[], range: TimeRange): BufferedSegment[] {
  return segments.filter((s) => !(s.start >= range.start - 1e-3 && s.end <= range.end + 1e-3));
}
