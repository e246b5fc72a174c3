import { describe, expect, it } from 'vitest';
import type { FragmentSample } from '@tessera/core/mp4';
import { groupSamples } from '../../src/package/split-fragmented-mp4';

function samples(count: number, duration: number, syncEvery: number, ctoPattern: number[] = [0]): FragmentSample[] {
  return Array.from({ length: count }, (_, i) => ({
    offset: i, size: 1, duration, flags: 0, decodeTime: i * duration,
    compositionTimeOffset: i % syncEvery === 0 ? 0 : ctoPattern[i % ctoPattern.length]!, isSync: i % syncEvery === 0,
  }));
}

describe('segment cutting', () => {
  it('cuts video at the sync sample of every segment boundary', () => {
    const groups = groupSamples(samples(24 * 10, 512, 48), 12288, { kind: 'sync', targetSeconds: 2 });
    expect(groups.map((g) => g.length)).toEqual([48, 48, 48, 48, 48]);
    expect(groups.every((g) => g[0]!.isSync)).toBe(true);
  });

  it('never cuts at a non-sync sample, and skips a boundary without a keyframe', () => {
    // Keyframes every 3 s with a 2 s target: cuts at 3 s (first keyframe past 2 s), 6 s, 9 s.
    const groups = groupSamples(samples(24 * 10, 512, 72), 12288, { kind: 'sync', targetSeconds: 2 });
    expect(groups.map((g) => g[0]!.decodeTime / 12288)).toEqual([0, 3, 6, 9]);
  });

  it('cuts audio at the AAC frame nearest each boundary', () => {
    // 1024-sample frames at 48 kHz (21.33 ms): boundaries at 2 s and 4 s.
    const groups = groupSamples(samples(300, 1024, 1), 48000, { kind: 'times', boundariesSeconds: [0, 2, 4] });
    const starts = groups.map((g) => g[0]!.decodeTime / 48000);
    expect(starts[0]).toBe(0);
    expect(Math.abs(starts[1]! - 2)).toBeLessThanOrEqual(1024 / 48000 / 2 + 1e-9);
    expect(Math.abs(starts[2]! - 4)).toBeLessThanOrEqual(1024 / 48000 / 2 + 1e-9);
    expect(groups.reduce((n, g) => n + g.length, 0)).toBe(300);
  });
});
