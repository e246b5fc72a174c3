import type { SimVideo } from '../sim-video';
import type { TraceLink } from '../trace-link';

/** An upper bound of the QoE_lin still to gain from a segment on, for a state at `time` with `buffer`. */
export interface FutureBound {
  upper(from: number, time: number, buffer: number): number;
}

/**
 * Upper bound of the QoE still to gain from segment `from` on, for a state at `time` with `buffer`:
 * the Lagrangian (LP) relaxation of "best bitrates whose bits fit in what the link can deliver before
 * the session could end without another stall", min over λ of Σ_j max_m (Mbps[j][m] − λ·bits[j][m]) +
 * λ·deliverable bits. Only multipliers with λ·(fastest link rate) ≤ the stall penalty are used, so
 * stalling to receive more bits can never beat the bound.
 */
export function createFutureBound(video: SimVideo, link: TraceLink, allowed: readonly boolean[], mbps: readonly number[], penalty: number): FutureBound {
  const count = video.segmentDurationsSeconds.length;
  const remainingMedia = new Float64Array(count + 1);
  for (let j = count - 1; j >= 0; j--) remainingMedia[j] = remainingMedia[j + 1]! + video.segmentDurationsSeconds[j]!;
  let fastest = 0;
  for (let t = 0; t < link.loopSeconds; ) {
    fastest = Math.max(fastest, link.bandwidthBpsAt(t));
    t = Math.max(t + 1e-3, link.timeAtCumulativeBytes(link.cumulativeBytesAt(t) + 1));
  }
  const lambdas: number[] = [0];
  for (let i = 23; i >= 0; i--) lambdas.push((penalty / fastest) * Math.pow(0.75, i));
  // suffix[l][j] = Σ_{i ≥ j} max_m (Mbps[m] − λ_l·bits[i][m])
  const suffix = lambdas.map((lambda) => {
    const sums = new Float64Array(count + 1);
    for (let j = count - 1; j >= 0; j--) {
      let best = -Infinity;
      for (let m = 0; m < mbps.length; m++) {
        if (allowed[m]) best = Math.max(best, mbps[m]! - lambda * 8 * video.segmentSizesBytes[j]![m]!);
      }
      sums[j] = sums[j + 1]! + best;
    }
    return sums;
  });
  return {
    upper(from: number, time: number, buffer: number): number {
      if (from >= count) return 0;
      const bits = 8 * (link.cumulativeBytesAt(time + buffer + remainingMedia[from]!) - link.cumulativeBytesAt(time));
      // S(λ) + λ·bits is convex in λ (S is a sum of maxima of lines), so the grid values are unimodal.
      let lo = 0;
      let hi = lambdas.length - 1;
      while (hi - lo > 2) {
        const m1 = lo + Math.floor((hi - lo) / 3);
        const m2 = hi - Math.floor((hi - lo) / 3);
        if (suffix[m1]![from]! + lambdas[m1]! * bits <= suffix[m2]![from]! + lambdas[m2]! * bits) hi = m2;
        else lo = m1;
      }
      let bound = Infinity;
      for (let l = lo; l <= hi; l++) bound = Math.min(bound, suffix[l]![from]! + lambdas[l]! * bits);
      return bound;
    },
  };
}
