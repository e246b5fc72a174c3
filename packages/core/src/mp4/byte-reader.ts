import { decodeUtf8Fallback } from '../util/platform';
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

  constructor(data: Uint8Array, start = 0, end = data.length) {
    if (start < 0 || end > data.length || start > end) {
      throw mp4Invalid('reader range outside the data', start);
    }
    this.data = data;
    this.position = start;
    this.end = end;
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

  /** A big-endian integer of `size` bytes; two's complement when `signed`. */
  private int(size: number, signed?: boolean): number {
    this.need(size);
    let value = 0;
    for (let k = 0; k < size; k++) value = value * 256 + this.data[this.position++]!;
    const range = Math.pow(2, 8 * size);
    return signed && value >= range / 2 ? value - range : value;
  }

  u8(): number {
    return this.int(1);
  }

  u16(): number {
    return this.int(2);
  }

  i16(): number {
    return this.int(2, true);
  }

  u24(): number {
    return this.int(3);
  }

  u32(): number {
    return this.int(4);
  }

  i32(): number {
    return this.int(4, true);
  }

  /** Unsigned 64-bit as a Number; values of 2^53 and above are rejected (no BigInt on 2017 TVs). */
  u64(): number {
    return this.int64(false);
  }

  /** Signed 64-bit (emsg/trun never need it, sidx/tfdt are unsigned); range-checked the same way. */
  i64(): number {
    return this.int64(true);
  }

  private int64(signed: boolean): number {
    const at = this.position;
    const high = this.int(4, signed);
    const low = this.u32();
    if (high > MAX_SAFE_HIGH_WORD || high < -MAX_SAFE_HIGH_WORD - 1) throw mp4Invalid('64-bit value outside +-2^53', at);
    return high * 0x100000000 + low;
  }

  fourcc(): string {
    const b = this.bytes(4, 'four-character code');
    return String.fromCharCode(b[0]!, b[1]!, b[2]!, b[3]!);
  }

  /** A view (not a copy) of the next `count` bytes. */
  bytes(count: number, what = 'byte array'): Uint8Array {
    this.need(count, what);
    const start = this.position;
    this.position += count;
    return this.data.subarray(start, this.position);
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

/**
 * UTF-8 to string without TextDecoder (absent on 2017 TV engines). Invalid sequences become
 * U+FFFD. The same decoder as the network layer's fallback, so there is one in the bundle.
 */
export const decodeUtf8: (bytes: Uint8Array) => string = decodeUtf8Fallback;
