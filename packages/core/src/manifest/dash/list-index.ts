import { ErrorCode } from '../../errors';
import type { Segment } from '../../model';
import { fail, spendSegments } from '../parse-context';
import { resolveAgainstBases } from './base-urls';
import type { BuiltIndex } from './built-index';
import { initFromElement, requirePeriodDuration } from './init-segment';
import type { RepresentationScope } from './representation-scope';
import { infoChild, infoChildren, parseByteRange, readTiming } from './segment-info';
import { expandTimeline, type TimelineBounds } from './segment-timeline';

/**
 * SegmentList → segments (ISO/IEC 23009-1 §5.3.9.3): one SegmentURL per segment, timed
 * by @duration or by the SegmentTimeline entry of the same position.
 */
export function buildListIndex(scope: RepresentationScope): BuiltIndex {
  const { ctx, info } = scope;
  const timing = readTiming(info, ctx);
  const { timescale, presentationTimeOffset: pto, startNumber } = timing;
  const urlElements = infoChildren(info, 'SegmentURL');
  if (urlElements.length > ctx.maxSegments) fail(ErrorCode.TOO_MANY_SEGMENTS, { url: ctx.url, count: urlElements.length });
  const init = initFromElement(scope);
  const base = resolveAgainstBases(scope.bases, undefined, ctx);
  const timestampOffset = scope.periodStart - pto / timescale;
  const segments: Segment[] = [];

  const push = (index: number, mediaTime: number, durationUnits: number): void => {
    const el = urlElements[index];
    const media = el.attributes.media;
    const urls = media === undefined ? base.urls : resolveAgainstBases(scope.bases, media, ctx).urls;
    let endTime = scope.periodStart + (mediaTime + durationUnits - pto) / timescale;
    if (scope.periodDuration !== undefined) endTime = Math.min(endTime, scope.periodStart + scope.periodDuration);
    const segment: Segment = {
      startTime: scope.periodStart + (mediaTime - pto) / timescale,
      endTime,
      urls,
      timestampOffset,
      number: startNumber + index,
      discontinuity: scope.periodIndex,
    };
    const range = parseByteRange(el.attributes.mediaRange, ctx, 'SegmentURL@mediaRange');
    if (range) {
      segment.byteRange = range;
      segment.sizeBytes = range.end - range.start + 1;
    }
    if (init) segment.init = init;
    segments.push(segment);
  };

  const timeline = infoChild(info, 'SegmentTimeline');
  if (timeline) {
    const bounds: TimelineBounds = { maxSegments: ctx.maxSegments, live: false };
    if (scope.periodDuration !== undefined) bounds.endMediaTime = pto + scope.periodDuration * timescale;
    const expanded = expandTimeline(timeline, bounds, ctx);
    spendSegments(ctx, Math.min(expanded.times.length, urlElements.length));
    for (let k = 0; k < expanded.times.length; k++) {
      if (expanded.indexes[k] < urlElements.length) push(expanded.indexes[k], expanded.times[k], expanded.durations[k]);
    }
  } else if (timing.duration !== undefined) {
    spendSegments(ctx, urlElements.length);
    for (let k = 0; k < urlElements.length; k++) push(k, pto + k * timing.duration, timing.duration);
  } else if (urlElements.length === 1) {
    spendSegments(ctx, 1);
    push(0, pto, requirePeriodDuration(scope) * timescale);
  } else if (urlElements.length > 1) {
    fail(ErrorCode.DASH_INVALID, { url: ctx.url, reason: 'SegmentList with several SegmentURLs needs @duration or a SegmentTimeline' });
  }
  return { part: { kind: 'segments', segments }, pathways: base.pathways };
}
