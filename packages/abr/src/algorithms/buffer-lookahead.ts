import type { AbrContext } from '@tessera/core/abr-api';
import { segmentBytes } from './ladder';

/**
 * Lowest buffer level (s) right after each of the next `segments` arrivals if every one is fetched at
 * rung `index`, under a constant bandwidth and per-request latency, with the real segment sizes when
 * the context knows them and the scheduler's buffer cap. Negative-free: a stall shows as 0 before the
 * arrival, so the returned level is then at most one segment.
 */
export function lowestBufferAhead(context: AbrContext, index: number, segments: number, bandwidthBps: number, latencySeconds: number): number {
  const duration = context.segmentDurationSeconds;
  const ceiling = Math.max(context.bufferGoalSeconds - duration, duration);
  let buffer = context.bufferLevelSeconds;
  let lowest = Infinity;
  const count = Math.max(1, Math.min(segments, context.segmentsRemaining));
  for (let step = 0; step < count; step++) {
    const download = latencySeconds + (segmentBytes(context, index, step) * 8) / bandwidthBps;
    buffer = Math.max(0, buffer - download) + duration;
    lowest = Math.min(lowest, buffer);
    buffer = Math.min(buffer, ceiling);
  }
  return lowest;
}
