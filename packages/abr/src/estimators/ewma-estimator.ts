import type { ThroughputSample } from '@tessera/core/abr-api';
import { sampleTransferBps, type SampleFilterOptions, type ThroughputEstimator } from './throughput-estimator';

export interface EwmaEstimatorOptions extends SampleFilterOptions {
  /** Half-life of the fast average, in seconds of transfer time (default 3). */
  fastHalfLifeSeconds?: number;
  /** Half-life of the slow average, in seconds of transfer time (default 9). */
  slowHalfLifeSeconds?: number;
  /**
   * Least weight (s) a sample counts for (default 0: its transfer time, as shaka and hls.js). On a link
   * far faster than the media, segments transfer in a tenth of a second, so with pure transfer-time
   * weights one slow transfer during a dip outweighs dozens of fast ones and the estimate takes tens of
   * segments to recover; a floor makes every segment count.
   */
  minSampleWeightSeconds?: number;
}

/** One exponentially weighted average whose decay is driven by transfer time, not by sample count. */
function createWeightedAverage(halfLifeSeconds: number) {
  const alpha = Math.exp(Math.log(0.5) / halfLifeSeconds);
  let estimate = 0;
  let totalWeight = 0;
  return {
    add(weightSeconds: number, value: number): void {
      const adjAlpha = Math.pow(alpha, weightSeconds);
      estimate = value * (1 - adjAlpha) + adjAlpha * estimate;
      totalWeight += weightSeconds;
    },
    /** Zero-bias corrected (the average starts at 0, so early values are scaled up). */
    get(): number {
      const zeroFactor = 1 - Math.pow(alpha, totalWeight);
      return estimate / zeroFactor;
    },
    reset(): void {
      estimate = 0;
      totalWeight = 0;
    },
  };
}

/**
 * Dual-half-life EWMA of transfer throughput, each sample weighted by its transfer duration (as shaka
 * and hls.js do). The estimate is the minimum of the fast and slow averages: quick to fall, slow to rise.
 */
export function createEwmaEstimator(options: EwmaEstimatorOptions = {}): ThroughputEstimator {
  const fast = createWeightedAverage(options.fastHalfLifeSeconds ?? 3);
  const slow = createWeightedAverage(options.slowHalfLifeSeconds ?? 9);
  let count = 0;
  return {
    addSample(sample: ThroughputSample): void {
      const bps = sampleTransferBps(sample, options);
      if (bps === undefined) return;
      const weightSeconds = Math.max(Math.max(sample.durationMs - sample.ttfbMs, 1) / 1000, options.minSampleWeightSeconds ?? 0);
      fast.add(weightSeconds, bps);
      slow.add(weightSeconds, bps);
      count++;
    },
    getEstimate(): number | undefined {
      return count === 0 ? undefined : Math.min(fast.get(), slow.get());
    },
    reset(): void {
      fast.reset();
      slow.reset();
      count = 0;
    },
  };
}
