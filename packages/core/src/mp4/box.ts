/**
 * One box (ISO/IEC 14496-12 §4.2) located inside a byte array. All offsets are
 * absolute within `data`, so children, payload and errors share one frame.
 */
export interface Box {
  /** Four-character type, e.g. 'moov'. */
  type: string;
  /** Offset of the first byte of the box (its size field). */
  start: number;
  /** Offset of the first byte after the box. */
  end: number;
  /** end - start. */
  size: number;
  /** 8, 16 with a 64-bit largesize, plus 16 for a 'uuid' usertype. */
  headerSize: number;
  /** Offset of the first byte after the header. */
  payloadStart: number;
  /** Lower-case hex extended type of a 'uuid' box. */
  usertype?: string;
  /** The array the offsets refer to. */
  data: Uint8Array;
}

/** The bytes after the header (a view, not a copy). */
export function boxPayload(box: Box): Uint8Array {
  return box.data.subarray(box.payloadStart, box.end);
}

/** The whole box, header included (a view, not a copy). */
export function boxBytes(box: Box): Uint8Array {
  return box.data.subarray(box.start, box.end);
}
