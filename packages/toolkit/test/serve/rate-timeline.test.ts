import { describe, expect, it } from 'vitest';
import { createRateTimeline } from '../../src/serve/index';

describe('createRateTimeline', () => {
  it('carries rate × time bits on a constant link', () => {
    const timeline = createRateTimeline({ kind: 'constant', rateKbps: 4000, rttMs: 40 });
    expect(timeline.bitsBetween(0, 1000)).toBe(4_000_000);
    expect(timeline.bitsBetween(250, 500)).toBe(1_000_000);
    expect(timeline.latencyMsAt(123)).toBe(40);
  });

  const trace = [
    { duration_ms: 1000, bandwidth_kbps: 1000, latency_ms: 100 },
    { duration_ms: 500, bandwidth_kbps: 0, latency_ms: 200 },
    { duration_ms: 500, bandwidth_kbps: 4000, latency_ms: 50 },
  ];

  it('integrates a trace across period boundaries', () => {
    const timeline = createRateTimeline({ kind: 'trace', trace });
    expect(timeline.bitsBetween(0, 1000)).toBe(1_000_000);
    expect(timeline.bitsBetween(900, 1600)).toBe(100_000 + 0 + 400_000);
    expect(timeline.rateKbpsAt(1200)).toBe(0);
    expect(timeline.latencyMsAt(1200)).toBe(200);
    expect(timeline.latencyMsAt(1999)).toBe(50);
  });

  it('loops by default and holds the last period otherwise', () => {
    const looping = createRateTimeline({ kind: 'trace', trace });
    // One cycle is 2 s and 3 Mbit.
    expect(looping.bitsBetween(0, 2000)).toBe(3_000_000);
    expect(looping.bitsBetween(0, 5000)).toBe(2 * 3_000_000 + 1_000_000);
    expect(looping.rateKbpsAt(2500)).toBe(1000);
    expect(looping.latencyMsAt(4100)).toBe(100);

    const holding = createRateTimeline({ kind: 'trace', trace, loop: false });
    expect(holding.rateKbpsAt(2500)).toBe(4000);
    expect(holding.bitsBetween(2000, 3000)).toBe(4_000_000);
  });
});
