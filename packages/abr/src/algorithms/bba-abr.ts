import type { AbrAlgorithm, AbrContext, AbrDecision, ThroughputSample } from '@tessera/core/abr-api';
import { createEwmaEstimator } from '../estimators/ewma-estimator';
import { allowedRungs, highestAllowed, lowestAllowed } from './ladder';

export interface BbaAbrOptions {
  /** Buffer (s) below which the lowest rung is always chosen (default 20% of the buffer goal). */
  reservoirSeconds?: number;
  /** Buffer span (s) above the reservoir over which the rate map climbs to the top rung (default 60% of the goal). */
  cushionSeconds?: number;
}

/**
 * BBA-0 (Huang et al., SIGCOMM 2014): the rung is a function of the buffer alone. Below the reservoir,
 * the lowest rung; above reservoir + cushion, the highest; in between a linear rate map, with the
 * paper's hysteresis: move only when the map crosses the next rung up or down.
 */
export function createBbaAbr(options: BbaAbrOptions = {}): AbrAlgorithm {
  // BBA ignores throughput for decisions; the estimate is kept for the player's reporting.
  const estimator = createEwmaEstimator();
  return {
    name: 'bba',
    addSample(sample: ThroughputSample): void {
      estimator.addSample(sample);
    },
    choose(context: AbrContext): AbrDecision {
      const allowed = allowedRungs(context);
      const reps = context.representations;
      const low = lowestAllowed(allowed);
      const high = highestAllowed(allowed);
      const reservoir = options.reservoirSeconds ?? 0.2 * context.bufferGoalSeconds;
      const cushion = Math.max(options.cushionSeconds ?? 0.6 * context.bufferGoalSeconds, 1e-6);
      const buffer = context.bufferLevelSeconds;
      if (buffer <= reservoir) return { index: low, reason: 'buffer-reservoir' };
      if (buffer >= reservoir + cushion) return { index: high, reason: 'buffer-cushion' };

      const minRate = reps[low]!.bandwidthBps;
      const maxRate = reps[high]!.bandwidthBps;
      const mapped = minRate + ((maxRate - minRate) * (buffer - reservoir)) / cushion;
      const previous = context.lastIndex >= 0 && allowed[context.lastIndex] ? context.lastIndex : low;
      const up = nextAllowed(allowed, previous, +1);
      const down = nextAllowed(allowed, previous, -1);
      if (up !== previous && mapped >= reps[up]!.bandwidthBps) {
        // The highest rung strictly below the map.
        let index = low;
        for (let i = low; i <= high; i++) if (allowed[i] && reps[i]!.bandwidthBps < mapped) index = i;
        return { index, reason: 'buffer-map' };
      }
      if (down !== previous && mapped <= reps[down]!.bandwidthBps) {
        // The lowest rung strictly above the map.
        let index = high;
        for (let i = high; i >= low; i--) if (allowed[i] && reps[i]!.bandwidthBps > mapped) index = i;
        return { index, reason: 'buffer-map' };
      }
      return { index: previous, reason: 'buffer-hold' };
    },
    getBandwidthEstimate(): number | undefined {
      return estimator.getEstimate();
    },
    reset(resetOptions?: { keepEstimate?: boolean }): void {
      if (resetOptions?.keepEstimate === false) estimator.reset();
    },
  };
}

function nextAllowed(allowed: readonly boolean[], from: number, direction: 1 | -1): number {
  for (let i = from + direction; i >= 0 && i < allowed.length; i += direction) if (allowed[i]) return i;
  return from;
}
