import type { Box } from './box';
import { findBox } from './find-box';
import { openBox, openFullBox } from './full-box';
import { toHex } from './hex';

export interface TrackEncryptionInfo {
  /** tenc version (1 carries the pattern for 'cens'/'cbcs'). */
  version: number;
  isProtected: boolean;
  perSampleIvSize: number;
  /** Lower-case hex, 32 characters. */
  defaultKeyId: string;
  constantIv?: Uint8Array;
  cryptByteBlock?: number;
  skipByteBlock?: number;
}

export interface ProtectionSchemeInfo {
  originalFormat?: string;
  schemeType?: string;
  schemeVersion?: number;
  tenc?: TrackEncryptionInfo;
}

/** 'tenc' (ISO/IEC 23001-7 §8.2). */
export function parseTenc(box: Box): TrackEncryptionInfo {
  const { version, reader } = openFullBox(box);
  reader.u8(); // reserved
  const pattern = reader.u8();
  const isProtected = reader.u8() === 1;
  const perSampleIvSize = reader.u8();
  const defaultKeyId = toHex(reader.bytes(16));
  const info: TrackEncryptionInfo = { version, isProtected, perSampleIvSize, defaultKeyId };
  if (version >= 1) {
    info.cryptByteBlock = pattern >> 4;
    info.skipByteBlock = pattern & 15;
  }
  if (isProtected && perSampleIvSize === 0) info.constantIv = reader.bytes(reader.u8());
  return info;
}

/** 'sinf' (ISO/IEC 14496-12 §8.12): frma original format, schm scheme, schi/tenc. */
export function parseSinf(sinf: Box): ProtectionSchemeInfo {
  const info: ProtectionSchemeInfo = {};
  const frma = findBox(sinf.data, 'frma', sinf);
  if (frma) info.originalFormat = openBox(frma).fourcc();
  const schm = findBox(sinf.data, 'schm', sinf);
  if (schm) {
    const { reader } = openFullBox(schm);
    info.schemeType = reader.fourcc();
    info.schemeVersion = reader.u32();
  }
  const tenc = findBox(sinf.data, 'schi/tenc', sinf);
  if (tenc) info.tenc = parseTenc(tenc);
  return info;
}
