import { ErrorCode } from '../../errors';
import type { Segment } from '../../model';
import { fail, spendSegments, warn } from '../parse-context';
import { parseDecimal } from '../util/numbers';
import type { BuiltIndex } from './built-index';
import { requirePeriodDuration, templateInit } from './init-segment';
import { liveWindow, periodSegment, type RepresentationScope } from './representation-scope';
import { infoChild, readTiming } from './segment-info';
import { fillTemplate, resolveTemplate } from './segment-template';
import { expandTimeline } from './segment-timeline';

/** SegmentTemplate → segments (ISO/IEC 23009-1 §5.3.9.4), with SegmentTimeline or @duration. */

const EPSILON = 1e-9;

function availabilityTimeOffset(scope: RepresentationScope): number {
  const raw = scope.info.attributes.availabilityTimeOffset;
  if (raw === undefined) return 0;
  if (raw.trim() === 'INF') return Infinity;
  const v = parseDecimal(raw);
  if (v === undefined) warn(scope.ctx, 'invalid-availability-time-offset', raw);
  return v || 0;
}

export function buildTemplateIndex(scope: RepresentationScope): BuiltIndex {
  const { ctx, info, dynamic, periodDuration } = scope;
  const media = info.attributes.media;
  if (media === undefined) fail(ErrorCode.DASH_INVALID, { url: ctx.url, reason: 'SegmentTemplate without @media' });
  const timing = readTiming(info, ctx);
  const { candidates, pathways, timed } = resolveTemplate(scope, media);
  const init = templateInit(scope);
  const { presentationTimeOffset: pto, startNumber } = timing;
  const segments: Segment[] = [];
  const push = (mediaTime: number, durationUnits: number, index: number): void => {
    const number = startNumber + index;
    const values = { Number: number, Time: mediaTime };
    segments.push(periodSegment(scope, timing, mediaTime, durationUnits, number, candidates.map((parts) => fillTemplate(parts, values)), init));
  };

  const timeline = infoChild(info, 'SegmentTimeline');
  const d = timing.duration;
  let segmentDuration: number | undefined;
  if (timeline) {
    const expanded = expandTimeline(timeline, scope, timing, dynamic, () => availabilityTimeOffset(scope));
    spendSegments(ctx, expanded.times.length);
    for (let k = 0; k < expanded.times.length; k++) push(expanded.times[k], expanded.durations[k], expanded.indexes[k]);
  } else if (d !== undefined) {
    const dSec = (segmentDuration = d / timing.timescale);
    let first = 0;
    let last: number;
    if (!dynamic) {
      last = Math.ceil(requirePeriodDuration(scope) / dSec - EPSILON) - 1;
    } else {
      const w = liveWindow(scope, availabilityTimeOffset(scope));
      last = Math.floor(w.edge / dSec + EPSILON) - 1;
      if (periodDuration !== undefined) last = Math.min(last, Math.ceil(periodDuration / dSec - EPSILON) - 1);
      if (w.windowStart !== undefined) first = Math.max(0, Math.floor(w.windowStart / dSec + EPSILON));
    }
    const count = last - first + 1;
    if (count > ctx.maxSegments) {
      if (!dynamic) fail(ErrorCode.TOO_MANY_SEGMENTS, { url: ctx.url, count });
      first = last - ctx.maxSegments + 1;
      warn(ctx, 'live-window-truncated', 'newest ' + ctx.maxSegments + ' kept');
    }
    if (count > 0) spendSegments(ctx, last - first + 1);
    for (let index = first; index <= last; index++) push(pto + index * d, d, index);
  } else if (!timed) {
    // One segment for the whole Period (e.g. a subtitle file named by $RepresentationID$).
    spendSegments(ctx, 1);
    segments.push(periodSegment(scope, timing, pto, Infinity, startNumber, candidates.map((parts) => fillTemplate(parts, {})), init));
  } else {
    fail(ErrorCode.DASH_INVALID, { url: ctx.url, reason: 'SegmentTemplate needs @duration or a SegmentTimeline' });
  }
  return { part: { kind: 'segments', segments }, pathways, segmentDuration };
}
