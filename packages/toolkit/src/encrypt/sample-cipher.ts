import { createCipheriv } from 'node:crypto';
import type { Subsample } from './subsamples';

const BLOCK = 16;

/** An encryption pattern in 16-byte blocks (ISO/IEC 23001-7 §9.6); 0:0 = every full block. */
export interface Pattern {
  cryptBlocks: number;
  skipBlocks: number;
}

/** The protected byte ranges of a sample: its subsamples' protected parts, or the whole sample. */
function protectedRanges(sampleLength: number, subsamples: readonly Subsample[] | undefined): Array<[number, number]> {
  if (!subsamples) return [[0, sampleLength]];
  const ranges: Array<[number, number]> = [];
  let offset = 0;
  for (const s of subsamples) {
    offset += s.clearBytes;
    if (s.protectedBytes > 0) ranges.push([offset, offset + s.protectedBytes]);
    offset += s.protectedBytes;
  }
  if (offset !== sampleLength) throw new Error(`subsamples cover ${offset} bytes of a ${sampleLength}-byte sample`);
  return ranges;
}

/**
 * 'cenc' (§10.1): AES-128-CTR over the protected ranges of one sample, in place. The
 * keystream runs on across the sample's ranges (clear bytes take none). An 8-byte IV
 * fills the counter block's upper half; the block counter starts at 0 per sample.
 */
export function encryptCtr(sample: Uint8Array, key: Uint8Array, iv: Uint8Array, subsamples?: readonly Subsample[]): void {
  const ranges = protectedRanges(sample.length, subsamples);
  let total = 0;
  for (const [start, end] of ranges) total += end - start;
  if (total === 0) return;
  const plain = new Uint8Array(total);
  let at = 0;
  for (const [start, end] of ranges) {
    plain.set(sample.subarray(start, end), at);
    at += end - start;
  }
  const counter = new Uint8Array(BLOCK);
  counter.set(iv);
  const cipher = createCipheriv('aes-128-ctr', key, counter);
  const encrypted = new Uint8Array(Buffer.concat([cipher.update(plain), cipher.final()]));
  at = 0;
  for (const [start, end] of ranges) {
    sample.set(encrypted.subarray(at, at + end - start), start);
    at += end - start;
  }
}

/**
 * 'cbcs' (§10.4): AES-128-CBC with a crypt:skip block pattern over each protected range,
 * in place. The IV restarts every range (subsample); the CBC chain links the encrypted
 * blocks of a range only; a trailing partial block stays clear.
 */
export function encryptCbcPattern(sample: Uint8Array, key: Uint8Array, iv: Uint8Array, pattern: Pattern, subsamples?: readonly Subsample[]): void {
  const period = pattern.cryptBlocks + pattern.skipBlocks;
  for (const [start, end] of protectedRanges(sample.length, subsamples)) {
    const blocks = Math.floor((end - start) / BLOCK);
    const chosen: number[] = [];
    for (let b = 0; b < blocks; b++) if (pattern.cryptBlocks === 0 || b % period < pattern.cryptBlocks) chosen.push(b);
    if (chosen.length === 0) continue;
    const plain = new Uint8Array(chosen.length * BLOCK);
    chosen.forEach((b, i) => plain.set(sample.subarray(start + b * BLOCK, start + (b + 1) * BLOCK), i * BLOCK));
    const cipher = createCipheriv('aes-128-cbc', key, iv);
    cipher.setAutoPadding(false);
    const encrypted = new Uint8Array(Buffer.concat([cipher.update(plain), cipher.final()]));
    chosen.forEach((b, i) => sample.set(encrypted.subarray(i * BLOCK, (i + 1) * BLOCK), start + b * BLOCK));
  }
}

/** IV + 1 as a big-endian integer of the IV's width (per-sample IVs that never repeat within a key's use). */
export function nextIv(iv: Uint8Array, increment = 1): Uint8Array {
  const out = iv.slice();
  let carry = increment;
  for (let i = out.length - 1; i >= 0 && carry > 0; i--) {
    const sum = out[i]! + carry;
    out[i] = sum & 0xff;
    carry = Math.floor(sum / 256);
  }
  return out;
}
