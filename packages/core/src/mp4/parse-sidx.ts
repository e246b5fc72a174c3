import type { Box } from './box';
import { openFullBox } from './full-box';
import { mp4Invalid } from './mp4-invalid';
import { readBoxHeader } from './read-box-header';

export interface SidxReference {
  /** 1: the reference points at another sidx; 0: at media. */
  referenceType: 0 | 1;
  referencedSize: number;
  subsegmentDuration: number;
  startsWithSap: boolean;
  sapType: number;
  sapDeltaTime: number;
}

export interface SidxInfo {
  version: number;
  referenceId: number;
  timescale: number;
  earliestPresentationTime: number;
  firstOffset: number;
  references: SidxReference[];
  /** Offset, within the bytes passed in, of the byte just after the sidx box (the anchor for firstOffset). */
  endOffset: number;
}

/** One 'sidx' box (ISO/IEC 14496-12 §8.16.3). */
export function parseSidxBox(box: Box): SidxInfo {
  const { version, reader } = openFullBox(box);
  const referenceId = reader.u32();
  const timescale = reader.u32();
  const earliestPresentationTime = version === 0 ? reader.u32() : reader.u64();
  const firstOffset = version === 0 ? reader.u32() : reader.u64();
  reader.u16(); // reserved
  const count = reader.u16();
  if (count * 12 > reader.remaining) throw mp4Invalid(`sidx reference_count ${count} exceeds the box`, box.start, 'recoverable');
  const references: SidxReference[] = [];
  for (let i = 0; i < count; i++) {
    const typeAndSize = reader.u32();
    const subsegmentDuration = reader.u32();
    const sap = reader.u32();
    references.push({
      referenceType: (typeAndSize >>> 31) as 0 | 1,
      referencedSize: typeAndSize & 0x7fffffff,
      subsegmentDuration,
      startsWithSap: (sap >>> 31) === 1,
      sapType: (sap >>> 28) & 7,
      sapDeltaTime: sap & 0x0fffffff,
    });
  }
  return { version, referenceId, timescale, earliestPresentationTime, firstOffset, references, endOffset: box.end };
}

/**
 * The first top-level 'sidx' in `data`, or undefined when there is none. The
 * data may be a byte range that stops inside a later box (an index range
 * request): boxes after the sidx are never read, and a truncated box before
 * any sidx ends the search.
 */
export function parseSidx(data: Uint8Array): SidxInfo | undefined {
  let offset = 0;
  while (offset + 8 <= data.length) {
    const type = String.fromCharCode(data[offset + 4]!, data[offset + 5]!, data[offset + 6]!, data[offset + 7]!);
    if (type === 'sidx') return parseSidxBox(readBoxHeader(data, offset));
    let box: Box;
    try {
      box = readBoxHeader(data, offset);
    } catch (error) {
      // A box that runs past the available bytes cannot hide a sidx inside the range.
      if ((error as { severity?: string }).severity === 'recoverable') return undefined;
      throw error;
    }
    offset = box.end;
  }
  return undefined;
}
