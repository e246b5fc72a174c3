import type { SegmentIndexPart } from '../../model';

/** One Representation's index for one Period, with what the flattening step needs. */
export interface BuiltIndex {
  part: SegmentIndexPart;
  /** @serviceLocation of each URL candidate, parallel to Segment.urls. */
  pathways: Array<string | undefined>;
  /** Nominal segment duration (s) for @duration templates (thumbnail tile timing). */
  segmentDuration?: number;
}
