import type { Box } from './box';
import { toHex } from './hex';
import { mp4Invalid } from './mp4-invalid';

/**
 * Reads the box header at `offset` (ISO/IEC 14496-12 §4.2): 32-bit size, type,
 * optional 64-bit largesize (size == 1), size 0 meaning "to the end of the
 * enclosing container", optional 16-byte usertype for 'uuid'. The box must fit
 * within `end`; a box running past it throws MP4_INVALID 'recoverable' (more
 * bytes may arrive), an impossible size throws 'fatal'.
 */
export function readBoxHeader(data: Uint8Array, offset: number, end: number = data.length): Box {
  if (offset + 8 > end) throw mp4Invalid('box header truncated', offset, 'recoverable');
  const d = data;
  const size32 = u32At(d, offset);
  const type = String.fromCharCode(d[offset + 4]!, d[offset + 5]!, d[offset + 6]!, d[offset + 7]!);
  let headerSize = 8;
  let size: number;
  if (size32 === 1) {
    if (offset + 16 > end) throw mp4Invalid(`'${printable(type)}' largesize truncated`, offset, 'recoverable');
    const high = u32At(d, offset + 8);
    const low = u32At(d, offset + 12);
    if (high > 0x1fffff) throw mp4Invalid(`'${printable(type)}' largesize above 2^53`, offset);
    size = high * 0x100000000 + low;
    headerSize = 16;
  } else if (size32 === 0) {
    size = end - offset;
  } else {
    size = size32;
  }
  let usertype: string | undefined;
  if (type === 'uuid') {
    if (offset + headerSize + 16 > end) throw mp4Invalid("'uuid' usertype truncated", offset, 'recoverable');
    usertype = toHex(d.subarray(offset + headerSize, offset + headerSize + 16));
    headerSize += 16;
  }
  if (size < headerSize) throw mp4Invalid(`'${printable(type)}' size ${size} smaller than its header`, offset);
  if (offset + size > end) {
    throw mp4Invalid(`'${printable(type)}' size ${size} runs past the end of its container`, offset, 'recoverable');
  }
  const box: Box = { type, start: offset, end: offset + size, size, headerSize, payloadStart: offset + headerSize, data };
  if (usertype !== undefined) box.usertype = usertype;
  return box;
}

function u32At(d: Uint8Array, at: number): number {
  return ((d[at]! << 24) >>> 0) + (d[at + 1]! << 16) + (d[at + 2]! << 8) + d[at + 3]!;
}

/** Box types are four bytes; keep error messages printable for garbage input. */
function printable(type: string): string {
  return type.replace(/[^\x20-\x7e]/g, '?');
}
