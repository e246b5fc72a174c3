import { describe, expect, it } from 'vitest';
import { computeOptimalQoe, createScriptedAbr, createSimVideo, createTraceLink, parseTrace, simulateSession, type SimVideo, type SimulationOptions, type TraceLink } from '@tessera/abr/sim';

function trace(periods: Array<[number, number]>, latencyMs = 0): TraceLink {
  return createTraceLink(parseTrace(JSON.stringify(periods.map(([s, kbps]) => ({ duration_ms: s * 1000, bandwidth_kbps: kbps, latency_ms: latencyMs })))));
}

/** Segments of `seconds` whose size at rung i is kbps[i] × seconds, varied per segment by `jitter`. */
function video(kbps: number[], count: number, seconds: number, jitter: number[] = []): SimVideo {
  return createSimVideo({
    representations: kbps.map((rate, i) => ({ id: String(i), bandwidthBps: rate * 1000 })),
    segmentDurationsSeconds: new Array<number>(count).fill(seconds),
    segmentSizesBytes: new Array(count).fill(0).map((_, k) => kbps.map((rate) => (rate * 1000 * seconds * (1 + (jitter[k] ?? 0))) / 8)),
  });
}

/** Best QoE_lin over every rung sequence, each played through the simulator. */
function bruteForce(v: SimVideo, link: TraceLink, options: SimulationOptions): number {
  const rungs = v.representations.length;
  const count = v.segmentDurationsSeconds.length;
  let best = -Infinity;
  for (let code = 0; code < Math.pow(rungs, count); code++) {
    const plan: number[] = [];
    for (let k = 0, c = code; k < count; k++, c = Math.floor(c / rungs)) plan.push(c % rungs);
    best = Math.max(best, simulateSession(createScriptedAbr(plan), v, link, options).metrics.qoeLinTotal);
  }
  return best;
}

const CASES: Array<{ name: string; video: SimVideo; link: TraceLink; options: SimulationOptions }> = [
  { name: 'constant link, 3 rungs, 4 segments', video: video([300, 1000, 3000], 4, 2), link: trace([[100, 1200]], 40), options: {} },
  { name: 'link that improves mid-session', video: video([300, 1000, 3000], 4, 2), link: trace([[3, 400], [100, 5000]], 80), options: {} },
  { name: 'link that collapses (outage)', video: video([500, 2000], 4, 2, [0, 0.5, -0.3, 0.2]), link: trace([[2.5, 6000], [4, 0], [100, 800]], 20), options: {} },
  { name: 'buffer cap forces waits', video: video([300, 1000, 3000], 4, 2), link: trace([[1, 20_000], [2, 200], [100, 2500]], 10), options: { maxBufferSeconds: 5 } },
  { name: 'startup needs two segments', video: video([300, 1000, 3000], 4, 1), link: trace([[2, 900], [100, 3000]], 30), options: { startupThresholdSeconds: 2 } },
  { name: 'bursty looping trace, 2 rungs, 3 segments', video: video([700, 2500], 3, 3, [0.3, -0.2, 0]), link: trace([[0.7, 9000], [1.3, 300]], 50), options: {} },
];

describe('offline optimum', () => {
  for (const c of CASES) {
    it(`equals brute force on tiny cases: ${c.name}`, () => {
      const expected = bruteForce(c.video, c.link, c.options);
      const exact = computeOptimalQoe(c.video, c.link, { ...c.options, timeStepSeconds: 0, valueTolerance: 0 });
      expect(exact.session.metrics.qoeLinTotal).toBeCloseTo(expected, 9);
      // The default discretisation may only lose a little.
      const discretised = computeOptimalQoe(c.video, c.link, c.options);
      expect(discretised.session.metrics.qoeLinTotal).toBeLessThanOrEqual(expected + 1e-9);
      expect(discretised.session.metrics.qoeLinTotal).toBeGreaterThan(expected - 0.25);
    });
  }

  it('equals brute force on 40 random tiny cases (constant latency, threshold ≤ one segment)', () => {
    let seed = 12345;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let n = 0; n < 40; n++) {
      const rungs = 2 + Math.floor(random() * 2);
      const count = 3 + Math.floor(random() * 2);
      const kbps = [200 + random() * 300, 800 + random() * 700, 2000 + random() * 2000].slice(0, rungs);
      const periods: Array<[number, number]> = [];
      for (let p = 0; p < 4; p++) periods.push([0.5 + random() * 3, random() < 0.2 ? 0 : 100 + random() * 4000]);
      periods.push([1, 1000]);
      const seconds = 1 + Math.floor(random() * 3);
      const v = video(kbps, count, seconds, [random() - 0.5, random() - 0.5, random() - 0.5, random() - 0.5]);
      const link = trace(periods, Math.floor(random() * 100));
      const options: SimulationOptions = { maxBufferSeconds: seconds * (2 + Math.floor(random() * 3)), startupThresholdSeconds: seconds };
      const exact = computeOptimalQoe(v, link, { ...options, timeStepSeconds: 0, valueTolerance: 0 });
      expect(exact.session.metrics.qoeLinTotal).toBeCloseTo(bruteForce(v, link, options), 9);
    }
  });

  it('replays its plan through the simulator, so its QoE is achievable', () => {
    const c = CASES[1]!;
    const result = computeOptimalQoe(c.video, c.link);
    const replay = simulateSession(createScriptedAbr(result.plan), c.video, c.link);
    expect(replay.metrics.qoeLinTotal).toBeCloseTo(result.session.metrics.qoeLinTotal, 12);
  });
});
