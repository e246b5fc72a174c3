import type { AbrAlgorithm, AbrContext, AbrDecision, ThroughputSample } from '@tessera/core/abr-api';
import { createEwmaEstimator } from '../estimators/ewma-estimator';
import { allowedRungs, highestRungWithin } from './ladder';
import { DEFAULT_INITIAL_BANDWIDTH_BPS } from './throughput-abr';

export interface BolaAbrOptions {
  /** Buffer (s) at and below which BOLA picks the lowest rung (default max(segment, 20% of the goal)). */
  lowBufferSeconds?: number;
  /** Buffer (s) from which BOLA picks the highest rung (default goal − 2 segments). */
  highBufferSeconds?: number;
  /** Safety factor of the throughput rule used at startup and as a ceiling (default 0.9). */
  safetyFactor?: number;
  initialBandwidthBps?: number;
}

interface BolaParameters {
  rungs: number[];
  utilities: number[];
  v: number;
  gp: number;
}

/**
 * BOLA (Spiteri et al., INFOCOM 2016) with the BOLA-E refinements (Spiteri et al., MMSys 2018): utility
 * ln(bitrate / lowest bitrate), the Lyapunov constants V and γp derived so that the lowest rung is chosen
 * up to `lowBufferSeconds` and the highest from `highBufferSeconds`; a placeholder buffer lets startup
 * (and a throughput-based first choice) carry into the buffer-based regime; and BOLA-O's rule of never
 * climbing above both the last rung and the throughput rung, against oscillation.
 */
export function createBolaAbr(options: BolaAbrOptions = {}): AbrAlgorithm {
  const estimator = createEwmaEstimator();
  const safety = options.safetyFactor ?? 0.9;
  let placeholderSeconds = 0;

  function parameters(context: AbrContext): BolaParameters {
    const allowed = allowedRungs(context);
    const rungs: number[] = [];
    for (let i = 0; i < allowed.length; i++) if (allowed[i]) rungs.push(i);
    const rates = rungs.map((i) => context.representations[i]!.bandwidthBps);
    const utilities = rates.map((rate) => Math.log(rate / rates[0]!));
    const low = options.lowBufferSeconds ?? Math.max(context.segmentDurationSeconds, 0.2 * context.bufferGoalSeconds);
    const high = Math.max(options.highBufferSeconds ?? context.bufferGoalSeconds - 2 * context.segmentDurationSeconds, low + 1);
    const n = rungs.length;
    if (n < 2) return { rungs, utilities, v: 1, gp: 1 };
    // Switch level between rungs m and m+1 is V·(γp + (S[m+1]·v[m] − S[m]·v[m+1]) / (S[m+1] − S[m])).
    const a = (rates[0]! * utilities[1]!) / (rates[1]! - rates[0]!);
    const c = (rates[n - 1]! * utilities[n - 2]! - rates[n - 2]! * utilities[n - 1]!) / (rates[n - 1]! - rates[n - 2]!);
    const v = c + a > 1e-9 ? (high - low) / (c + a) : (high + low) / 2 / Math.max(utilities[n - 1]!, 1e-9);
    return { rungs, utilities, v, gp: (c + a > 1e-9 ? low : (high + low) / 2) / v + a };
  }

  function bolaChoice(context: AbrContext, p: BolaParameters, level: number): number {
    let best = 0;
    let bestScore = -Infinity;
    for (let k = 0; k < p.rungs.length; k++) {
      const rate = context.representations[p.rungs[k]!]!.bandwidthBps;
      const score = (p.v * (p.utilities[k]! + p.gp) - level) / rate;
      if (score > bestScore) {
        bestScore = score;
        best = k;
      }
    }
    return best;
  }

  /** Buffer level from which BOLA prefers rung position k over k − 1 (0 for the lowest). */
  function minLevelFor(context: AbrContext, p: BolaParameters, k: number): number {
    if (k <= 0) return 0;
    const lo = context.representations[p.rungs[k - 1]!]!.bandwidthBps;
    const hi = context.representations[p.rungs[k]!]!.bandwidthBps;
    return p.v * ((hi * p.utilities[k - 1]! - lo * p.utilities[k]!) / (hi - lo) + p.gp);
  }

  return {
    name: 'bola',
    addSample(sample: ThroughputSample): void {
      estimator.addSample(sample);
    },
    choose(context: AbrContext): AbrDecision {
      const p = parameters(context);
      if (p.rungs.length === 1) return { index: p.rungs[0]!, reason: 'caps' };
      const estimate = estimator.getEstimate();
      const throughputIndex = highestRungWithin(context, allowedRungs(context), safety * (estimate ?? options.initialBandwidthBps ?? DEFAULT_INITIAL_BANDWIDTH_BPS));
      const throughputPos = Math.max(0, p.rungs.indexOf(throughputIndex));
      const buffer = context.bufferLevelSeconds;

      if (context.startup || context.lastIndex < 0 || estimate === undefined) {
        // BOLA-E startup: take the throughput rung and pretend the buffer BOLA would need for it is there.
        placeholderSeconds = Math.max(0, minLevelFor(context, p, throughputPos) - buffer);
        return { index: throughputIndex, reason: 'startup' };
      }
      if (buffer < Math.min(context.segmentDurationSeconds, p.v * p.gp)) placeholderSeconds = 0;

      let pos = bolaChoice(context, p, buffer + placeholderSeconds);
      let reason = 'bola';
      const lastPos = p.rungs.indexOf(context.lastIndex);
      if (pos > lastPos && pos > throughputPos) {
        pos = Math.max(throughputPos, lastPos);
        reason = 'bola-throughput-cap';
      }
      // Keep the virtual buffer no higher than the chosen rung justifies, so the placeholder fades.
      const ceiling = pos + 1 < p.rungs.length ? minLevelFor(context, p, pos + 1) : Infinity;
      placeholderSeconds = Math.max(0, Math.min(placeholderSeconds, ceiling - buffer));
      return { index: p.rungs[pos]!, reason };
    },
    getBandwidthEstimate(): number | undefined {
      return estimator.getEstimate();
    },
    reset(resetOptions?: { keepEstimate?: boolean }): void {
      placeholderSeconds = 0;
      if (resetOptions?.keepEstimate === false) estimator.reset();
    },
  };
}
