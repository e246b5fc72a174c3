import { describe, expect, it } from 'vitest';
import { createBbaAbr, createBolaAbr, createRobustMpcAbr, createThroughputAbr } from '@tessera/abr';
import { context, REPRESENTATIONS, sample } from './helpers';

const TOP = REPRESENTATIONS.length - 1;

describe('BBA', () => {
  const bba = createBbaAbr({ reservoirSeconds: 6, cushionSeconds: 18 });

  it('picks the lowest rung at or below the reservoir, whatever it played before', () => {
    expect(bba.choose(context({ bufferLevelSeconds: 0, lastIndex: TOP })).index).toBe(0);
    expect(bba.choose(context({ bufferLevelSeconds: 6, lastIndex: 5 })).index).toBe(0);
  });

  it('picks the highest rung above reservoir + cushion', () => {
    expect(bba.choose(context({ bufferLevelSeconds: 24.5, lastIndex: 0 })).index).toBe(TOP);
    expect(bba.choose(context({ bufferLevelSeconds: 29, lastIndex: 2 })).index).toBe(TOP);
  });

  it('in the cushion follows the rate map, holding the rung until the map crosses a neighbour', () => {
    // Map at 15 s: 230 + (6000-230)·9/18 = 3115 kbps.
    expect(bba.choose(context({ bufferLevelSeconds: 15, lastIndex: 0 })).index).toBe(7);
    expect(bba.choose(context({ bufferLevelSeconds: 15, lastIndex: 7 })).index).toBe(7);
    // Map at 10 s: 1512 kbps; from 7 (2962) it drops to the lowest rung above the map, 2056 kbps.
    expect(bba.choose(context({ bufferLevelSeconds: 10, lastIndex: 7 })).index).toBe(6);
  });

  it('respects caps at both ends', () => {
    expect(bba.choose(context({ bufferLevelSeconds: 29, caps: { maxHeight: 540 } })).index).toBe(6);
    expect(bba.choose(context({ bufferLevelSeconds: 0, caps: { maxBandwidthBps: 100_000 } })).index).toBe(0);
  });
});

describe('throughput rule', () => {
  it('takes the highest rung under safety × estimate', () => {
    const abr = createThroughputAbr({ safetyFactor: 0.9 });
    for (let i = 0; i < 20; i++) abr.addSample(sample(2400, 1_000_000));
    // 0.9 × 2.4 Mbps = 2.16 Mbps -> 2056 kbps.
    expect(abr.choose(context()).index).toBe(6);
  });

  it('respects maxWidth, maxHeight and maxBandwidth caps', () => {
    const abr = createThroughputAbr();
    for (let i = 0; i < 20; i++) abr.addSample(sample(50_000, 2_000_000));
    expect(abr.choose(context()).index).toBe(TOP);
    expect(abr.choose(context({ caps: { maxHeight: 720 } })).index).toBe(7);
    expect(abr.choose(context({ caps: { maxWidth: 640 } })).index).toBe(4);
    expect(abr.choose(context({ caps: { maxBandwidthBps: 1_500_000 } })).index).toBe(5);
  });
});

describe('BOLA', () => {
  function warmed(kbps: number) {
    const bola = createBolaAbr();
    for (let i = 0; i < 20; i++) bola.addSample(sample(kbps, 1_000_000));
    return bola;
  }

  it('climbs with the buffer: lowest rung on an empty buffer, highest on a full one', () => {
    const bola = warmed(50_000);
    expect(bola.choose(context({ bufferLevelSeconds: 0.5, lastIndex: 0 })).index).toBe(0);
    expect(bola.choose(context({ bufferLevelSeconds: 29, lastIndex: TOP })).index).toBe(TOP);
  });

  it('starts from the throughput rule', () => {
    const bola = warmed(2400);
    expect(bola.choose(context({ startup: true, lastIndex: -1, bufferLevelSeconds: 0 })).index).toBe(6);
  });

  it('respects caps', () => {
    const bola = warmed(50_000);
    expect(bola.choose(context({ bufferLevelSeconds: 29, lastIndex: 6, caps: { maxHeight: 540 } })).index).toBe(6);
    expect(bola.choose(context({ bufferLevelSeconds: 29, lastIndex: 6, caps: { maxBandwidthBps: 1_000_000 } })).index).toBe(4);
    expect(bola.choose(context({ startup: true, lastIndex: -1, bufferLevelSeconds: 0, caps: { maxWidth: 500 } })).index).toBe(2);
  });
});

describe('robust MPC', () => {
  it('plans with real segment sizes: a cheap segment at a high rung is taken when it fits', () => {
    const mpc = createRobustMpcAbr();
    for (let i = 0; i < 6; i++) mpc.addSample(sample(1500, 1_000_000));
    const nominal = mpc.choose(context({ bufferLevelSeconds: 6, lastIndex: 4 })).index;
    // Every segment is tiny at every rung (a black screen): the top rung costs almost nothing.
    const tiny = mpc.choose(context({ bufferLevelSeconds: 6, lastIndex: 4, segmentSizeBytes: () => 20_000 })).index;
    expect(nominal).toBeLessThan(TOP);
    expect(tiny).toBe(TOP);
  });

  it('respects caps', () => {
    const mpc = createRobustMpcAbr();
    for (let i = 0; i < 6; i++) mpc.addSample(sample(50_000, 2_000_000));
    expect(mpc.choose(context({ bufferLevelSeconds: 20, lastIndex: 5, caps: { maxHeight: 432 } })).index).toBe(5);
  });
});
