import type { SegmentIndexPart } from '../../model';
import { spendSegments } from '../parse-context';
import { resolveAgainstBases } from './base-urls';
import type { BuiltIndex } from './built-index';
import { initFromElement } from './init-segment';
import { periodEnd, periodSegment, type RepresentationScope } from './representation-scope';
import { infoChild, parseByteRange, readTiming } from './segment-info';

/**
 * SegmentBase (ISO/IEC 23009-1 §5.3.9.2): the segments are listed by the media's own
 * `sidx`, which the engine fetches (indexRange, or the first bytes when absent) and
 * hands to `segmentsFromSidx`. A Representation with only a BaseURL is the same case.
 */
export function buildBaseIndex(scope: RepresentationScope): BuiltIndex {
  const { ctx, info, bases } = scope;
  const timing = readTiming(info, ctx);
  const resolved = resolveAgainstBases(bases, undefined, ctx);
  const part: Extract<SegmentIndexPart, { kind: 'sidx' }> = {
    kind: 'sidx',
    urls: resolved.urls,
    periodStart: scope.periodStart,
    periodEnd: periodEnd(scope),
    presentationTimeOffset: timing.presentationTimeOffset / timing.timescale,
    discontinuity: scope.periodIndex,
  };
  let indexRange = parseByteRange(info.attributes.indexRange, ctx, 'SegmentBase@indexRange');
  const representationIndex = infoChild(info, 'RepresentationIndex');
  if (representationIndex) {
    const a = representationIndex.attributes;
    if (!indexRange) indexRange = parseByteRange(a.range, ctx, 'RepresentationIndex@range');
    if (a.sourceURL !== undefined) part.indexUrls = resolveAgainstBases(bases, a.sourceURL, ctx).urls;
  }
  if (indexRange) part.indexRange = indexRange;
  const init = initFromElement(scope);
  if (init) part.init = init;
  return { part, pathways: resolved.pathways };
}

/** A sidecar text file (e.g. WebVTT) with no segment information: one segment for the Period. */
export function buildSidecarIndex(scope: RepresentationScope): BuiltIndex {
  const resolved = resolveAgainstBases(scope.bases, undefined, scope.ctx);
  spendSegments(scope.ctx, 1);
  const segment = periodSegment(scope, { timescale: 1, presentationTimeOffset: 0 }, 0, Infinity, 1, resolved.urls);
  return { part: { kind: 'segments', segments: [segment] }, pathways: resolved.pathways };
}
