import type { InitSegment, Segment } from '../../model';
import type { PeriodScope } from './period-types';
import type { SegmentInfo } from './segment-info';

/** Everything needed to build one Representation's segment index for one Period. */
export interface RepresentationScope extends PeriodScope {
  representationId: string;
  bandwidth: number;
  info: SegmentInfo;
}

/** Where the Period ends on the presentation timeline; Infinity when unknown. */
export function periodEnd(scope: PeriodScope): number {
  return scope.periodDuration !== undefined ? scope.periodStart + scope.periodDuration : Infinity;
}

/**
 * One segment of the Period from media times in timescale units. Its end is clamped to
 * the Period end so flattened Periods never overlap (media past it is cut by the append window).
 */
export function periodSegment(
  scope: PeriodScope,
  timing: { timescale: number; presentationTimeOffset: number },
  mediaTime: number,
  durationUnits: number,
  number: number,
  urls: string[],
  init?: InitSegment,
): Segment {
  const { timescale, presentationTimeOffset: pto } = timing;
  const start = scope.periodStart;
  const segment: Segment = {
    startTime: start + (mediaTime - pto) / timescale,
    endTime: Math.min(start + (mediaTime + durationUnits - pto) / timescale, periodEnd(scope)),
    urls,
    timestampOffset: start - pto / timescale,
    number,
    discontinuity: scope.periodIndex,
  };
  if (init) segment.init = init;
  return segment;
}

/** Live availability in period-relative seconds (ISO/IEC 23009-1 §5.3.9.5.3). */
export interface LiveWindow {
  /** Segments ending after this are not available yet. */
  edge: number;
  /** Segments ending at or before this left the time-shift buffer. */
  windowStart?: number;
}

export function liveWindow(scope: PeriodScope, availabilityTimeOffset: number): LiveWindow {
  const sinceStart = (scope.ctx.nowMs - scope.availabilityStartMs) / 1000 - scope.periodStart;
  let edge = sinceStart + (isFinite(availabilityTimeOffset) ? availabilityTimeOffset : 0);
  if (!isFinite(availabilityTimeOffset) && scope.periodDuration !== undefined) edge = scope.periodDuration;
  const window: LiveWindow = { edge };
  if (isFinite(scope.timeShiftBufferDepth)) window.windowStart = sinceStart - scope.timeShiftBufferDepth;
  return window;
}
