import { ErrorCode } from '../../errors';
import type { Segment } from '../../model';
import { fail, spendSegments, warn } from '../parse-context';
import { parseDecimal } from '../util/numbers';
import { resolveAgainstBases } from './base-urls';
import type { BuiltIndex } from './built-index';
import { requirePeriodDuration, templateInit } from './init-segment';
import { liveWindow, type RepresentationScope } from './representation-scope';
import { infoAttribute, infoChild, readTiming } from './segment-info';
import { compileTemplate, fillTemplate, partiallyFill, templateUses, type TemplatePart } from './segment-template';
import { expandTimeline, type TimelineBounds } from './segment-timeline';

/** SegmentTemplate → segments (ISO/IEC 23009-1 §5.3.9.4), with SegmentTimeline or @duration. */

const EPSILON = 1e-9;

function availabilityTimeOffset(scope: RepresentationScope): number {
  const raw = infoAttribute(scope.info, 'availabilityTimeOffset');
  if (raw === undefined) return 0;
  if (raw.trim() === 'INF') return Infinity;
  const v = parseDecimal(raw);
  if (v === undefined) {
    warn(scope.ctx, 'invalid-availability-time-offset', raw);
    return 0;
  }
  return v;
}

export function buildTemplateIndex(scope: RepresentationScope): BuiltIndex {
  const { ctx, info } = scope;
  const media = infoAttribute(info, 'media');
  if (media === undefined) fail(ErrorCode.DASH_INVALID, { url: ctx.url, reason: 'SegmentTemplate without @media' });
  const timing = readTiming(info, ctx);
  const mediaParts = compileTemplate(media, ctx.url);
  const specialized = partiallyFill(mediaParts, { representationId: scope.representationId, bandwidth: scope.bandwidth });
  const resolved = resolveAgainstBases(scope.bases, specialized, ctx);
  const compiled: TemplatePart[][] = [];
  for (let k = 0; k < resolved.urls.length; k++) compiled.push(compileTemplate(resolved.urls[k], ctx.url));
  const init = templateInit(scope);

  const { timescale, presentationTimeOffset: pto, startNumber } = timing;
  const periodStart = scope.periodStart;
  const periodEnd = scope.periodDuration !== undefined ? periodStart + scope.periodDuration : undefined;
  const timestampOffset = periodStart - pto / timescale;
  const segments: Segment[] = [];

  // Segment ends are clamped to the Period end so flattened Periods never overlap (media past it is cut by the append window).
  const push = (mediaTime: number, durationUnits: number, index: number): void => {
    const number = startNumber + index;
    const urls: string[] = [];
    for (let k = 0; k < compiled.length; k++) urls.push(fillTemplate(compiled[k], { number, time: mediaTime }));
    const startTime = periodStart + (mediaTime - pto) / timescale;
    let endTime = periodStart + (mediaTime + durationUnits - pto) / timescale;
    if (periodEnd !== undefined && endTime > periodEnd) endTime = periodEnd;
    const segment: Segment = { startTime, endTime, urls, timestampOffset, number, discontinuity: scope.periodIndex };
    if (init) segment.init = init;
    segments.push(segment);
  };

  const timeline = infoChild(info, 'SegmentTimeline');
  let segmentDuration: number | undefined;
  if (timeline) {
    const bounds: TimelineBounds = { maxSegments: ctx.maxSegments, live: scope.dynamic };
    if (scope.periodDuration !== undefined) bounds.endMediaTime = pto + scope.periodDuration * timescale;
    if (scope.dynamic) {
      const w = liveWindow(scope, availabilityTimeOffset(scope));
      bounds.liveEdgeMediaTime = pto + w.edge * timescale;
      if (w.windowStart !== undefined) bounds.windowStartMediaTime = pto + w.windowStart * timescale;
    }
    const expanded = expandTimeline(timeline, bounds, ctx);
    spendSegments(ctx, expanded.times.length);
    for (let k = 0; k < expanded.times.length; k++) push(expanded.times[k], expanded.durations[k], expanded.indexes[k]);
  } else if (timing.duration !== undefined) {
    const d = timing.duration;
    const dSec = d / timescale;
    segmentDuration = dSec;
    let first = 0;
    let last: number;
    if (!scope.dynamic) {
      last = Math.ceil(requirePeriodDuration(scope) / dSec - EPSILON) - 1;
    } else {
      const w = liveWindow(scope, availabilityTimeOffset(scope));
      last = Math.floor(w.edge / dSec + EPSILON) - 1;
      if (scope.periodDuration !== undefined) last = Math.min(last, Math.ceil(scope.periodDuration / dSec - EPSILON) - 1);
      if (w.windowStart !== undefined) first = Math.max(0, Math.floor(w.windowStart / dSec + EPSILON));
    }
    const count = last - first + 1;
    if (count > ctx.maxSegments) {
      if (!scope.dynamic) fail(ErrorCode.TOO_MANY_SEGMENTS, { url: ctx.url, count });
      first = last - ctx.maxSegments + 1;
      warn(ctx, 'live-window-truncated', 'kept the newest ' + ctx.maxSegments + ' segments');
    }
    if (count > 0) spendSegments(ctx, last - first + 1);
    for (let index = first; index <= last; index++) push(pto + index * d, d, index);
  } else if (!templateUses(mediaParts, 'Number') && !templateUses(mediaParts, 'Time')) {
    // One segment for the whole Period (e.g. a subtitle file named by $RepresentationID$).
    spendSegments(ctx, 1);
    const end = periodEnd !== undefined ? periodEnd : Infinity;
    const segment: Segment = { startTime: periodStart, endTime: end, urls: compiled.map((c) => fillTemplate(c, {})), timestampOffset, number: startNumber, discontinuity: scope.periodIndex };
    if (init) segment.init = init;
    segments.push(segment);
  } else {
    fail(ErrorCode.DASH_INVALID, { url: ctx.url, reason: 'SegmentTemplate needs @duration or a SegmentTimeline' });
  }
  return { part: { kind: 'segments', segments }, pathways: resolved.pathways, segmentDuration };
}
