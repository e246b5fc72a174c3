import { describe, expect, it } from 'vitest';
import { createHybridAbr, decideAbandonment } from '@tessera/abr';
import { createScriptedAbr, createSimVideo, createTraceLink, parseTrace, simulateSession } from '@tessera/abr/sim';
import { context, LADDER_KBPS, REPRESENTATIONS, sample } from './helpers';

const TOP = REPRESENTATIONS.length - 1;

/** A video of 3-second segments on the bbb-like ladder, each exactly bitrate × 3 s. */
const video = createSimVideo({
  representations: REPRESENTATIONS,
  segmentDurationsSeconds: new Array<number>(80).fill(3),
  segmentSizesBytes: new Array(80).fill(0).map(() => LADDER_KBPS.map((kbps) => (kbps * 1000 * 3) / 8)),
});

function steadyLink(kbps: number) {
  return createTraceLink(parseTrace(JSON.stringify([{ duration_ms: 1000, bandwidth_kbps: kbps, latency_ms: 40 }])));
}

describe('hybrid', () => {
  it('does not oscillate on a steady link near a rung boundary', () => {
    // 2.2 Mbps sits just above the 2056 kbps rung: a naive rule flips between it and 1427 kbps.
    for (const kbps of [2100, 2200, 2300, 3100]) {
      const result = simulateSession(createHybridAbr(), video, steadyLink(kbps), { maxBufferSeconds: 30 });
      const rungs = result.chunks.map((c) => c.index);
      // It climbs while the reserve builds (and spends the reserve in the last segments), never down.
      for (let k = 1; k < rungs.length; k++) expect(rungs[k]!).toBeGreaterThanOrEqual(rungs[k - 1]!);
      expect(new Set(rungs.slice(20, 70)).size).toBe(1);
      expect(result.metrics.switches).toBeLessThanOrEqual(4);
      expect(result.metrics.rebufferCount).toBe(0);
    }
  });

  it('climbs quickly at startup when the link clearly supports it', () => {
    const result = simulateSession(createHybridAbr(), video, steadyLink(40_000), { maxBufferSeconds: 30 });
    expect(result.chunks[0]!.index).toBe(0);
    expect(result.chunks[2]!.index).toBe(TOP);
    expect(result.chunks.slice(2).every((c) => c.index === TOP)).toBe(true);
  });

  it('keeps a reserve: plays below the estimate while the buffer is low, above it with a surplus', () => {
    const hybrid = createHybridAbr();
    for (let i = 0; i < 20; i++) hybrid.addSample(sample(2000, 750_000));
    const low = hybrid.choose(context({ bufferLevelSeconds: 4, lastIndex: -1, bufferGoalSeconds: 60 })).index;
    const full = createHybridAbr();
    for (let i = 0; i < 20; i++) full.addSample(sample(2000, 750_000));
    const high = full.choose(context({ bufferLevelSeconds: 57, lastIndex: -1, bufferGoalSeconds: 60 })).index;
    expect(REPRESENTATIONS[low]!.bandwidthBps).toBeLessThan(2_000_000 * 0.7);
    expect(REPRESENTATIONS[high]!.bandwidthBps).toBeGreaterThan(2_000_000);
  });

  it('respects caps', () => {
    const hybrid = createHybridAbr();
    for (let i = 0; i < 20; i++) hybrid.addSample(sample(50_000, 2_000_000));
    expect(hybrid.choose(context({ bufferLevelSeconds: 20, caps: { maxHeight: 720 } })).index).toBe(7);
    expect(hybrid.choose(context({ bufferLevelSeconds: 20, caps: { maxWidth: 640 } })).index).toBe(4);
    expect(hybrid.choose(context({ bufferLevelSeconds: 20, caps: { maxBandwidthBps: 1_000_000 } })).index).toBe(4);
  });

  it('holds the top rung through a dip when the buffer is deep, and steps down when it is not', () => {
    // 30 Mbps, then four segments at 3–4 Mbps (under the 6 Mbps top rung once the reserve is counted).
    const afterDip = () => {
      const hybrid = createHybridAbr();
      for (let i = 0; i < 30; i++) hybrid.addSample(sample(30_000, 2_250_000));
      for (const kbps of [4000, 3500, 3000, 3500]) hybrid.addSample(sample(kbps, 2_250_000));
      return hybrid;
    };
    const deep = afterDip().choose(context({ bufferLevelSeconds: 50, bufferGoalSeconds: 60, lastIndex: TOP }));
    expect(deep).toEqual({ index: TOP, reason: 'hold-buffer' });
    expect(afterDip().choose(context({ bufferLevelSeconds: 20, bufferGoalSeconds: 60, lastIndex: TOP })).index).toBeLessThan(TOP);
  });

  it('right after a switch, holds a step up the link only just carries but takes one it clearly carries', () => {
    const abr = createHybridAbr();
    abr.addSample(sample(4500));
    // 4.5 Mbps: up from rung 2 to 2962 kbps (index 7); the switch starts the hysteresis wait.
    expect(abr.choose(context({ lastIndex: 2 })).index).toBe(7);
    abr.addSample(sample(8000));
    // 8 Mbps carries the 6 Mbps top rung (with the margin) but not 1.5 times over: too soon for it.
    // 5027 kbps (index 8) is within 8 / 1.5 Mbps, so that step is taken now, not two segments later.
    expect(abr.choose(context({ lastIndex: 7 })).index).toBe(8);
    // The clear step did not restart the wait: two segments after the first switch, the full step.
    abr.addSample(sample(8000));
    expect(abr.choose(context({ lastIndex: 8 }))).toEqual({ index: 8, reason: 'hold-hysteresis' });
    abr.addSample(sample(8000));
    expect(abr.choose(context({ lastIndex: 8 })).index).toBe(TOP);
  });

  it('reaches the top rung within a few segments on a link just above it', () => {
    // 8 Mbps carries the 6 Mbps top rung; building the reserve must not keep it on a middle rung.
    const result = simulateSession(createHybridAbr(), video, steadyLink(8000), { maxBufferSeconds: 30 });
    expect(result.chunks.findIndex((c) => c.index === TOP)).toBeLessThanOrEqual(4);
    expect(result.chunks.slice(4).every((c) => c.index === TOP)).toBe(true);
    expect(result.metrics.rebufferCount).toBe(0);
  });

  it('keeps fast-starting after a slow first transfer, until the buffer reaches its reserve', () => {
    // An outage at startup: the first segment crawls (12 s of transfer at 300 kbps), then the link is
    // fast. Below the reserve the latest samples rule, not an average the outage still drags down.
    const hybrid = createHybridAbr();
    hybrid.addSample(sample(300, 450_000));
    for (let i = 0; i < 5; i++) hybrid.addSample(sample(20_000, 1_000_000));
    const below = hybrid.choose(context({ bufferLevelSeconds: 12, lastIndex: 7 }));
    expect(below).toEqual({ index: TOP, reason: 'fast-start' });
    // Once the buffer has reached the reserve (15 s of a 30 s goal), the smoothed estimate takes over.
    hybrid.choose(context({ bufferLevelSeconds: 16, lastIndex: TOP }));
    expect(hybrid.choose(context({ bufferLevelSeconds: 16, lastIndex: TOP })).reason).not.toBe('fast-start');
  });

  it('abandons a download that would stall for a lower rung, in the simulator', () => {
    // 8 Mbps for 40 s, then 400 kbps: the segment in flight at the drop cannot finish in time.
    const link = createTraceLink(parseTrace(JSON.stringify([{ duration_ms: 40_000, bandwidth_kbps: 8000, latency_ms: 40 }, { duration_ms: 400_000, bandwidth_kbps: 400, latency_ms: 40 }])));
    const withAbandon = simulateSession(createHybridAbr(), video, link, { maxBufferSeconds: 30 });
    const without = simulateSession(createHybridAbr({ abandonment: false }), video, link, { maxBufferSeconds: 30 });
    expect(withAbandon.metrics.abandonments).toBeGreaterThan(0);
    expect(withAbandon.metrics.rebufferSeconds).toBeLessThan(without.metrics.rebufferSeconds);
  });

  it('is a plain object: a scripted plan and the hybrid run through the same simulator', () => {
    const scripted = simulateSession(createScriptedAbr(new Array(80).fill(3)), video, steadyLink(3000));
    expect(scripted.metrics.switches).toBe(0);
  });
});

