/**
 * A bit reader over a NAL unit's RBSP (ITU-T H.264 §7.3.1, §7.4.1): emulation prevention
 * bytes (0x000003) are dropped while reading, and `nalBytesUsed()` maps the bits consumed
 * back to bytes of the escaped NAL unit, which is what a subsample's clear range counts.
 */
export class RbspReader {
  /** Unescaped bytes, and for each the index it came from in the NAL unit. */
  private readonly rbsp: number[] = [];
  private readonly origin: number[] = [];
  private bit = 0;

  /** `nal` starts at the NAL unit header; `startByte` skips it (1 for H.264); only the first `maxBytes` are read. */
  constructor(nal: Uint8Array, startByte: number, maxBytes = nal.length) {
    let zeros = 0;
    const end = Math.min(nal.length, maxBytes);
    for (let i = startByte; i < end; i++) {
      const byte = nal[i]!;
      if (zeros >= 2 && byte === 3) {
        zeros = 0;
        continue;
      }
      zeros = byte === 0 ? zeros + 1 : 0;
      this.rbsp.push(byte);
      this.origin.push(i);
    }
  }

  u(bits: number): number {
    let value = 0;
    for (let i = 0; i < bits; i++) value = value * 2 + this.flag();
    return value;
  }

  flag(): number {
    const byteIndex = this.bit >> 3;
    if (byteIndex >= this.rbsp.length) throw new RangeError('H.264 header runs past the end of the NAL unit');
    const value = (this.rbsp[byteIndex]! >> (7 - (this.bit & 7))) & 1;
    this.bit++;
    return value;
  }

  /** ue(v), Exp-Golomb (§9.1). */
  ue(): number {
    let leadingZeros = 0;
    while (this.flag() === 0) {
      if (++leadingZeros > 31) throw new RangeError('H.264 Exp-Golomb code too long');
    }
    return Math.pow(2, leadingZeros) - 1 + this.u(leadingZeros);
  }

  /** se(v) (§9.1.1). */
  se(): number {
    const k = this.ue();
    return k % 2 === 1 ? (k + 1) / 2 : -(k / 2);
  }

  skip(bits: number): void {
    this.bit += bits;
  }

  get bitPosition(): number {
    return this.bit;
  }

  /** Bytes of the escaped NAL unit (from its first byte) covering every bit read so far. */
  nalBytesUsed(): number {
    if (this.bit === 0) return this.origin.length ? this.origin[0]! : 0;
    const lastByte = (this.bit - 1) >> 3;
    return this.origin[lastByte]! + 1;
  }
}
