import type { Box } from './box';
import { openFullBox } from './full-box';
import { mp4Invalid } from './mp4-invalid';

function expect(box: Box, type: string): void {
  if (box.type !== type) throw mp4Invalid(`expected '${type}', got '${box.type}'`, box.start);
}

/** 'mvhd' (ISO/IEC 14496-12 §8.2.2). */
export function parseMvhd(box: Box): { timescale: number; duration: number } {
  expect(box, 'mvhd');
  const { version, reader } = openFullBox(box);
  reader.skip(version === 1 ? 16 : 8);
  const timescale = reader.u32();
  const duration = version === 1 ? reader.u64() : reader.u32();
  return { timescale, duration };
}

/** 'tkhd' (§8.3.2): track ID, duration and the 16.16 presentation size. */
export function parseTkhd(box: Box): { trackId: number; duration: number; width: number; height: number } {
  expect(box, 'tkhd');
  const { version, reader } = openFullBox(box);
  reader.skip(version === 1 ? 16 : 8);
  const trackId = reader.u32();
  reader.skip(4);
  const duration = version === 1 ? reader.u64() : reader.u32();
  reader.skip(8 + 2 + 2 + 2 + 2 + 36);
  const width = reader.u32() / 65536;
  const height = reader.u32() / 65536;
  return { trackId, duration, width, height };
}

/** 'mdhd' (§8.4.2): media timescale, duration and the packed ISO 639-2/T language. */
export function parseMdhd(box: Box): { timescale: number; duration: number; language: string } {
  expect(box, 'mdhd');
  const { version, reader } = openFullBox(box);
  reader.skip(version === 1 ? 16 : 8);
  const timescale = reader.u32();
  const duration = version === 1 ? reader.u64() : reader.u32();
  const packed = reader.u16() & 0x7fff;
  let language = '';
  for (let shift = 10; shift >= 0; shift -= 5) language += String.fromCharCode(((packed >> shift) & 31) + 0x60);
  if (!/^[a-z]{3}$/.test(language)) language = 'und';
  return { timescale, duration, language };
}

/** 'hdlr' (§8.4.3): handler type ('vide', 'soun', 'text', 'subt'...) and name. */
export function parseHdlr(box: Box): { handlerType: string; name: string } {
  expect(box, 'hdlr');
  const { reader } = openFullBox(box);
  reader.skip(4);
  const handlerType = reader.fourcc();
  reader.skip(Math.min(12, reader.remaining));
  return { handlerType, name: reader.remaining > 0 ? reader.cstring() : '' };
}

/** 'elng' (§8.4.6): extended (BCP 47) language. */
export function parseElng(box: Box): string {
  expect(box, 'elng');
  return openFullBox(box).reader.cstring();
}

export interface TrackExtendsInfo {
  trackId: number;
  defaultSampleDescriptionIndex: number;
  defaultSampleDuration: number;
  defaultSampleSize: number;
  defaultSampleFlags: number;
}

/** 'trex' (§8.8.3): per-track defaults for movie fragments. */
export function parseTrex(box: Box): TrackExtendsInfo {
  expect(box, 'trex');
  const { reader } = openFullBox(box);
  return {
    trackId: reader.u32(),
    defaultSampleDescriptionIndex: reader.u32(),
    defaultSampleDuration: reader.u32(),
    defaultSampleSize: reader.u32(),
    defaultSampleFlags: reader.u32(),
  };
}
