import { mp4Invalid } from './mp4-invalid';
import { encodeUtf8 } from '../util/bytes';

/** Growable big-endian byte sink for building boxes. */
export class ByteWriter {
  private buffer: Uint8Array;
  private view: DataView;
  length = 0;

  constructor(initialCapacity = 256) {
    this.buffer = new Uint8Array(initialCapacity);
    this.view = new DataView(this.buffer.buffer);
  }

  private reserve(count: number): void {
    if (this.length + count <= this.buffer.length) return;
    let capacity = this.buffer.length * 2;
    while (capacity < this.length + count) capacity *= 2;
    const next = new Uint8Array(capacity);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
    this.view = new DataView(next.buffer);
  }

  u8(value: number): this {
    this.reserve(1);
    this.buffer[this.length++] = value & 0xff;
    return this;
  }

  u16(value: number): this {
    this.reserve(2);
    this.view.setUint16(this.length, value & 0xffff);
    this.length += 2;
    return this;
  }

  u24(value: number): this {
    this.reserve(3);
    this.buffer[this.length] = (value >>> 16) & 0xff;
    this.buffer[this.length + 1] = (value >>> 8) & 0xff;
    this.buffer[this.length + 2] = value & 0xff;
    this.length += 3;
    return this;
  }

  u32(value: number): this {
    this.reserve(4);
    this.view.setUint32(this.length, value >>> 0);
    this.length += 4;
    return this;
  }

  i32(value: number): this {
    this.reserve(4);
    this.view.setInt32(this.length, value | 0);
    this.length += 4;
    return this;
  }

  /** Unsigned 64-bit from a Number (must be a safe non-negative integer). */
  u64(value: number): this {
    if (!(value >= 0 && value <= 9007199254740991 && Math.floor(value) === value)) {
      throw mp4Invalid(`cannot write ${value} as an unsigned 64-bit field`, this.length);
    }
    this.u32(Math.floor(value / 0x100000000));
    return this.u32(value % 0x100000000);
  }

  fourcc(type: string): this {
    if (type.length !== 4) throw mp4Invalid(`box type '${type}' is not four characters`, this.length);
    for (let i = 0; i < 4; i++) this.u8(type.charCodeAt(i));
    return this;
  }

  bytes(data: Uint8Array): this {
    this.reserve(data.length);
    this.buffer.set(data, this.length);
    this.length += data.length;
    return this;
  }

  zeros(count: number): this {
    this.reserve(count);
    this.buffer.fill(0, this.length, this.length + count);
    this.length += count;
    return this;
  }

  /** NUL-terminated UTF-8 string. */
  cstring(text: string): this {
    return this.bytes(encodeUtf8(text)).u8(0);
  }

  /** The written bytes (a copy sized exactly). */
  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

// String to UTF-8 without TextEncoder: shared with the parsers and DRM.
export { encodeUtf8 };
