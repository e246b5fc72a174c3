/** Well-known DRM system IDs (DASH-IF registry) and HLS KEYFORMATs → EME key systems. */
const WIDEVINE = 'com.widevine.alpha';
const PLAYREADY = 'com.microsoft.playready';
const CLEARKEY = 'org.w3.clearkey';
const FAIRPLAY = 'com.apple.fps';

export const PLAYREADY_SYSTEM_ID = '9a04f07998404286ab92e65be0885f95';

const BY_SYSTEM_ID: Record<string, string> = {
  edef8ba979d64acea3c827dcd51d21ed: WIDEVINE,
  [PLAYREADY_SYSTEM_ID]: PLAYREADY,
  e2719d58a985b3c9781ab030af78d30e: CLEARKEY,
  '1077efecc0b24d02ace33c1e52e2fb4b': CLEARKEY,
  '94ce86fb07ff4f43adb893d2fa968ca2': FAIRPLAY,
};

/** "urn:uuid:EDEF8BA9-79D6-..." → "edef8ba979d6..." (or undefined when not a uuid URN). */
export function systemIdOfScheme(schemeIdUri: string): string | undefined {
  const m = /^urn:uuid:([0-9a-f-]{32,40})$/i.exec(schemeIdUri.trim());
  if (!m) return undefined;
  const hex = m[1].replace(/-/g, '').toLowerCase();
  return hex.length === 32 ? hex : undefined;
}

export function keySystemOfSystemId(systemId: string | undefined): string | undefined {
  return systemId !== undefined && Object.prototype.hasOwnProperty.call(BY_SYSTEM_ID, systemId) ? BY_SYSTEM_ID[systemId] : undefined;
}

/** HLS EXT-X-KEY KEYFORMAT → EME key system (RFC 8216 §4.3.2.4; vendor formats). */
export function keySystemOfKeyFormat(keyFormat: string | undefined): string | undefined {
  if (!keyFormat) return undefined;
  const lower = keyFormat.trim().toLowerCase();
  if (lower === 'com.apple.streamingkeydelivery') return FAIRPLAY;
  if (lower === 'com.microsoft.playready') return PLAYREADY;
  if (lower === 'org.w3.clearkey') return CLEARKEY;
  return keySystemOfSystemId(systemIdOfScheme(lower));
}

/** A key ID as lower-case hex without dashes, or undefined when it is not 16 bytes. */
export function normalizeKeyId(value: string): string | undefined {
  const hex = value.trim().replace(/^0x/i, '').replace(/-/g, '').toLowerCase();
  return /^[0-9a-f]{32}$/.test(hex) ? hex : undefined;
}
