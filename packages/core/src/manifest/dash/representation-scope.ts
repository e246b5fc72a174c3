import type { ParseContext } from '../parse-context';
import type { BaseCandidate } from './base-urls';
import type { SegmentInfo } from './segment-info';

/** Everything needed to build one Representation's segment index for one Period. */
export interface RepresentationScope {
  ctx: ParseContext;
  dynamic: boolean;
  periodIndex: number;
  /** Seconds on the presentation timeline (for dynamic MPDs: since availabilityStartTime). */
  periodStart: number;
  /** Seconds, when known. */
  periodDuration?: number;
  availabilityStartMs: number;
  /** Seconds; Infinity when the MPD has none. */
  timeShiftBufferDepth: number;
  /** An MPD/Period duration attribute that failed to parse, reported if the period length is needed. */
  invalidDuration?: { attribute: string; value: string };
  bases: BaseCandidate[];
  representationId: string;
  bandwidth: number;
  info: SegmentInfo;
}

/** Live availability in period-relative seconds (ISO/IEC 23009-1 §5.3.9.5.3). */
export interface LiveWindow {
  /** Segments ending after this are not available yet. */
  edge: number;
  /** Segments ending at or before this left the time-shift buffer. */
  windowStart?: number;
}

export function liveWindow(scope: RepresentationScope, availabilityTimeOffset: number): LiveWindow {
  const sinceStart = (scope.ctx.nowMs - scope.availabilityStartMs) / 1000 - scope.periodStart;
  let edge = sinceStart + (isFinite(availabilityTimeOffset) ? availabilityTimeOffset : 0);
  if (!isFinite(availabilityTimeOffset) && scope.periodDuration !== undefined) edge = scope.periodDuration;
  const window: LiveWindow = { edge };
  if (isFinite(scope.timeShiftBufferDepth)) window.windowStart = sinceStart - scope.timeShiftBufferDepth;
  return window;
}
