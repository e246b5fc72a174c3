import { describe, expect, it } from 'vitest';
import { bufferedAhead, bufferedEnd, intersectRanges, nextRangeStart, rangeAt, toRanges } from '../../src/media/time-ranges';

describe('time ranges', () => {
  const ranges = [
    { start: 0, end: 10 },
    { start: 10.05, end: 20 },
    { start: 25, end: 30 },
  ];

  it('treats ranges separated by less than the tolerance as contiguous', () => {
    expect(bufferedAhead(ranges, 5)).toBeCloseTo(15);
    expect(bufferedEnd(ranges, 5)).toBeCloseTo(20);
  });

  it('reports nothing buffered inside a gap', () => {
    expect(bufferedAhead(ranges, 22)).toBe(0);
    expect(rangeAt(ranges, 22)).toBeUndefined();
    expect(bufferedEnd(ranges, 22)).toBeUndefined();
  });

  it('finds the next range within the allowed gap only', () => {
    expect(nextRangeStart(ranges, 22, 5)).toBe(25);
    expect(nextRangeStart(ranges, 22, 2)).toBeUndefined();
  });

  it('intersects the video and audio buffers', () => {
    expect(intersectRanges([{ start: 0, end: 8 }], [{ start: 1, end: 4 }, { start: 6, end: 12 }])).toEqual([
      { start: 1, end: 4 },
      { start: 6, end: 8 },
    ]);
  });

  it('converts DOM-like TimeRanges', () => {
    const dom = { length: 2, start: (i: number) => [0, 5][i]!, end: (i: number) => [2, 7][i]! };
    expect(toRanges(dom)).toEqual([{ start: 0, end: 2 }, { start: 5, end: 7 }]);
    expect(toRanges(null)).toEqual([]);
  });
});
