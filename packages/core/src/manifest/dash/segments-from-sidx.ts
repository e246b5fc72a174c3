import { ErrorCode } from '../../errors';
import type { Segment, SegmentIndexPart } from '../../model';
import type { SidxInfo } from '../../mp4';
import { fail } from '../parse-context';

const EPSILON = 1e-6;

/**
 * Turns a parsed `sidx` (ISO/IEC 14496-12 §8.16.3) into the segments of a DASH
 * SegmentBase part.
 *
 * `sidxStartInFile` is the file offset of the first byte of the buffer the sidx was
 * parsed from (indexRange.start when exactly the index range was fetched, 0 when the
 * file was read from its start), so byte ranges are anchored at
 * `sidxStartInFile + sidx.endOffset + sidx.firstOffset`.
 * Times: `periodStart + EPT / timescale - presentationTimeOffset`.
 *
 * Hierarchical indexes (reference_type 1, pointing at further sidx boxes) are not
 * expanded: their time and bytes are skipped and no segment is returned for them. The
 * caller may fetch each such range and call this again with that range's start.
 * Segments starting at or after the Period end are dropped.
 */
export function segmentsFromSidx(sidx: SidxInfo, part: Extract<SegmentIndexPart, { kind: 'sidx' }>, sidxStartInFile: number): Segment[] {
  const url = part.urls[0] || '';
  if (!(sidx.timescale > 0)) fail(ErrorCode.SIDX_INVALID, { url, reason: 'sidx timescale is 0' });
  if (!(sidxStartInFile >= 0) || !isFinite(sidxStartInFile)) fail(ErrorCode.SIDX_INVALID, { url, reason: 'invalid sidx start offset' });
  const timescale = sidx.timescale;
  const timestampOffset = part.periodStart - part.presentationTimeOffset;
  let offset = sidxStartInFile + sidx.endOffset + sidx.firstOffset;
  let time = sidx.earliestPresentationTime;
  const segments: Segment[] = [];
  for (let k = 0; k < sidx.references.length; k++) {
    const ref = sidx.references[k];
    const startTime = timestampOffset + time / timescale;
    const endTime = timestampOffset + (time + ref.subsegmentDuration) / timescale;
    if (ref.referenceType === 0 && ref.referencedSize > 0 && startTime < part.periodEnd - EPSILON) {
      const segment: Segment = {
        startTime,
        endTime,
        urls: part.urls,
        byteRange: { start: offset, end: offset + ref.referencedSize - 1 },
        timestampOffset,
        number: k + 1,
        discontinuity: part.discontinuity,
        sizeBytes: ref.referencedSize,
      };
      if (part.init) segment.init = part.init;
      segments.push(segment);
    }
    offset += ref.referencedSize;
    time += ref.subsegmentDuration;
  }
  return segments;
}
