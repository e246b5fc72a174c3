import type { ThumbnailCue } from './types';

/**
 * The cue for `time`: binary search for the last cue starting at or before it. Before
 * the first cue that is the first; in a gap between cues, the one before (the latest
 * picture); after the end, the last. -1 only for no cues or a non-number time.
 */
export function findCue(cues: ReadonlyArray<ThumbnailCue>, time: number): number {
  if (!cues.length || time !== time) return -1;
  let low = 0;
  let high = cues.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (cues[mid]!.startTime <= time) low = mid;
    else high = mid - 1;
  }
  return low;
}
