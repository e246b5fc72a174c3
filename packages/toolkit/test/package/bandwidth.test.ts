import { describe, expect, it } from 'vitest';
import { averageBitrate, dashBandwidth, peakSegmentBitrate } from '../../src/package/bandwidth';

const seg = (kilobytes: number, durationSeconds = 4) => ({ bytes: kilobytes * 1000, durationSeconds });

describe('bandwidth', () => {
  it('averages total bits over total time', () => {
    expect(averageBitrate([seg(500), seg(1500)])).toBe(2_000_000);
    expect(averageBitrate([])).toBe(0);
  });

  it('takes the RFC 8216 peak over 0.5-1.5 target-duration windows', () => {
    // One 4 s segment at 4 Mbit/s among 1 Mbit/s ones: the peak is that segment.
    expect(peakSegmentBitrate([seg(500), seg(2000), seg(500)], 4)).toBe(4_000_000);
    // 1 s segments with a 4 s target: single 1 s segments (0.25x) do not qualify, pairs do.
    const short = [seg(100, 1), seg(900, 1), seg(100, 1), seg(100, 1)];
    expect(peakSegmentBitrate(short, 4)).toBe(4_000_000);
  });

  it('computes the DASH @bandwidth as the leaky-bucket rate for minBufferTime', () => {
    const segments = [seg(500), seg(2000), seg(500)];
    const b = dashBandwidth(segments, 4);
    // Lower than the single-segment peak (the buffer absorbs it) but at least the average.
    expect(b).toBeLessThanOrEqual(4_000_000);
    expect(b).toBeGreaterThanOrEqual(averageBitrate(segments));
    // The definition holds for every start i and end j.
    let start = 0;
    for (let i = 0; i < segments.length; i++) {
      let bits = 0;
      let t = 0;
      for (let j = i; j < segments.length; j++) {
        bits += segments[j]!.bytes * 8;
        expect(bits).toBeLessThanOrEqual(b * (4 + t) + 1);
        t += segments[j]!.durationSeconds;
      }
      start += segments[i]!.durationSeconds;
    }
    expect(start).toBe(12);
    expect(dashBandwidth([seg(1000)], 4)).toBe(2_000_000);
  });
});
