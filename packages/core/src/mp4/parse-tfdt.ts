import { childBoxes } from './find-box';
import { parseTfdtBox, parseTfhd } from './parse-fragment-boxes';
import { readBoxes } from './read-boxes';

/** baseMediaDecodeTime of every traf (that has a tfdt) in a media segment, in order (ISO/IEC 14496-12 §8.8.12). */
export function parseTfdt(data: Uint8Array): { trackId: number; baseMediaDecodeTime: number }[] {
  const out: { trackId: number; baseMediaDecodeTime: number }[] = [];
  for (const moof of readBoxes(data)) {
    if (moof.type !== 'moof') continue;
    for (const traf of childBoxes(moof)) {
      if (traf.type !== 'traf') continue;
      const children = childBoxes(traf);
      const tfhd = children.find((child) => child.type === 'tfhd');
      const tfdt = children.find((child) => child.type === 'tfdt');
      if (tfhd && tfdt) out.push({ trackId: parseTfhd(tfhd).trackId, baseMediaDecodeTime: parseTfdtBox(tfdt) });
    }
  }
  return out;
}
