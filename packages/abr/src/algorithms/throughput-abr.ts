import type { AbrAlgorithm, AbrContext, AbrDecision, ThroughputSample } from '@tessera/core/abr-api';
import { createEwmaEstimator, type EwmaEstimatorOptions } from '../estimators/ewma-estimator';
import { allowedRungs, highestRungWithin } from './ladder';

export interface ThroughputAbrOptions {
  /** Fraction of the estimate a rung may use (default 0.9). */
  safetyFactor?: number;
  /** Estimate used before the first usable sample (bps, default 1 Mbps). */
  initialBandwidthBps?: number;
  estimator?: EwmaEstimatorOptions;
}

export const DEFAULT_INITIAL_BANDWIDTH_BPS = 1_000_000;

/** The classic rule: the highest rung whose bitrate fits under safety × the dual-EWMA throughput estimate. */
export function createThroughputAbr(options: ThroughputAbrOptions = {}): AbrAlgorithm {
  const safety = options.safetyFactor ?? 0.9;
  const estimator = createEwmaEstimator(options.estimator);
  return {
    name: 'throughput',
    addSample(sample: ThroughputSample): void {
      estimator.addSample(sample);
    },
    choose(context: AbrContext): AbrDecision {
      const estimate = estimator.getEstimate() ?? options.initialBandwidthBps ?? DEFAULT_INITIAL_BANDWIDTH_BPS;
      const index = highestRungWithin(context, allowedRungs(context), safety * estimate);
      return { index, reason: estimator.getEstimate() === undefined ? 'startup' : 'throughput' };
    },
    getBandwidthEstimate(): number | undefined {
      return estimator.getEstimate();
    },
    reset(resetOptions?: { keepEstimate?: boolean }): void {
      if (resetOptions?.keepEstimate === false) estimator.reset();
    },
  };
}
