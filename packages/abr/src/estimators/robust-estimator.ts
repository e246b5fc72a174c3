import type { ThroughputSample } from '@tessera/core/abr-api';
import { createHarmonicMeanEstimator } from './harmonic-mean-estimator';
import { sampleTransferBps, type SampleFilterOptions, type ThroughputEstimator } from './throughput-estimator';

export interface RobustEstimatorOptions extends SampleFilterOptions {
  /** Samples in the harmonic mean, and past predictions whose error is remembered (default 5). */
  windowSize?: number;
}

export interface RobustThroughputEstimator extends ThroughputEstimator {
  /** Largest relative error |predicted - actual| / actual over the recent window (0 before two samples). */
  getMaxRelativeError(): number;
  /** The undiscounted harmonic mean. */
  getHarmonicMean(): number | undefined;
}

/**
 * Robust lower bound of throughput (Yin et al., SIGCOMM 2015, "RobustMPC"): the harmonic mean of recent
 * rates divided by (1 + the largest relative prediction error seen recently). When the link has been
 * predictable the bound is close to the mean; after surprises it backs off by as much as it was wrong.
 */
export function createRobustEstimator(options: RobustEstimatorOptions = {}): RobustThroughputEstimator {
  const windowSize = Math.max(1, Math.floor(options.windowSize ?? 5));
  const harmonic = createHarmonicMeanEstimator({ ...options, windowSize });
  let errors: number[] = [];
  const maxRelativeError = (): number => {
    let max = 0;
    for (let i = 0; i < errors.length; i++) max = Math.max(max, errors[i]!);
    return max;
  };
  return {
    addSample(sample: ThroughputSample): void {
      const bps = sampleTransferBps(sample, options);
      if (bps === undefined) return;
      const predicted = harmonic.getEstimate();
      if (predicted !== undefined) {
        errors.push(Math.abs(predicted - bps) / Math.max(bps, 1));
        if (errors.length > windowSize) errors.shift();
      }
      harmonic.addSample(sample);
    },
    getEstimate(): number | undefined {
      const mean = harmonic.getEstimate();
      return mean === undefined ? undefined : mean / (1 + maxRelativeError());
    },
    getMaxRelativeError: maxRelativeError,
    getHarmonicMean(): number | undefined {
      return harmonic.getEstimate();
    },
    reset(): void {
      harmonic.reset();
      errors = [];
    },
  };
}
