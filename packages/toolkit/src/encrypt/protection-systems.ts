import { writePssh } from '@tessera/core/mp4';
import { keyIdBytes, type EncryptionScheme } from './cenc-boxes';

/** DRM system IDs (DASH-IF registry, https://dashif.org/identifiers/content_protection/). */
export const SYSTEM_IDS = {
  /** W3C "Common PSSH box format" (EME §6 / https://w3c.github.io/encrypted-media/format-registry/initdata/cenc.html). */
  common: '1077efecc0b24d02ace33c1e52e2fb4b',
  clearKey: 'e2719d58a985b3c9781ab030af78d30e',
  widevine: 'edef8ba979d64acea3c827dcd51d21ed',
  playReady: '9a04f07998404286ab92e65be0885f95',
} as const;

/**
 * Which protection systems a title is packaged for. ClearKey (through the W3C common
 * pssh and the DASH-IF ClearKey descriptor) is always on; the others need their data.
 * Lives in packaging.json: key IDs and licence URLs only, never keys.
 */
export interface ProtectionSystems {
  /** W3C ClearKey licence server URL written to the manifests (absolute, or root-relative). */
  clearKeyLicenseUrl?: string;
  /** Widevine: base64 WidevinePsshData; `true` builds one from the key IDs. */
  widevine?: { psshData?: string };
  /** PlayReady: base64 PlayReady Object (PRO), as `mspr:pro` and in a pssh. */
  playReady?: { pro: string; licenseUrl?: string };
  /** FairPlay ('cbcs' HLS): key URIs `skd://<keyId>`. */
  fairPlay?: boolean;
}

/** `edef8ba9-79d6-4ace-…` from 32 hex digits. */
export function uuidOf(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** W3C common-system pssh, version 1 with the key IDs (what ClearKey CDMs read). */
export function commonPssh(keyIds: readonly string[]): Uint8Array {
  return writePssh(SYSTEM_IDS.common, new Uint8Array(0), keyIds);
}

/**
 * A minimal WidevinePsshData protobuf: key_id (field 2) per key and protection_scheme
 * (field 9, the scheme's FourCC as a varint), enough for a Widevine licence proxy to work on.
 */
export function widevinePsshData(keyIds: readonly string[], scheme: EncryptionScheme): Uint8Array {
  const out: number[] = [];
  for (const keyId of keyIds) out.push(0x12, 16, ...keyIdBytes(keyId));
  let fourcc = 0;
  for (let i = 0; i < 4; i++) fourcc = fourcc * 256 + scheme.charCodeAt(i);
  out.push(0x48);
  while (fourcc >= 0x80) {
    out.push((fourcc % 0x80) | 0x80);
    fourcc = Math.floor(fourcc / 0x80);
  }
  out.push(fourcc);
  return new Uint8Array(out);
}

export function widevinePssh(systems: ProtectionSystems, keyIds: readonly string[], scheme: EncryptionScheme): Uint8Array | undefined {
  if (!systems.widevine) return undefined;
  const data = systems.widevine.psshData ? Buffer.from(systems.widevine.psshData, 'base64') : widevinePsshData(keyIds, scheme);
  return writePssh(SYSTEM_IDS.widevine, new Uint8Array(data));
}

export function playReadyPssh(systems: ProtectionSystems): Uint8Array | undefined {
  if (!systems.playReady) return undefined;
  return writePssh(SYSTEM_IDS.playReady, new Uint8Array(Buffer.from(systems.playReady.pro, 'base64')));
}

/** Every pssh box for the init segment of a track using `keyIds`. */
export function psshBoxes(systems: ProtectionSystems, keyIds: readonly string[], scheme: EncryptionScheme): Uint8Array[] {
  const boxes = [commonPssh(keyIds)];
  const widevine = widevinePssh(systems, keyIds, scheme);
  if (widevine) boxes.push(widevine);
  const playReady = playReadyPssh(systems);
  if (playReady) boxes.push(playReady);
  return boxes;
}
