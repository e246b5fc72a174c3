import { describe, expect, it } from 'vitest';
import type { AbrAlgorithm } from '@tessera/core/abr-api';
import { createScriptedAbr, createSimVideo, createTraceLink, parseTrace, simulateSession, type SimVideo } from '@tessera/abr/sim';

/** A trace from [seconds, kbps] periods with one latency. */
function trace(periods: Array<[number, number]>, latencyMs = 0) {
  return parseTrace(JSON.stringify(periods.map(([s, kbps]) => ({ duration_ms: s * 1000, bandwidth_kbps: kbps, latency_ms: latencyMs }))));
}

/** `count` segments of `seconds`, every segment of rung i weighing sizes[i] bytes. */
function video(sizes: number[], count: number, seconds = 2): SimVideo {
  return createSimVideo({
    representations: sizes.map((bytes, i) => ({ id: String(i), bandwidthBps: (bytes * 8) / seconds })),
    segmentDurationsSeconds: new Array<number>(count).fill(seconds),
    segmentSizesBytes: new Array(count).fill(0).map(() => sizes.slice()),
  });
}

describe('link model', () => {
  it('integrates bandwidth across periods, pays latency once per request, and loops the trace', () => {
    // 1 s at 8 kbps (1000 B/s) then 1 s at 16 kbps (2000 B/s), 100 ms latency.
    const link = createTraceLink(trace([[1, 8], [1, 16]], 100));
    expect(link.requestEndTime(0, 900)).toBeCloseTo(1.0, 9);
    expect(link.requestEndTime(0, 1900)).toBeCloseTo(1.5, 9);
    // Past the end of the trace it starts over: 2 s in, 1000 B take one second again.
    expect(link.transferEndTime(2, 1000)).toBeCloseTo(3, 9);
    expect(link.bytesBetween(0.5, 4.5)).toBeCloseTo(500 + 2000 + 1000 + 2000 + 500, 6);
  });

  it('waits through a zero-bandwidth period', () => {
    const link = createTraceLink(trace([[1, 8], [2, 0], [1, 8]]));
    expect(link.transferEndTime(0.5, 1000)).toBeCloseTo(3.5, 9);
  });
});

describe('simulateSession', () => {
  it('gives exact download times, buffer and stall for a known trace and sizes', () => {
    // 80 kbps = 10 000 B/s, 50 ms latency; 2 s segments of 10 000 B take 1.05 s each.
    const link = createTraceLink(trace([[100, 80]], 50));
    const result = simulateSession(createScriptedAbr([0, 0, 0, 0]), video([10_000], 4), link, { startupThresholdSeconds: 2 });
    expect(result.chunks.map((c) => c.arrivalTime)).toEqual([1.05, 2.1, 3.15, 4.2].map((t) => expect.closeTo(t, 9)));
    expect(result.metrics.startupDelaySeconds).toBeCloseTo(1.05, 9);
    expect(result.metrics.rebufferSeconds).toBe(0);
    expect(result.chunks[3]!.bufferAfterArrival).toBeCloseTo(2 + 3 * (2 - 1.05), 9);
    // Total stall = the startup wait; QoE_lin = 4 × bitrate − 4.3 × 1.05.
    expect(result.metrics.qoeLinTotal).toBeCloseTo(4 * 0.04 - 4.3 * 1.05, 9);
    expect(result.endTime).toBeCloseTo(1.05 + 8, 9);
  });

  it('replays a scripted plan from the first segment, keeping its last rung past its end', () => {
    // A plan of the 3 segments a browser played, replayed over a 6-segment title.
    const link = createTraceLink(trace([[100, 800]]));
    const result = simulateSession(createScriptedAbr([2, 0, 1]), video([1000, 2000, 3000], 6), link);
    expect(result.chunks.map((c) => c.index)).toEqual([2, 0, 1, 1, 1, 1]);
  });

  it('stalls when the buffer runs dry and counts it as a rebuffer, apart from startup', () => {
    // 2 s segments take 3 s each: after the first, every download stalls 1 s.
    const link = createTraceLink(trace([[100, 80]]));
    const result = simulateSession(createScriptedAbr([0, 0, 0]), video([30_000], 3), link);
    expect(result.metrics.startupDelaySeconds).toBeCloseTo(3, 9);
    expect(result.metrics.rebufferSeconds).toBeCloseTo(2, 9);
    expect(result.metrics.rebufferCount).toBe(2);
    expect(result.metrics.rebufferRatio).toBeCloseTo(2 / (6 + 2), 9);
  });

  it('does not fetch while the buffer is full: it waits', () => {
    const link = createTraceLink(trace([[1000, 8000]]));
    const result = simulateSession(createScriptedAbr(new Array(20).fill(0)), video([1000], 20), link, { maxBufferSeconds: 10 });
    for (const chunk of result.chunks) expect(chunk.bufferAtRequest + 2).toBeLessThanOrEqual(10 + 1e-9);
    expect(result.metrics.rebufferSeconds).toBe(0);
  });

  it('asks the algorithm whether to abandon during a download and refetches at the rung it returns', () => {
    const link = createTraceLink(trace([[0.1, 800], [100, 8]]));
    const asked: number[] = [];
    const abandoning: AbrAlgorithm = {
      name: 'abandoning',
      addSample() {},
      getBandwidthEstimate: () => undefined,
      choose: (ctx) => ({ index: ctx.startup ? 0 : 1, reason: 'test' }),
      shouldAbandon(_ctx, progress) {
        asked.push(progress.elapsedMs);
        return progress.index === 1 ? 0 : undefined;
      },
    };
    const result = simulateSession(abandoning, video([1_000, 50_000], 3), link, { abandonCheckIntervalSeconds: 0.5 });
    expect(asked.length).toBeGreaterThan(0);
    expect(result.chunks[1]!.index).toBe(0);
    expect(result.chunks[1]!.abandonments).toBe(1);
  });
});
