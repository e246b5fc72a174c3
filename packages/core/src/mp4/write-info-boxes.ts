import { ByteWriter } from './byte-writer';
import { fromHex } from './hex';
import { mp4Invalid } from './mp4-invalid';
import type { EmsgInfo } from './parse-emsg';
import type { SidxInfo } from './parse-sidx';
import { writeFullBox } from './write-box';

function hex16(hex: string, what: string): Uint8Array {
  const bytes = fromHex(hex.replace(/-/g, ''));
  if (!bytes || bytes.length !== 16) throw mp4Invalid(`${what} '${hex}' is not 16 bytes of hex`, 0);
  return bytes;
}

/** 'pssh' (ISO/IEC 23001-7 §8.1): version 1 when key IDs are given. */
export function writePssh(systemId: string, data: Uint8Array, keyIds: ReadonlyArray<string> = []): Uint8Array {
  const body = new ByteWriter(40 + data.length).bytes(hex16(systemId, 'system ID'));
  if (keyIds.length > 0) {
    body.u32(keyIds.length);
    for (const keyId of keyIds) body.bytes(hex16(keyId, 'key ID'));
  }
  body.u32(data.length).bytes(data);
  return writeFullBox('pssh', keyIds.length > 0 ? 1 : 0, 0, [body.finish()]);
}

/** 'emsg' (ISO/IEC 23009-1 §5.10.3.3), version 0 or 1 as given. */
export function writeEmsg(info: EmsgInfo): Uint8Array {
  const body = new ByteWriter(64 + info.messageData.length);
  if (info.version === 0) {
    body.cstring(info.schemeIdUri).cstring(info.value).u32(info.timescale).u32(info.presentationTimeDelta ?? 0)
      .u32(info.eventDuration).u32(info.id);
  } else {
    body.u32(info.timescale).u64(info.presentationTime ?? 0).u32(info.eventDuration).u32(info.id)
      .cstring(info.schemeIdUri).cstring(info.value);
  }
  body.bytes(info.messageData);
  return writeFullBox('emsg', info.version, 0, [body.finish()]);
}

/** 'sidx' (ISO/IEC 14496-12 §8.16.3); version 1 when a time or offset needs 64 bits. */
export function writeSidx(info: Omit<SidxInfo, 'endOffset' | 'version'>): Uint8Array {
  const version = info.earliestPresentationTime > 0xffffffff || info.firstOffset > 0xffffffff ? 1 : 0;
  const body = new ByteWriter(32 + info.references.length * 12).u32(info.referenceId).u32(info.timescale);
  if (version === 1) body.u64(info.earliestPresentationTime).u64(info.firstOffset);
  else body.u32(info.earliestPresentationTime).u32(info.firstOffset);
  body.u16(0).u16(info.references.length);
  for (const ref of info.references) {
    body.u32(((ref.referenceType << 31) | (ref.referencedSize & 0x7fffffff)) >>> 0);
    body.u32(ref.subsegmentDuration);
    body.u32((((ref.startsWithSap ? 1 : 0) << 31) | ((ref.sapType & 7) << 28) | (ref.sapDeltaTime & 0x0fffffff)) >>> 0);
  }
  return writeFullBox('sidx', version, 0, [body.finish()]);
}
