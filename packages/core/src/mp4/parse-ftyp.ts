import type { Box } from './box';
import { openBox } from './full-box';
import { mp4Invalid } from './mp4-invalid';

export interface FileTypeInfo {
  majorBrand: string;
  minorVersion: number;
  compatibleBrands: string[];
}

/** 'ftyp' or 'styp' (ISO/IEC 14496-12 §4.3, §8.16.2). */
export function parseFtyp(box: Box): FileTypeInfo {
  if (box.type !== 'ftyp' && box.type !== 'styp') throw mp4Invalid(`expected ftyp/styp, got '${box.type}'`, box.start);
  const reader = openBox(box);
  const majorBrand = reader.fourcc();
  const minorVersion = reader.u32();
  const compatibleBrands: string[] = [];
  while (reader.remaining >= 4) compatibleBrands.push(reader.fourcc());
  return { majorBrand, minorVersion, compatibleBrands };
}
