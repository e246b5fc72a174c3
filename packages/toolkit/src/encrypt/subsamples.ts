import { sliceHeaderSize, type ParameterSets } from './h264-slice-header';

/** One CENC subsample (ISO/IEC 23001-7 §7.2.2): clear bytes, then protected bytes. */
export interface Subsample {
  clearBytes: number;
  protectedBytes: number;
}

/** senc stores clear sizes in 16 bits. */
const MAX_CLEAR = 0xffff;
const AES_BLOCK = 16;

/**
 * The subsample map of one length-prefixed H.264 sample (ISO/IEC 14496-15 §5.3.2): every
 * NAL unit's length field, header and (for coded slices) slice header stay clear; non-VCL
 * units (SEI, parameter sets, AUD) stay clear entirely; the protected part of each slice is
 * a whole number of 16-byte blocks, the remainder joining the clear part before it (§9.5:
 * block-aligned ranges suit every CDM, and 'cbcs' leaves partial blocks clear anyway).
 * In-band SPS/PPS update `sets`.
 */
export function avcSubsamples(sample: Uint8Array, nalLengthSize: number, sets: ParameterSets): Subsample[] {
  const out: Subsample[] = [];
  let pendingClear = 0;
  const pushClear = (count: number): void => {
    pendingClear += count;
  };
  const flush = (protectedBytes: number): void => {
    while (pendingClear > MAX_CLEAR) {
      out.push({ clearBytes: MAX_CLEAR, protectedBytes: 0 });
      pendingClear -= MAX_CLEAR;
    }
    out.push({ clearBytes: pendingClear, protectedBytes });
    pendingClear = 0;
  };
  let offset = 0;
  while (offset < sample.length) {
    if (offset + nalLengthSize > sample.length) throw new Error('truncated NAL unit length in an H.264 sample');
    let size = 0;
    for (let i = 0; i < nalLengthSize; i++) size = size * 256 + sample[offset + i]!;
    const start = offset + nalLengthSize;
    if (size === 0 || start + size > sample.length) throw new Error(`bad NAL unit size ${size} in an H.264 sample`);
    const nal = sample.subarray(start, start + size);
    const type = nal[0]! & 31;
    if (type === 7) sets.addSps(nal);
    else if (type === 8) sets.addPps(nal);
    if (type === 1 || type === 5) {
      const header = sliceHeaderSize(nal, sets);
      const protectedBytes = Math.floor((size - header) / AES_BLOCK) * AES_BLOCK;
      pushClear(nalLengthSize + size - protectedBytes);
      if (protectedBytes > 0) flush(protectedBytes);
    } else {
      pushClear(nalLengthSize + size);
    }
    offset = start + size;
  }
  if (pendingClear > 0 || out.length === 0) flush(0);
  return out;
}
