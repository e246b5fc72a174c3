import { nextRangeStart, rangeAt, type TimeRange } from '../media/time-ranges';

export interface PlayheadObservation {
  time: number;
  paused: boolean;
  seeking: boolean;
  ended: boolean;
  /** Buffered ranges where every active type has data (intersection). */
  ranges: readonly TimeRange[];
  /** ms since the playhead last advanced. */
  stalledForMs: number;
  stallTimeoutMs: number;
  maxGapSeconds: number;
  duration: number;
}

export type PlayheadAction = { action: 'none' } | { action: 'jump'; to: number; reason: 'gap' | 'stall' };

/**
 * Decides how to get a stuck playhead moving (pure: the monitor applies it):
 * - inside a small gap between buffered ranges → jump to the next range;
 * - not advancing although media is buffered ahead → nudge past the stuck point.
 */
export function planPlayheadRecovery(o: PlayheadObservation): PlayheadAction {
  if (o.paused || o.seeking || o.ended) return { action: 'none' };
  const here = rangeAt(o.ranges, o.time, 0.05);
  if (!here) {
    const next = nextRangeStart(o.ranges, o.time, o.maxGapSeconds);
    // Jump a hair past the start: landing exactly on a range edge can stall again.
    if (next !== undefined) return { action: 'jump', to: next + 0.01, reason: 'gap' };
    return { action: 'none' };
  }
  if (o.stalledForMs >= o.stallTimeoutMs && here.end - o.time > 0.5) {
    return { action: 'jump', to: o.time + 0.1, reason: 'stall' };
  }
  return { action: 'none' };
}
