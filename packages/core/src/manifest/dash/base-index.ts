import type { SegmentIndexPart } from '../../model';
import { spendSegments } from '../parse-context';
import { resolveAgainstBases } from './base-urls';
import type { BuiltIndex } from './built-index';
import { initFromElement } from './init-segment';
import type { RepresentationScope } from './representation-scope';
import { infoAttribute, infoChild, parseByteRange, readTiming } from './segment-info';

/**
 * SegmentBase (ISO/IEC 23009-1 §5.3.9.2): the segments are listed by the media's own
 * `sidx`, which the engine fetches (indexRange, or the first bytes when absent) and
 * hands to `segmentsFromSidx`. A Representation with only a BaseURL is the same case.
 */
export function buildBaseIndex(scope: RepresentationScope): BuiltIndex {
  const { ctx, info } = scope;
  const timing = readTiming(info, ctx);
  const resolved = resolveAgainstBases(scope.bases, undefined, ctx);
  const part: Extract<SegmentIndexPart, { kind: 'sidx' }> = {
    kind: 'sidx',
    urls: resolved.urls,
    periodStart: scope.periodStart,
    periodEnd: scope.periodDuration !== undefined ? scope.periodStart + scope.periodDuration : Infinity,
    presentationTimeOffset: timing.presentationTimeOffset / timing.timescale,
    discontinuity: scope.periodIndex,
  };
  let indexRange = parseByteRange(infoAttribute(info, 'indexRange'), ctx, 'SegmentBase@indexRange');
  const representationIndex = infoChild(info, 'RepresentationIndex');
  if (representationIndex) {
    if (!indexRange) indexRange = parseByteRange(representationIndex.attributes.range, ctx, 'RepresentationIndex@range');
    const source = representationIndex.attributes.sourceURL;
    if (source !== undefined) part.indexUrls = resolveAgainstBases(scope.bases, source, ctx).urls;
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
  const end = scope.periodDuration !== undefined ? scope.periodStart + scope.periodDuration : Infinity;
  const part: SegmentIndexPart = {
    kind: 'segments',
    segments: [{ startTime: scope.periodStart, endTime: end, urls: resolved.urls, timestampOffset: scope.periodStart, number: 1, discontinuity: scope.periodIndex }],
  };
  return { part, pathways: resolved.pathways };
}