describe('abandonment rule', () => {
  const progress = { index: 8, bytesTotal: 1_885_000, segmentDurationSeconds: 3 };

  it('fires when the download cannot finish before the buffer drains and a lower rung can', () => {
    // 1 s in, 100 KB received: 800 kbps. 1.78 MB left = 18 s; the buffer has 4 s.
    const lower = decideAbandonment({
      context: context({ bufferLevelSeconds: 4 }),
      progress: { ...progress, bytesLoaded: 100_000, elapsedMs: 1000 },
      estimateBps: 800_000,
      latencySeconds: 0,
    });
    expect(lower).toBeDefined();
    expect(lower!).toBeLessThan(8);
    // The rung it picks fits: 1 s of latency-free transfer at 800 kbps for ≤ 2.5 s of budget.
    expect((REPRESENTATIONS[lower!]!.bandwidthBps * 3) / 800_000).toBeLessThanOrEqual(2.5);
  });

  it('does not fire when the download will finish in time', () => {
    // 1 s in, 1.5 MB received at 12 Mbps: the rest takes 0.26 s, the buffer has 4 s.
    expect(decideAbandonment({ context: context({ bufferLevelSeconds: 4 }), progress: { ...progress, bytesLoaded: 1_500_000, elapsedMs: 1000 }, estimateBps: 12e6, latencySeconds: 0 })).toBeUndefined();
  });

  it('does not fire when no lower rung would do better, nor on the lowest rung', () => {
    // Nothing received at all: no rung can be fetched either, so keep the bytes coming.
    expect(decideAbandonment({ context: context({ bufferLevelSeconds: 4 }), progress: { ...progress, bytesLoaded: 0, elapsedMs: 2000 }, estimateBps: 1e6, latencySeconds: 0 })).toBeUndefined();
    expect(decideAbandonment({ context: context({ bufferLevelSeconds: 1 }), progress: { ...progress, index: 0, bytesLoaded: 1000, elapsedMs: 2000 }, estimateBps: 1e6, latencySeconds: 0 })).toBeUndefined();
  });

  it('waits while the buffer is deep enough to ride out the dip', () => {
    const deep = decideAbandonment({ context: context({ bufferLevelSeconds: 25 }), progress: { ...progress, bytesLoaded: 100_000, elapsedMs: 1000 }, estimateBps: 800_000, latencySeconds: 0 });
    expect(deep).toBeUndefined();
  });
});
