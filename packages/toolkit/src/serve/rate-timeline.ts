import type { NetworkProfile, TracePeriod } from './network-profile';

/**
 * The link capacity as a function of profile time (ms since the profile was set).
 * Pure: the shaper asks "how many bits fit in [t0, t1)?" for whatever interval its timer
 * actually slept, so late timers cost no accuracy. Note kbps × ms = bits.
 */
export interface RateTimeline {
  rateKbpsAt(timeMs: number): number;
  latencyMsAt(timeMs: number): number;
  bitsBetween(startMs: number, endMs: number): number;
}

export function createRateTimeline(profile: NetworkProfile): RateTimeline {
  if (profile.kind === 'constant') {
    const rate = profile.rateKbps;
    const latency = profile.rttMs ?? 0;
    return {
      rateKbpsAt: () => rate,
      latencyMsAt: () => latency,
      bitsBetween: (startMs, endMs) => Math.max(0, endMs - Math.max(0, startMs)) * rate,
    };
  }
  return createTraceTimeline(profile.trace, profile.loop !== false);
}

function createTraceTimeline(trace: readonly TracePeriod[], loop: boolean): RateTimeline {
  const periods = trace.filter((period) => period.duration_ms > 0);
  if (periods.length === 0) throw new RangeError('trace has no period with a positive duration');
  // startMs[i] and bitsBefore[i]: where period i begins, in time and in cumulative bits.
  const startMs: number[] = [];
  const bitsBefore: number[] = [];
  let time = 0;
  let bits = 0;
  for (const period of periods) {
    startMs.push(time);
    bitsBefore.push(bits);
    time += period.duration_ms;
    bits += period.duration_ms * period.bandwidth_kbps;
  }
  const cycleMs = time;
  const cycleBits = bits;
  const last = periods[periods.length - 1]!;

  /** Index of the period containing `offsetMs` (0 ≤ offsetMs < cycleMs); binary search. */
  function indexAt(offsetMs: number): number {
    let low = 0;
    let high = periods.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (startMs[mid]! <= offsetMs) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  function periodAt(timeMs: number): TracePeriod {
    const t = Math.max(0, timeMs);
    if (!loop && t >= cycleMs) return last;
    return periods[indexAt(t % cycleMs)]!;
  }

  /** Bits carried from profile time 0 to `timeMs`. */
  function cumulativeBits(timeMs: number): number {
    if (timeMs <= 0) return 0;
    if (!loop && timeMs >= cycleMs) return cycleBits + (timeMs - cycleMs) * last.bandwidth_kbps;
    const cycles = Math.floor(timeMs / cycleMs);
    const offset = timeMs - cycles * cycleMs;
    const index = indexAt(offset);
    return cycles * cycleBits + bitsBefore[index]! + (offset - startMs[index]!) * periods[index]!.bandwidth_kbps;
  }

  return {
    rateKbpsAt: (timeMs) => periodAt(timeMs).bandwidth_kbps,
    latencyMsAt: (timeMs) => periodAt(timeMs).latency_ms,
    bitsBetween: (startMs, endMs) => Math.max(0, cumulativeBits(endMs) - cumulativeBits(startMs)),
  };
}
