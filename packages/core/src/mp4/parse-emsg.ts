import type { Box } from './box';
import { openFullBox } from './full-box';
import { mp4Invalid } from './mp4-invalid';
import { readBoxes } from './read-boxes';

export interface EmsgInfo {
  version: 0 | 1;
  schemeIdUri: string;
  value: string;
  timescale: number;
  /** Version 1: absolute presentation time on the track timeline. */
  presentationTime?: number;
  /** Version 0: delta from the segment's earliest presentation time. */
  presentationTimeDelta?: number;
  eventDuration: number;
  id: number;
  messageData: Uint8Array;
}

/** One 'emsg' box (ISO/IEC 23009-1 §5.10.3.3), version 0 or 1. */
export function parseEmsgBox(box: Box): EmsgInfo {
  const { version, reader } = openFullBox(box);
  if (version === 0) {
    const schemeIdUri = reader.cstring();
    const value = reader.cstring();
    const timescale = reader.u32();
    const presentationTimeDelta = reader.u32();
    const eventDuration = reader.u32();
    const id = reader.u32();
    return { version: 0, schemeIdUri, value, timescale, presentationTimeDelta, eventDuration, id, messageData: reader.bytes(reader.remaining) };
  }
  if (version === 1) {
    const timescale = reader.u32();
    const presentationTime = reader.u64();
    const eventDuration = reader.u32();
    const id = reader.u32();
    const schemeIdUri = reader.cstring();
    const value = reader.cstring();
    return { version: 1, schemeIdUri, value, timescale, presentationTime, eventDuration, id, messageData: reader.bytes(reader.remaining) };
  }
  throw mp4Invalid(`emsg version ${version} unsupported`, box.start, 'recoverable');
}

/** Every top-level 'emsg' in a media segment, in order. */
export function findEmsgBoxes(data: Uint8Array): EmsgInfo[] {
  return readBoxes(data).filter((box) => box.type === 'emsg').map(parseEmsgBox);
}
