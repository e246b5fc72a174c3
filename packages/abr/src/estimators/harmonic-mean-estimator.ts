import type { ThroughputSample } from '@tessera/core/abr-api';
import { sampleTransferBps, type SampleFilterOptions, type ThroughputEstimator } from './throughput-estimator';

export interface HarmonicMeanEstimatorOptions extends SampleFilterOptions {
  /** Number of recent samples averaged (default 5, as in MPC). */
  windowSize?: number;
}

/**
 * Harmonic mean of the last N transfer rates: the rate at which N equal-sized downloads would have
 * completed, so one lucky fast sample cannot inflate it (Jiang et al., FESTIVE 2012; Yin et al. 2015).
 */
export function createHarmonicMeanEstimator(options: HarmonicMeanEstimatorOptions = {}): ThroughputEstimator {
  const windowSize = Math.max(1, Math.floor(options.windowSize ?? 5));
  let rates: number[] = [];
  return {
    addSample(sample: ThroughputSample): void {
      const bps = sampleTransferBps(sample, options);
      if (bps === undefined) return;
      rates.push(Math.max(bps, 1));
      if (rates.length > windowSize) rates.shift();
    },
    getEstimate(): number | undefined {
      if (rates.length === 0) return undefined;
      let inverseSum = 0;
      for (let i = 0; i < rates.length; i++) inverseSum += 1 / rates[i]!;
      return rates.length / inverseSum;
    },
    reset(): void {
      rates = [];
    },
  };
}
