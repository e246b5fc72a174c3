import { describe, expect, it } from 'vitest';
import type { Segment } from '@tessera/core';
import { SegmentList } from '../../src/streaming/segment-list';
import { alignRefreshedSegments, liveSeekRange, liveStartPosition } from '../../src/streaming/live-timeline';

const segment = (number: number, start: number, duration = 4): Segment => ({
  startTime: start,
  endTime: start + duration,
  urls: [`seg-${number}.m4s`],
  number,
  discontinuity: 0,
});

describe('SegmentList', () => {
  const list = new SegmentList([segment(3, 8), segment(1, 0), segment(2, 4), segment(5, 20)]);

  it('finds the segment containing a time, exact boundaries included', () => {
    expect(list.find(0)?.number).toBe(1);
    expect(list.find(3.99)?.number).toBe(1);
    expect(list.find(4)?.number).toBe(2);
    expect(list.find(11.99)?.number).toBe(3);
  });

  it('returns the next segment for a time inside a gap, and nothing past the end', () => {
    expect(list.find(13)?.number).toBe(5);
    expect(list.find(24)).toBeUndefined();
    expect(list.after(12)?.number).toBe(5);
  });

  it('merges a live refresh and drops what left the window', () => {
    const live = new SegmentList([segment(1, 0), segment(2, 4)]);
    live.merge([segment(2, 4), segment(3, 8)], 4);
    expect(live.all.map((s) => s.number)).toEqual([2, 3]);
  });
});

describe('live timeline', () => {
  it('aligns a refreshed HLS window on media sequence numbers', () => {
    const known = [segment(10, 100), segment(11, 104)];
    const refreshed = [segment(11, 0), segment(12, 4)];
    const aligned = alignRefreshedSegments(known, refreshed)!;
    expect(aligned.map((s) => [s.number, s.startTime])).toEqual([
      [11, 104],
      [12, 108],
    ]);
  });

  it('continues contiguous numbering and gives up on a jump', () => {
    expect(alignRefreshedSegments([segment(10, 100)], [segment(11, 0)])![0]!.startTime).toBe(104);
    expect(alignRefreshedSegments([segment(10, 100)], [segment(20, 0)])).toBeUndefined();
  });

  it('starts and seeks behind the live edge', () => {
    const window = [segment(1, 0), segment(2, 4), segment(3, 8)];
    expect(liveStartPosition(window, 6)).toBe(6);
    expect(liveSeekRange(window, 6)).toEqual({ start: 0, end: 6 });
    expect(liveStartPosition(window, 60)).toBe(0);
  });
});
