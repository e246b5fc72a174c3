import type { AbrAlgorithm, AbrContext, AbrDecision, ThroughputSample } from '@tessera/core/abr-api';
import { createLatencyEstimator } from '../estimators/latency-estimator';
import { createRobustEstimator } from '../estimators/robust-estimator';
import { allowedRungs, segmentBytes } from './ladder';
import { searchBestPlan } from './plan-search';
import { DEFAULT_INITIAL_BANDWIDTH_BPS } from './throughput-abr';

export interface RobustMpcAbrOptions {
  /** Segments looked ahead (default 5, as in the paper). */
  horizon?: number;
  /** QoE weight of one second of stall, per Mbps of bitrate (default 4.3: QoE_lin). */
  rebufferPenalty?: number;
  /** QoE weight of a bitrate change, per Mbps (default 1). */
  switchPenalty?: number;
  /** Samples in the harmonic mean and in the error window (default 5). */
  windowSize?: number;
  initialBandwidthBps?: number;
}

/**
 * RobustMPC (Yin et al., SIGCOMM 2015): for each segment, find the rung sequence over the next
 * `horizon` segments that maximises QoE_lin (bitrate − 4.3·stall − |Δbitrate|, in Mbps) under the robust
 * throughput bound (harmonic mean / (1 + max recent error)), with real segment sizes when known and the
 * per-request latency, and take its first step.
 */
export function createRobustMpcAbr(options: RobustMpcAbrOptions = {}): AbrAlgorithm {
  const robust = createRobustEstimator({ windowSize: options.windowSize ?? 5 });
  const latency = createLatencyEstimator();
  return {
    name: 'robust-mpc',
    addSample(sample: ThroughputSample): void {
      robust.addSample(sample);
      latency.addSample(sample);
    },
    choose(context: AbrContext): AbrDecision {
      const bandwidth = robust.getEstimate() ?? options.initialBandwidthBps ?? DEFAULT_INITIAL_BANDWIDTH_BPS;
      const rtt = latency.getEstimateSeconds() ?? 0;
      const plan = searchBestPlan({
        utilities: context.representations.map((rep) => rep.bandwidthBps / 1e6),
        allowed: allowedRungs(context),
        previousIndex: context.lastIndex,
        bufferSeconds: context.bufferLevelSeconds,
        playing: !context.startup,
        horizon: Math.max(1, Math.min(options.horizon ?? 5, context.segmentsRemaining)),
        segmentDurationSeconds: context.segmentDurationSeconds,
        downloadSeconds: (index, step) => rtt + (segmentBytes(context, index, step) * 8) / bandwidth,
        maxBufferSeconds: context.bufferGoalSeconds,
        rebufferPenalty: options.rebufferPenalty ?? 4.3,
        switchPenalty: options.switchPenalty ?? 1,
      });
      return { index: plan.index, reason: robust.getEstimate() === undefined ? 'startup' : 'mpc' };
    },
    getBandwidthEstimate(): number | undefined {
      return robust.getEstimate();
    },
    reset(resetOptions?: { keepEstimate?: boolean }): void {
      if (resetOptions?.keepEstimate === false) {
        robust.reset();
        latency.reset();
      }
    },
  };
}
