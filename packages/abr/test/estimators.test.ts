import { describe, expect, it } from 'vitest';
import { createEwmaEstimator, createHarmonicMeanEstimator, createLatencyEstimator, createRobustEstimator, sampleTransferBps } from '@tessera/abr';
import { sample } from './helpers';

describe('throughput samples', () => {
  it('measure the transfer after the first byte, so latency does not lower the rate', () => {
    expect(sampleTransferBps(sample(4000, 1_000_000, 300))).toBeCloseTo(4_000_000, -3);
  });

  it('ignore tiny transfers, manifests and licences', () => {
    expect(sampleTransferBps(sample(4000, 8_000))).toBeUndefined();
    expect(sampleTransferBps({ ...sample(4000), contentType: 'manifest' })).toBeUndefined();
    expect(sampleTransferBps({ ...sample(4000), contentType: 'license' })).toBeUndefined();
    expect(sampleTransferBps({ bytes: 100_000, durationMs: 52, ttfbMs: 50, endTimeMs: 0, contentType: 'video' })).toBeUndefined();
  });
});

describe('dual-half-life EWMA', () => {
  it('converges to a steady rate and has no estimate before a sample', () => {
    const ewma = createEwmaEstimator();
    expect(ewma.getEstimate()).toBeUndefined();
    for (let i = 0; i < 10; i++) ewma.addSample(sample(3000));
    expect(ewma.getEstimate()).toBeCloseTo(3_000_000, -3);
  });

  it('falls fast and rises slowly (the minimum of the fast and slow averages)', () => {
    const ewma = createEwmaEstimator();
    for (let i = 0; i < 10; i++) ewma.addSample(sample(3000, 1_000_000));
    ewma.addSample(sample(500, 1_000_000));
    const afterDrop = ewma.getEstimate()!;
    expect(afterDrop).toBeLessThan(2_000_000);
    const rising = createEwmaEstimator();
    for (let i = 0; i < 10; i++) rising.addSample(sample(500, 1_000_000));
    rising.addSample(sample(3000, 1_000_000));
    expect(rising.getEstimate()!).toBeLessThan(1_200_000);
  });

  it('with a weight floor, recovers from a dip within a few fast segments', () => {
    // 750 KB at 30 Mbps transfers in 0.2 s: by transfer time alone, one slow 3 s transfer outweighs 15 of them.
    const recover = (minSampleWeightSeconds: number): number => {
      const ewma = createEwmaEstimator({ minSampleWeightSeconds });
      for (let i = 0; i < 20; i++) ewma.addSample(sample(30_000, 750_000));
      ewma.addSample(sample(2_000, 750_000));
      for (let i = 0; i < 5; i++) ewma.addSample(sample(30_000, 750_000));
      return ewma.getEstimate()!;
    };
    expect(recover(0)).toBeLessThan(18_000_000);
    expect(recover(0.5)).toBeGreaterThan(20_000_000);
  });

  it('weights a sample by its transfer time, not by count', () => {
    const short = createEwmaEstimator();
    const long = createEwmaEstimator();
    for (const e of [short, long]) for (let i = 0; i < 5; i++) e.addSample(sample(2000, 1_000_000));
    short.addSample(sample(8000, 20_000));
    long.addSample(sample(8000, 8_000_000));
    expect(short.getEstimate()!).toBeLessThan(long.getEstimate()!);
  });
});

describe('harmonic mean and robust bound', () => {
  it('the harmonic mean of the last N samples is not inflated by one fast sample', () => {
    const hm = createHarmonicMeanEstimator({ windowSize: 3 });
    hm.addSample(sample(1000));
    hm.addSample(sample(1000));
    hm.addSample(sample(100_000));
    expect(hm.getEstimate()!).toBeLessThan(1_600_000);
    hm.addSample(sample(2000));
    hm.addSample(sample(2000));
    hm.addSample(sample(2000));
    expect(hm.getEstimate()).toBeCloseTo(2_000_000, -3);
  });

  it('the robust bound discounts the mean by the largest recent relative error', () => {
    const robust = createRobustEstimator({ windowSize: 5 });
    for (let i = 0; i < 6; i++) robust.addSample(sample(2000));
    expect(robust.getMaxRelativeError()).toBeCloseTo(0, 6);
    expect(robust.getEstimate()).toBeCloseTo(2_000_000, -3);
    robust.addSample(sample(1000));
    // Predicted 2 Mbps, got 1 Mbps: 100% error, so the bound is half the harmonic mean.
    expect(robust.getMaxRelativeError()).toBeCloseTo(1, 6);
    expect(robust.getEstimate()!).toBeCloseTo(robust.getHarmonicMean()! / 2, 0);
  });
});

describe('latency', () => {
  it('tracks the mean time to first byte of media requests', () => {
    const latency = createLatencyEstimator({ windowSize: 2 });
    expect(latency.getEstimateSeconds()).toBeUndefined();
    latency.addSample(sample(1000, 100_000, 100));
    latency.addSample(sample(1000, 100_000, 300));
    latency.addSample({ ...sample(1000, 100_000, 5000), contentType: 'license' });
    expect(latency.getEstimateSeconds()).toBeCloseTo(0.2, 6);
  });
});
