import { describe, expect, it } from 'vitest';
import { createHybridAbr, type HybridAbrOptions } from '@tessera/abr';
import type { ThroughputSample } from '@tessera/core/abr-api';
import { context, REPRESENTATIONS, sample } from './helpers';

const TOP = REPRESENTATIONS.length - 1;

/** An audio segment download (66 kB by default, as a 4 s AAC segment at 128 kbps). */
function audioSample(kbps: number, bytes = 66_000): ThroughputSample {
  return { ...sample(kbps, bytes), contentType: 'audio' };
}

/** A hybrid past fast start: 40 s of transfer at `kbps`, segments of 2 s. */
function settledAt(kbps: number, options: HybridAbrOptions = {}) {
  const hybrid = createHybridAbr(options);
  for (let i = 0; i < 20; i++) hybrid.addSample(sample(kbps, (kbps * 1000 * 2) / 8));
  // The buffer reaches its reserve once: fast start is over.
  hybrid.choose(context({ bufferLevelSeconds: 20, lastIndex: -1 }));
  return hybrid;
}

describe('hybrid on a link shared with audio', () => {
  it('counts only video transfers once one is seen, unless told otherwise', () => {
    const hybrid = settledAt(5000);
    const before = hybrid.getBandwidthEstimate()!;
    for (let i = 0; i < 6; i++) hybrid.addSample(audioSample(800));
    expect(hybrid.getBandwidthEstimate()).toBe(before);

    const mixed = settledAt(5000, { videoSamplesOnly: false });
    for (let i = 0; i < 6; i++) mixed.addSample(audioSample(800));
    expect(mixed.getBandwidthEstimate()!).toBeLessThan(before * 0.8);
  });

  it('uses audio transfers before the first video one (an audio-first start)', () => {
    const hybrid = createHybridAbr();
    hybrid.addSample(audioSample(3000, 100_000));
    expect(hybrid.getBandwidthEstimate()).toBeCloseTo(3_000_000, -3);
  });

  it('takes the audio bitrate off the rate the video may use', () => {
    const plain = settledAt(3000);
    const withAudio = settledAt(3000);
    // 3 s audio segments of 375 kB: 1 Mbps of the link goes to audio.
    withAudio.addSample(audioSample(3000, 375_000));
    const alone = plain.choose(context({ bufferLevelSeconds: 15, lastIndex: -1 })).index;
    const shared = withAudio.choose(context({ bufferLevelSeconds: 15, lastIndex: -1 })).index;
    expect(REPRESENTATIONS[alone]!.bandwidthBps).toBeGreaterThan(2_000_000);
    expect(REPRESENTATIONS[shared]!.bandwidthBps).toBeLessThanOrEqual(2_000_000);
  });
});

describe('hybrid on an improving link', () => {
  it('climbs without waiting on a healthy buffer, but waits under the reserve and after a down-switch', () => {
    const climb = (bufferLevelSeconds: number, options: HybridAbrOptions = {}) => {
      const hybrid = settledAt(3000, options);
      const first = hybrid.choose(context({ bufferLevelSeconds, lastIndex: 5 }));
      for (let i = 0; i < 20; i++) hybrid.addSample(sample(7000, 1_750_000));
      return [first.index, hybrid.choose(context({ bufferLevelSeconds, lastIndex: first.index }))] as const;
    };
    const [upHealthy, nextHealthy] = climb(20);
    expect(upHealthy).toBe(7);
    expect(nextHealthy.index).toBe(TOP);
    // The same climb with the wait everywhere stops at the rung the link clearly carries.
    const [, nextWaiting] = climb(20, { climbWithoutWait: false });
    expect(nextWaiting.index).toBeLessThan(TOP);
    // Under the reserve (15 s of a 30 s goal) the wait applies: only the step the link clearly carries.
    const [, nextLow] = climb(12);
    const [, nextLowNoWait] = climb(12, { minSegmentsBetweenSwitches: 0 });
    expect(nextLow.index).toBeLessThan(nextLowNoWait.index);

    // After a down-switch, a step back up waits even on a healthy buffer.
    const hybrid = settledAt(3000);
    const down = hybrid.choose(context({ bufferLevelSeconds: 16, lastIndex: 8 }));
    expect(down.index).toBeLessThan(8);
    for (let i = 0; i < 20; i++) hybrid.addSample(sample(7000, 1_750_000));
    const after = hybrid.choose(context({ bufferLevelSeconds: 20, lastIndex: down.index }));
    expect(after.index).toBeLessThan(TOP);
  });

  it('lets the guard trust two fast transfers in a row after a slow start', () => {
    // Slow transfers, then a surge: the robust bound (harmonic mean over five samples, discounted by
    // the prediction error) still says ~0.4 Mbps and would keep the next segment to ~1 Mbps.
    const afterSurge = (options: HybridAbrOptions = {}) => {
      const hybrid = createHybridAbr(options);
      for (const kbps of [500, 500, 500, 20_000, 20_000]) hybrid.addSample(sample(kbps, 200_000));
      return hybrid.choose(context({ bufferLevelSeconds: 8, lastIndex: -1 }));
    };
    expect(afterSurge()).toEqual({ index: TOP, reason: 'fast-start' });
    const robustOnly = afterSurge({ guardRecentFraction: 0 });
    expect(robustOnly.reason).toBe('guard');
    expect(REPRESENTATIONS[robustOnly.index]!.bandwidthBps).toBeLessThan(1_500_000);
  });
});
