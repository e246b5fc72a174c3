import type { QoeWeights } from '../session-metrics';
import type { StateTable } from './state-table';

/**
 * Orders candidate indexes by time bucket, best score first within a bucket: a counting sort over
 * buckets (they span a few hundred values) with an insertion sort inside each, far cheaper than a
 * comparator sort of every candidate.
 */
function sortByBucketThenScore(order: Int32Array, bucket: Float64Array, score: Float64Array): void {
  const n = order.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    lo = Math.min(lo, bucket[i]!);
    hi = Math.max(hi, bucket[i]!);
  }
  const span = hi - lo + 1;
  if (!(span <= 4 * n + 1024) || bucket[0] !== Math.floor(bucket[0]!)) {
    order.sort((a, b) => bucket[a]! - bucket[b]! || score[b]! - score[a]!);
    return;
  }
  const starts = new Int32Array(span + 1);
  for (let i = 0; i < n; i++) starts[bucket[i]! - lo + 1]++;
  for (let b = 0; b < span; b++) starts[b + 1] += starts[b]!;
  const fill = new Int32Array(starts.subarray(0, span));
  for (let i = 0; i < n; i++) order[fill[bucket[i]! - lo]!++] = i;
  const byScore = (a: number, b: number): number => score[b]! - score[a]!;
  for (let b = 0; b < span; b++) {
    const from = starts[b]!;
    const to = starts[b + 1]!;
    if (to - from > 12) {
      order.subarray(from, to).sort(byScore);
      continue;
    }
    for (let k = from + 1; k < to; k++) {
      const item = order[k]!;
      let j = k - 1;
      while (j >= from && score[order[j]!]! < score[item]!) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = item;
    }
  }
}

/** Kept (quality, score) pairs of one group, none dominating another: quality descending, score ascending. */
class Staircase {
  quality: number[] = [];
  score: number[] = [];

  /** Whether some kept pair has quality ≥ q and score ≥ v. */
  covers(q: number, v: number): boolean {
    let lo = 0;
    let hi = this.quality.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.quality[mid]! >= q) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && this.score[lo - 1]! >= v;
  }

  add(q: number, v: number): void {
    let at = 0;
    while (at < this.quality.length && this.quality[at]! > q) at++;
    let end = at;
    while (end < this.quality.length && this.score[end]! <= v) end++;
    this.quality.splice(at, end - at, q);
    this.score.splice(at, end - at, v);
  }
}

/**
 * Copies to `out` the candidates that no other dominates: one no later (same time bucket counts as
 * simultaneous) with at least the quality and the QoE so far — less the switch cost between the two
 * rungs when they differ, since from a different rung every future switch costs at most that more.
 */
export function keepNonDominated(c: StateTable, mbps: readonly number[], weights: QoeWeights, timeStep: number, tolerance: number, out: StateTable): void {
  const n = c.size;
  if (n === 0) return;
  const rungCount = mbps.length;
  const order = new Int32Array(n);
  const bucket = new Float64Array(n);
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    order[i] = i;
    bucket[i] = timeStep > 0 ? Math.floor(c.time[i]! / timeStep) : c.time[i]!;
    score[i] = c.quality[i]! - weights.rebufferPenalty * c.stall[i]!;
  }
  sortByBucketThenScore(order, bucket, score);
  const stairs: Staircase[] = [];
  for (let g = 0; g < rungCount * 2; g++) stairs.push(new Staircase());
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const rung = c.rung[i]!;
    const flag = c.playing[i]!;
    const quality = c.quality[i]!;
    const value = score[i]!;
    let dominated = stairs[rung * 2 + flag]!.covers(quality - tolerance, value - tolerance);
    for (let r = 0; r < rungCount && !dominated; r++) {
      if (r === rung) continue;
      const gap = weights.switchPenalty * Math.abs(mbps[r]! - mbps[rung]!) - tolerance;
      dominated = stairs[r * 2 + flag]!.covers(quality + gap, value + gap);
    }
    if (dominated) continue;
    out.copyFrom(c, i);
    stairs[rung * 2 + flag]!.add(quality, value);
  }
}
