import { ByteWriter } from './byte-writer';
import { mp4Invalid } from './mp4-invalid';
import { concatBytes } from '../util/bytes';

export { concatBytes };

/**
 * A box from its type and payload parts, with the size computed (ISO/IEC
 * 14496-12 §4.2): 32-bit size when it fits, 64-bit largesize otherwise.
 */
export function writeBox(type: string, parts: ReadonlyArray<Uint8Array> = []): Uint8Array {
  let payloadSize = 0;
  for (const part of parts) payloadSize += part.length;
  const large = payloadSize + 8 > 0xffffffff;
  const header = new ByteWriter(16);
  if (large) header.u32(1).fourcc(type).u64(payloadSize + 16);
  else header.u32(payloadSize + 8).fourcc(type);
  return concatBytes([header.finish(), ...parts]);
}

/** A FullBox: version, 24-bit flags, then the payload parts. */
export function writeFullBox(type: string, version: number, flags: number, parts: ReadonlyArray<Uint8Array> = []): Uint8Array {
  if (version < 0 || version > 255 || flags < 0 || flags > 0xffffff) {
    throw mp4Invalid(`bad version/flags for '${type}'`, 0);
  }
  return writeBox(type, [new ByteWriter(4).u8(version).u24(flags).finish(), ...parts]);
}
