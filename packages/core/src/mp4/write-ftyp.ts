import { ByteWriter } from './byte-writer';
import { writeBox } from './write-box';

/** 'ftyp' or 'styp' (ISO/IEC 14496-12 §4.3, §8.16.2). */
export function writeFtyp(brands: { majorBrand: string; minorVersion?: number; compatibleBrands: ReadonlyArray<string> }, type: 'ftyp' | 'styp' = 'ftyp'): Uint8Array {
  const body = new ByteWriter(16 + brands.compatibleBrands.length * 4).fourcc(brands.majorBrand).u32(brands.minorVersion ?? 0);
  for (const brand of brands.compatibleBrands) body.fourcc(brand);
  return writeBox(type, [body.finish()]);
}
