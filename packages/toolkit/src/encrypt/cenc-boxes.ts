import { ByteWriter, fromHex, writeBox, writeFullBox } from '@tessera/core/mp4';
import type { Subsample } from './subsamples';

/** Boxes of ISO/IEC 23001-7 (Common Encryption) and the sample auxiliary information of ISO/IEC 14496-12 §8.7.8-9. */

export type EncryptionScheme = 'cenc' | 'cbcs';

export interface TrackEncryptionBox {
  scheme: EncryptionScheme;
  /** Lower-case hex, 32 characters. */
  keyId: string;
  /** 0 with a constant IV (cbcs), else 8 or 16. */
  perSampleIvSize: number;
  constantIv?: Uint8Array;
  cryptBlocks?: number;
  skipBlocks?: number;
}

export function keyIdBytes(hex: string): Uint8Array {
  const bytes = fromHex(hex.replace(/-/g, ''));
  if (!bytes || bytes.length !== 16) throw new Error(`'${hex}' is not a 16-byte key ID or key in hex`);
  return bytes;
}

/** 'tenc' (§8.2): version 1 carries the pattern ('cbcs'). */
export function writeTenc(info: TrackEncryptionBox): Uint8Array {
  const version = info.scheme === 'cbcs' ? 1 : 0;
  const body = new ByteWriter(40).u8(0);
  body.u8(version === 1 ? ((info.cryptBlocks ?? 0) << 4) | (info.skipBlocks ?? 0) : 0);
  body.u8(1).u8(info.perSampleIvSize).bytes(keyIdBytes(info.keyId));
  if (info.perSampleIvSize === 0) {
    if (!info.constantIv || info.constantIv.length !== 16) throw new Error('a constant IV of 16 bytes is needed when per-sample IVs are off');
    body.u8(16).bytes(info.constantIv);
  }
  return writeFullBox('tenc', version, 0, [body.finish()]);
}

/** 'sinf' (ISO/IEC 14496-12 §8.12) = frma (original format) + schm (scheme) + schi/tenc. */
export function writeSinf(originalFormat: string, info: TrackEncryptionBox): Uint8Array {
  return writeBox('sinf', [
    writeBox('frma', [new ByteWriter(4).fourcc(originalFormat).finish()]),
    writeFullBox('schm', 0, 0, [new ByteWriter(8).fourcc(info.scheme).u32(0x00010000).finish()]),
    writeBox('schi', [writeTenc(info)]),
  ]);
}

export interface SampleEncryptionEntry {
  /** Empty with a constant IV. */
  iv: Uint8Array;
  subsamples?: readonly Subsample[];
}

/** Bytes of one sample's auxiliary information (what saiz lists). */
export function auxInfoSize(entry: SampleEncryptionEntry): number {
  return entry.iv.length + (entry.subsamples ? 2 + entry.subsamples.length * 6 : 0);
}

/** 'senc' (§7.2.1), flag 0x2 when samples carry subsample maps. */
export function writeSenc(entries: readonly SampleEncryptionEntry[]): Uint8Array {
  const withSubsamples = entries.some((e) => e.subsamples !== undefined);
  const body = new ByteWriter(16 + entries.length * 24).u32(entries.length);
  for (const entry of entries) {
    body.bytes(entry.iv);
    if (withSubsamples) {
      const subsamples = entry.subsamples ?? [];
      body.u16(subsamples.length);
      for (const s of subsamples) body.u16(s.clearBytes).u32(s.protectedBytes);
    }
  }
  return writeFullBox('senc', 0, withSubsamples ? 2 : 0, [body.finish()]);
}

/** 'saiz': one default size when all samples agree, else a size per sample. */
export function writeSaiz(sizes: readonly number[]): Uint8Array {
  if (sizes.some((size) => size > 255)) throw new Error('a sample has too many subsamples for saiz (over 255 bytes of auxiliary information)');
  const uniform = sizes.every((size) => size === sizes[0]);
  const body = new ByteWriter(8 + sizes.length).u8(uniform ? sizes[0] ?? 0 : 0).u32(sizes.length);
  if (!uniform) for (const size of sizes) body.u8(size);
  return writeFullBox('saiz', 0, 0, [body.finish()]);
}

/** 'saio' with one offset; fixMoofOffsets points it at the senc's first IV once the moof is laid out. */
export function writeSaio(): Uint8Array {
  return writeFullBox('saio', 0, 0, [new ByteWriter(8).u32(1).u32(0).finish()]);
}
