import type { Box } from './box';
import { ByteReader } from './byte-reader';

export interface FullBoxReader {
  version: number;
  flags: number;
  /** Positioned just after version and flags. */
  reader: ByteReader;
}

/** Opens a FullBox (ISO/IEC 14496-12 §4.2): 8-bit version and 24-bit flags, then the fields. */
export function openFullBox(box: Box): FullBoxReader {
  const reader = new ByteReader(box.data, box.payloadStart, box.end);
  const version = reader.u8();
  const flags = reader.u24();
  return { version, flags, reader };
}

/** Opens a plain box's payload. */
export function openBox(box: Box): ByteReader {
  return new ByteReader(box.data, box.payloadStart, box.end);
}
