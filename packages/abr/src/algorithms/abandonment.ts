import type { AbrContext, DownloadProgress } from '@tessera/core/abr-api';
import { allowedRungs, segmentBytes } from './ladder';

export interface AbandonmentOptions {
  /** Buffer (s) the download must finish above; finishing below it counts as "too late" (default 1.5). */
  safetyBufferSeconds?: number;
  /** Do not judge a download before this much time after its first byte was due (default 0.25 s). */
  minElapsedSeconds?: number;
  /** Never abandon while the buffer is above this level (s): a deep buffer is there to ride out dips. */
  bufferCeilingSeconds?: number;
  /**
   * Abandon at the last responsible moment: while the best lower rung would still fit with more than
   * this much time to spare (s), keep downloading (the dip may pass, and the bytes are not wasted).
   * Default: one segment duration.
   */
  maxSlackSeconds?: number;
  /**
   * When even the lowest rung would finish late, abandon anyway if it saves at least this much stall (s)
   * compared with finishing the current download (default: one segment duration).
   */
  minStallSavingSeconds?: number;
}

export interface AbandonmentInput {
  context: AbrContext;
  progress: DownloadProgress;
  /** Current bandwidth estimate (bps), used until the download itself has told us its rate. */
  estimateBps: number | undefined;
  /** Predicted time to first byte of a new request (s). */
  latencySeconds: number;
}

/**
 * Decides whether to abort an in-flight segment: yes when, at the rate this download is actually
 * getting, it cannot finish before the buffer drains below the safety level while a lower rung,
 * requested now, could. Returns that lower rung (the highest one that fits), or undefined to continue.
 * With a deep buffer the decision waits until the lower rung would barely fit, so a brief dip does
 * not throw away a nearly complete high-quality segment.
 */
export function decideAbandonment(input: AbandonmentInput, options: AbandonmentOptions = {}): number | undefined {
  const { context, progress } = input;
  const current = progress.index;
  const allowed = allowedRungs(context);
  if (context.bufferLevelSeconds > (options.bufferCeilingSeconds ?? Infinity)) return undefined;
  const elapsed = progress.elapsedMs / 1000;
  const transferElapsed = elapsed - input.latencySeconds;
  if (transferElapsed < (options.minElapsedSeconds ?? 0.25)) return undefined;

  const total = progress.bytesTotal ?? segmentBytes(context, current, 0);
  const remainingBytes = Math.max(0, total - progress.bytesLoaded);
  if (remainingBytes === 0) return undefined;
  // The rate observed on this very download; nothing received yet means it is stuck.
  const rate = (progress.bytesLoaded * 8) / transferElapsed;
  const remainingSeconds = rate > 0 ? (remainingBytes * 8) / rate : Infinity;
  const budget = context.bufferLevelSeconds - (options.safetyBufferSeconds ?? 1.5);
  if (remainingSeconds <= budget) return undefined;

  // A fresh request pays the RTT again, and the rate is the one this download is getting (or less).
  const rateForRefetch = Math.min(rate, input.estimateBps ?? rate);
  let lowest = -1;
  for (let j = current - 1; j >= 0; j--) {
    if (!allowed[j]) continue;
    lowest = j;
    if (rateForRefetch <= 0) continue;
    const refetch = input.latencySeconds + (segmentBytes(context, j, 0) * 8) / rateForRefetch;
    if (refetch <= budget) return budget - refetch <= (options.maxSlackSeconds ?? progress.segmentDurationSeconds) ? j : undefined;
  }
  if (lowest < 0 || rateForRefetch <= 0) return undefined;
  // Nothing finishes in time: still switch if the lowest rung stalls much less.
  const lowestSeconds = input.latencySeconds + (segmentBytes(context, lowest, 0) * 8) / rateForRefetch;
  const saving = Math.max(0, remainingSeconds - budget) - Math.max(0, lowestSeconds - budget);
  return saving >= (options.minStallSavingSeconds ?? progress.segmentDurationSeconds) ? lowest : undefined;
}
