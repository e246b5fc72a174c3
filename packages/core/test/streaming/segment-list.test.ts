import { describe, expect, it } from 'vitest';
import type { Segment } from '@tessera/core';
import { SegmentList } from '../../src/streaming/segment-list';
import { alignNewLivePlaylist, alignRefreshedSegments, liveSeekRange, liveStartPosition } from '../../src/streaming/live-timeline';

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

  it('places a playlist loaded later (its window moved on) on the timeline in use', () => {
    // The first rung was loaded with numbers 5.. at 0 s; another rung loaded 8 s later starts at 7.
    const reference = [segment(5, 0), segment(6, 4), segment(7, 8), segment(8, 12)];
    const later = [segment(7, 0), segment(8, 4), segment(9, 8), segment(10, 12)];
    expect(alignNewLivePlaylist(reference, later)!.map((s) => [s.number, s.startTime])).toEqual([
      [7, 8],
      [8, 12],
      [9, 16],
      [10, 20],
    ]);
  });

  it('aligns by program date time when both playlists carry it, whatever the numbering', () => {
    const dated = (number: number, start: number, pdt: number, duration = 4): Segment => ({ ...segment(number, start, duration), programDateTimeMs: pdt });
    const video = [dated(5, 0, 1_000_000), dated(6, 4, 1_004_000)];
    const audio = [dated(100, 0, 1_002_000, 2), dated(101, 2, 1_004_000, 2)];
    expect(alignNewLivePlaylist(video, audio)!.map((s) => s.startTime)).toEqual([2, 4]);
  });

  it('does not align numbers across segments of different durations, nor disjoint windows', () => {
    expect(alignNewLivePlaylist([segment(5, 0, 4)], [segment(5, 0, 2), segment(6, 2, 2)])).toBeUndefined();
    expect(alignNewLivePlaylist([segment(5, 0)], [segment(9, 0)])).toBeUndefined();
    expect(alignNewLivePlaylist([], [segment(9, 0)])).toBeUndefined();
  });

  it('starts and seeks behind the live edge', () => {
    const window = [segment(1, 0), segment(2, 4), segment(3, 8)];
    expect(liveStartPosition(window, 6)).toBe(6);
    expect(liveSeekRange(window, 6)).toEqual({ start: 0, end: 6 });
    expect(liveStartPosition(window, 60)).toBe(0);
  });
});
