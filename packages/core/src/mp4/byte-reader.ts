import { mp4Invalid } from './mp4-invalid';

/** 2^53 split as (high 32 bits) limit: a 64-bit field above this is not a safe JS number. */
const MAX_SAFE_HIGH_WORD = 0x1fffff;

/**
 * Bounds-checked big-endian cursor over a byte range. Every read past `end`
 * throws MP4_INVALID (recoverable: a longer download may hold the bytes),
 * never a RangeError. `offset` in errors is absolute within `data`.
 */
export class ByteReader {
  readonly data: Uint8Array;
  readonly end: number;
  position: number;
  private readonly view: DataView;

  constructor(data: Uint8Array, start = 0, end = data.length) {
    if (start < 0 || end > data.length || start > end) {
      throw mp4Invalid('reader range outside the data', start);
    }
    this.data = data;
    this.position = start;
    this.end = end;
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }

  get remaining(): number {
    return this.end - this.position;
  }

  /** Throws unless `count` more bytes are available. */
  need(count: number, what = 'field'): void {
    if (count < 0 || this.position + count > this.end) {
      throw mp4Invalid(`${what} runs past the end of its box`, this.position, 'recoverable');
    }
  }

  skip(count: number): void {
    this.need(count, 'skipped bytes');
    this.position += count;
  }

  u8(): number {
    this.need(1);
    return this.data[this.position++]!;
  }

  u16(): number {
    this.need(2);
    const value = this.view.getUint16(this.position);
    this.position += 2;
    return value;
  }

  i16(): number {
    this.need(2);
    const value = this.view.getInt16(this.position);
    this.position += 2;
    return value;
  }

  u24(): number {
    this.need(3);
    const value = (this.data[this.position]! << 16) | (this.data[this.position + 1]! << 8) | this.data[this.position + 2]!;
    this.position += 3;
    return value;
  }

  u32(): number {
    this.need(4);
    const value = this.view.getUint32(this.position);
    this.position += 4;
    return value;
  }

  i32(): number {
    this.need(4);
    const value = this.view.getInt32(this.position);
    this.position += 4;
    return value;
  }

  /** Unsigned 64-bit as a Number; values of 2^53 and above are rejected (no BigInt on 2017 TVs). */
  u64(): number {
    const at = this.position;
    const high = this.u32();
    const low = this.u32();
    if (high > MAX_SAFE_HIGH_WORD) throw mp4Invalid('64-bit value above 2^53', at);
    return high * 0x100000000 + low;
  }

  /** Signed 64-bit (emsg/trun never need it, sidx/tfdt are unsigned); range-checked the same way. */
  i64(): number {
    const at = this.position;
    const high = this.i32();
    const low = this.u32();
    if (high > MAX_SAFE_HIGH_WORD || high < -MAX_SAFE_HIGH_WORD - 1) throw mp4Invalid('64-bit value outside +-2^53', at);
    return high * 0x100000000 + low;
  }

  fourcc(): string {
    this.need(4, 'four-character code');
    const d = this.data;
    const p = this.position;
    this.position += 4;
    return String.fromCharCode(d[p]!, d[p + 1]!, d[p + 2]!, d[p + 3]!);
  }

  /** A view (not a copy) of the next `count` bytes. */
  bytes(count: number): Uint8Array {
    this.need(count, 'byte array');
    const out = this.data.subarray(this.position, this.position + count);
    this.position += count;
    return out;
  }

  /** A NUL-terminated UTF-8 string (ISO/IEC 14496-12 §4.2 "string"); an unterminated string ends at the box end. */
  cstring(): string {
    const start = this.position;
    let stop = start;
    while (stop < this.end && this.data[stop] !== 0) stop++;
    this.position = stop < this.end ? stop + 1 : stop;
    return decodeUtf8(this.data.subarray(start, stop));
  }
}

/** UTF-8 to string without TextDecoder (absent on 2017 TV engines). Invalid sequences become U+FFFD. */
export function decodeUtf8(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b0 = bytes[i++]!;
    let code = 0xfffd;
    if (b0 < 0x80) {
      code = b0;
    } else if (b0 >= 0xc2 && b0 < 0xe0 && i < bytes.length && (bytes[i]! & 0xc0) === 0x80) {
      code = ((b0 & 0x1f) << 6) | (bytes[i++]! & 0x3f);
    } else if (b0 >= 0xe0 && b0 < 0xf0 && i + 1 < bytes.length && (bytes[i]! & 0xc0) === 0x80 && (bytes[i + 1]! & 0xc0) === 0x80) {
      code = ((b0 & 0x0f) << 12) | ((bytes[i]! & 0x3f) << 6) | (bytes[i + 1]! & 0x3f);
      i += 2;
    } else if (b0 >= 0xf0 && b0 < 0xf5 && i + 2 < bytes.length && (bytes[i]! & 0xc0) === 0x80 && (bytes[i + 1]! & 0xc0) === 0x80 && (bytes[i + 2]! & 0xc0) === 0x80) {
      code = ((b0 & 0x07) << 18) | ((bytes[i]! & 0x3f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f);
      i += 3;
    }
    if (code > 0xffff) {
      code -= 0x10000;
      out += String.fromCharCode(0xd800 + (code >> 10), 0xdc00 + (code & 0x3ff));
    } else {
      out += String.fromCharCode(code);
    }
  }
  return out;
}
