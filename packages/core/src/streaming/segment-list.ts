import type { Segment } from '../model/presentation';

/**
 * A representation's resolved segments, sorted by start time, with O(log n) lookup.
 * Live refreshes merge new segments in and drop those that left the window.
 */
export class SegmentList {
  private items: Segment[];

  constructor(segments: readonly Segment[]) {
    this.items = segments.slice().sort((a, b) => a.startTime - b.startTime);
  }

  get length(): number {
    return this.items.length;
  }

  get all(): readonly Segment[] {
    return this.items;
  }

  get first(): Segment | undefined {
    return this.items[0];
  }

  get last(): Segment | undefined {
    return this.items[this.items.length - 1];
  }

  /**
   * The segment to play at `time`: the one containing it, or — when `time` falls in a
   * gap or before the first segment — the next one. Undefined past the end.
   */
  find(time: number): Segment | undefined {
    const index = this.indexAt(time);
    return index < 0 ? undefined : this.items[index];
  }

  /** Index of `find(time)`, or -1. */
  indexAt(time: number): number {
    const items = this.items;
    let lo = 0;
    let hi = items.length - 1;
    let candidate = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = items[mid]!;
      // A tiny tolerance keeps float noise at boundaries from skipping a segment.
      if (s.endTime - 1e-4 <= time) lo = mid + 1;
      else {
        candidate = mid;
        hi = mid - 1;
      }
    }
    return candidate;
  }

  /** The segment following one that ended at `endTime`. */
  after(endTime: number): Segment | undefined {
    // A segment starting within 10 ms of the previous end continues it.
    return this.find(endTime + 0.01);
  }

  /** Merge a refreshed (live) list: keep known segments, add new ones, drop ones before `windowStart`. */
  merge(segments: readonly Segment[], windowStart = -Infinity): void {
    const byStart = new Map<number, Segment>();
    for (const s of this.items) byStart.set(Math.round(s.startTime * 1000), s);
    for (const s of segments) byStart.set(Math.round(s.startTime * 1000), s);
    this.items = Array.from(byStart.values())
      .filter((s) => s.endTime > windowStart)
      .sort((a, b) => a.startTime - b.startTime);
  }

  /** Average segment duration (s); a nominal value for ABR. */
  averageDuration(): number {
    if (this.items.length === 0) return 0;
    return (this.last!.endTime - this.first!.startTime) / this.items.length;
  }
}
