import type { Box } from './box';
import { boxBytes } from './box';
import { childBoxes } from './find-box';
import { openFullBox } from './full-box';
import { toHex } from './hex';
import { mp4Invalid } from './mp4-invalid';
import { readBoxes } from './read-boxes';

export interface PsshInfo {
  /** Lower-case hex, 32 characters. */
  systemId: string;
  /** Lower-case hex key IDs (version 1 boxes; empty for version 0). */
  keyIds: string[];
  data: Uint8Array;
  /** The whole pssh box (what EME's 'cenc' init data concatenates). */
  box: Uint8Array;
}

/** One 'pssh' (ISO/IEC 23001-7 §8.1), version 0 or 1. */
export function parsePsshBox(box: Box): PsshInfo {
  const { version, reader } = openFullBox(box);
  const systemId = toHex(reader.bytes(16));
  const keyIds: string[] = [];
  if (version > 0) {
    const count = reader.u32();
    if (count * 16 > reader.remaining) throw mp4Invalid(`pssh KID_count ${count} exceeds the box`, box.start);
    for (let i = 0; i < count; i++) keyIds.push(toHex(reader.bytes(16)));
  }
  const dataSize = reader.u32();
  const data = reader.bytes(dataSize);
  return { systemId, keyIds, data, box: boxBytes(box) };
}

/** Every 'pssh' at the top level or inside 'moov' / 'moof' (CENC §8.1.1 allows both). */
export function findPsshBoxes(data: Uint8Array): PsshInfo[] {
  const found: PsshInfo[] = [];
  for (const box of readBoxes(data)) {
    if (box.type === 'pssh') found.push(parsePsshBox(box));
    else if (box.type === 'moov' || box.type === 'moof') {
      for (const child of childBoxes(box)) if (child.type === 'pssh') found.push(parsePsshBox(child));
    }
  }
  return found;
}
