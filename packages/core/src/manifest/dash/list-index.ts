import { ErrorCode } from '../../errors';
import type { Segment } from '../../model';
import { fail, spendSegments } from '../parse-context';
import { resolveAgainstBases } from './base-urls';
import type { BuiltIndex } from './built-index';
import { initFromElement, requirePeriodDuration } from './init-segment';
import { periodSegment, type RepresentationScope } from './representation-scope';
import { infoChild, infoChildren, parseByteRange, readTiming } from './segment-info';
import { expandTimeline } from './segment-timeline';

/**
 * SegmentList → segments (ISO/IEC 23009-1 §5.3.9.3): one SegmentURL per segment, timed
 * by @duration or by the SegmentTimeline entry of the same position.
 */
export function buildListIndex(scope: RepresentationScope): BuiltIndex {
  const { ctx, info } = scope;
  const timing = readTiming(info, ctx);
  const { timescale, presentationTimeOffset: pto, startNumber, duration } = timing;
  const urlElements = infoChildren(info, 'SegmentURL');
  const count = urlElements.length;
  if (count > ctx.maxSegments) fail(ErrorCode.TOO_MANY_SEGMENTS, { url: ctx.url, count });
  const init = initFromElement(scope);
  const base = resolveAgainstBases(scope.bases, undefined, ctx);
  const segments: Segment[] = [];

  const push = (index: number, mediaTime: number, durationUnits: number): void => {
    const a = urlElements[index].attributes;
    const urls = a.media === undefined ? base.urls : resolveAgainstBases(scope.bases, a.media, ctx).urls;
    const segment = periodSegment(scope, timing, mediaTime, durationUnits, startNumber + index, urls, init);
    const range = parseByteRange(a.mediaRange, ctx, 'SegmentURL@mediaRange');
    if (range) {
      segment.byteRange = range;
      segment.sizeBytes = range.end - range.start + 1;
    }
    segments.push(segment);
  };

  const timeline = infoChild(info, 'SegmentTimeline');
  if (timeline) {
    const expanded = expandTimeline(timeline, scope, timing, false, () => 0);
    spendSegments(ctx, Math.min(expanded.times.length, count));
    for (let k = 0; k < expanded.times.length; k++) {
      if (expanded.indexes[k] < count) push(expanded.indexes[k], expanded.times[k], expanded.durations[k]);
    }
  } else if (duration !== undefined) {
    spendSegments(ctx, count);
    for (let k = 0; k < count; k++) push(k, pto + k * duration, duration);
  } else if (count === 1) {
    spendSegments(ctx, 1);
    push(0, pto, requirePeriodDuration(scope) * timescale);
  } else if (count > 1) {
    fail(ErrorCode.DASH_INVALID, { url: ctx.url, reason: 'SegmentList needs @duration or a SegmentTimeline' });
  }
  return { part: { kind: 'segments', segments }, pathways: base.pathways };
}
