import type { NetworkTrace } from './network-trace';

/**
 * The link model shared by the simulator and the offline optimum: a request started at time t first
 * waits the latency of the period containing t, then its bytes flow at the trace bandwidth, integrated
 * across periods; the trace loops. One request at a time (segments are fetched one after another).
 */
export interface TraceLink {
  /** Length of one pass over the trace (s). */
  readonly loopSeconds: number;
  /** Latency of the period containing time t (s). */
  latencySecondsAt(t: number): number;
  bandwidthBpsAt(t: number): number;
  /** Bytes the link delivers between times a and b (a ≤ b). */
  bytesBetween(a: number, b: number): number;
  /** Time at which `bytes` finish flowing when the flow starts at `start`. */
  transferEndTime(start: number, bytes: number): number;
  /** Time at which a request issued at `requestTime` for `bytes` completes (latency + transfer). */
  requestEndTime(requestTime: number, bytes: number): number;
  /** Bytes delivered from time 0 to time t (monotone; for callers batching many transfers from one start). */
  cumulativeBytesAt(t: number): number;
  /** Earliest time by which `bytes` have been delivered since time 0 (the inverse of cumulativeBytesAt). */
  timeAtCumulativeBytes(bytes: number): number;
}

export function createTraceLink(trace: NetworkTrace): TraceLink {
  const n = trace.periods.length;
  const starts = new Float64Array(n + 1);
  const rates = new Float64Array(n); // bytes per second
  const latencies = new Float64Array(n);
  const cumulative = new Float64Array(n + 1); // bytes delivered from loop start to period start
  for (let i = 0; i < n; i++) {
    const period = trace.periods[i]!;
    rates[i] = (period.bandwidthKbps * 1000) / 8;
    latencies[i] = period.latencyMs / 1000;
    starts[i + 1] = starts[i]! + period.durationMs / 1000;
    cumulative[i + 1] = cumulative[i]! + rates[i]! * (period.durationMs / 1000);
  }
  const loopSeconds = starts[n]!;
  const loopBytes = cumulative[n]!;

  /** Index of the period containing offset r within one loop (0 ≤ r < loop). */
  function periodAt(r: number): number {
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= r) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  function splitTime(t: number): { loop: number; offset: number } {
    let loop = Math.floor(t / loopSeconds);
    let offset = t - loop * loopSeconds;
    if (offset >= loopSeconds) {
      loop += 1;
      offset -= loopSeconds;
    }
    return { loop, offset: Math.max(0, offset) };
  }

  /** Bytes delivered from time 0 to time t. */
  function bytesUntil(t: number): number {
    const { loop, offset } = splitTime(t);
    const i = periodAt(offset);
    return loop * loopBytes + cumulative[i]! + (offset - starts[i]!) * rates[i]!;
  }

  /** Earliest time by which `target` bytes have been delivered since time 0. */
  function timeOfBytes(target: number): number {
    let loop = Math.floor(target / loopBytes);
    let inner = target - loop * loopBytes;
    if (inner <= 0 && loop > 0) {
      loop -= 1;
      inner = loopBytes;
    }
    // First period whose end has delivered `inner`.
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid + 1]! >= inner) hi = mid;
      else lo = mid + 1;
    }
    const within = rates[lo]! > 0 ? (inner - cumulative[lo]!) / rates[lo]! : 0;
    return loop * loopSeconds + starts[lo]! + Math.max(0, within);
  }

  const latencySecondsAt = (t: number): number => latencies[periodAt(splitTime(t).offset)]!;
  const transferEndTime = (start: number, bytes: number): number =>
    bytes <= 0 ? start : Math.max(start, timeOfBytes(bytesUntil(start) + bytes));
  return {
    loopSeconds,
    latencySecondsAt,
    bandwidthBpsAt: (t) => rates[periodAt(splitTime(t).offset)]! * 8,
    bytesBetween: (a, b) => (b <= a ? 0 : Math.max(0, bytesUntil(b) - bytesUntil(a))),
    transferEndTime,
    requestEndTime: (requestTime, bytes) => transferEndTime(requestTime + latencySecondsAt(requestTime), bytes),
    cumulativeBytesAt: bytesUntil,
    timeAtCumulativeBytes: timeOfBytes,
  };
}
