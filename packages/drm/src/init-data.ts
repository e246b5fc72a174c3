import type { DrmInfo } from '@tessera/core';
import { concatBytes, fromHex, toBase64, toHex, utf8, type Bytes } from './bytes';
import { CLEARKEY, COMMON_SYSTEM_ID, FAIRPLAY, SYSTEM_IDS, baseKeySystem } from './key-systems';

/** One `generateRequest` worth of init data, with the key IDs it is known to cover. */
export interface InitData {
  type: string;
  data: Bytes;
  /** Lower-case hex; empty when the init data does not say (pssh v0, skd). */
  keyIds: string[];
}

interface Pssh {
  systemId: string;
  keyIds: string[];
  box: Uint8Array;
}

function u32(data: Uint8Array, at: number): number {
  return ((data[at]! << 24) >>> 0) + (data[at + 1]! << 16) + (data[at + 2]! << 8) + data[at + 3]!;
}

/**
 * `pssh` boxes (ISO/IEC 23001-7 §8.1) at the top level of `data` or inside `moov`/`moof`,
 * bounds-checked: a malformed box ends the scan instead of throwing.
 */
export function findPssh(data: Uint8Array, start = 0, end = data.length): Pssh[] {
  const found: Pssh[] = [];
  let at = start;
  while (at + 8 <= end) {
    const size = u32(data, at);
    const type = String.fromCharCode(data[at + 4]!, data[at + 5]!, data[at + 6]!, data[at + 7]!);
    if (size < 8 || at + size > end) break;
    if (type === 'moov' || type === 'moof') found.push(...findPssh(data, at + 8, at + size));
    else if (type === 'pssh' && size >= 32) {
      const version = data[at + 8]!;
      const systemId = toHex(data.subarray(at + 12, at + 28));
      const keyIds: string[] = [];
      if (version > 0) {
        const count = u32(data, at + 28);
        for (let k = 0; k < count && at + 48 + k * 16 <= at + size; k++) keyIds.push(toHex(data.subarray(at + 32 + k * 16, at + 48 + k * 16)));
      }
      found.push({ systemId, keyIds, box: data.subarray(at, at + size) });
    }
    at += size;
  }
  return found;
}

/** Which pssh boxes a key system's CDM reads: its own, and for ClearKey the W3C common one. */
function psshFor(keySystem: string, boxes: Pssh[]): Pssh[] {
  const base = baseKeySystem(keySystem);
  const ids = base === CLEARKEY ? [COMMON_SYSTEM_ID] : [SYSTEM_IDS[base]];
  return boxes.filter((box) => ids.indexOf(box.systemId) >= 0);
}

/** ClearKey 'keyids' init data (EME §9.1.2 / W3C format registry): {"kids": [base64url...]}. */
export function keyIdsInitData(keyIds: string[]): InitData {
  const kids = keyIds.map((id) => '"' + toBase64(fromHex(id), true) + '"').join(',');
  return { type: 'keyids', data: utf8('{"kids":[' + kids + ']}'), keyIds: keyIds.slice() };
}

/** Init data in `cenc` bytes (pssh boxes) for this key system, or undefined when none applies. */
export function initDataFromPssh(keySystem: string, bytes: Uint8Array, hintKeyIds: string[] = []): InitData | undefined {
  const boxes = psshFor(keySystem, findPssh(bytes));
  if (!boxes.length) return undefined;
  const keyIds: string[] = [];
  for (const box of boxes) for (const id of box.keyIds) if (keyIds.indexOf(id) < 0) keyIds.push(id);
  return { type: 'cenc', data: concatBytes(boxes.map((box) => box.box)), keyIds: keyIds.length ? keyIds : hintKeyIds.slice() };
}

/**
 * Init data a presentation's DRM infos give for `keySystem` (DASH cenc:pssh / mspr:pro, HLS
 * KEY / SESSION-KEY data URIs and skd://), falling back to ClearKey key IDs from
 * cenc:default_KID / KEYID.
 */
export function manifestInitData(keySystem: string, infos: readonly DrmInfo[]): InitData[] {
  const out: InitData[] = [];
  const base = baseKeySystem(keySystem);
  const defaultKeyIds: string[] = [];
  for (const info of infos) {
    for (const id of info.defaultKeyIds) if (defaultKeyIds.indexOf(id) < 0) defaultKeyIds.push(id);
    if (info.keySystem !== undefined && baseKeySystem(info.keySystem) !== base) continue;
    for (const item of info.initData) {
      if (item.type === 'cenc') {
        const init = initDataFromPssh(keySystem, item.data, info.defaultKeyIds);
        if (init) out.push(init);
      } else if (item.type === 'skd' && base === FAIRPLAY) {
        out.push({ type: 'skd', data: item.data as Bytes, keyIds: info.defaultKeyIds.slice() });
      } else if (item.type === 'keyids' && base === CLEARKEY) {
        out.push({ type: 'keyids', data: item.data as Bytes, keyIds: info.defaultKeyIds.slice() });
      }
    }
  }
  if (!out.length && base === CLEARKEY && defaultKeyIds.length) {
    // One session per key: each representation group can be licensed (and restricted) alone.
    for (const id of defaultKeyIds) out.push(keyIdsInitData([id]));
  }
  return out;
}

/** FairPlay content ID: the host (and path) of an `skd://` URI. */
export function skdContentId(skd: Uint8Array): string {
  let text = '';
  for (let i = 0; i < skd.length; i++) text += String.fromCharCode(skd[i]!);
  return text.replace(/^skd:\/\//i, '');
}

/** A stable identity for deduplication: the key IDs when known, else the bytes. */
export function initDataIdentity(init: InitData): string {
  return init.keyIds.length ? init.keyIds.slice().sort().join(',') : init.type + ':' + toHex(init.data);
}
