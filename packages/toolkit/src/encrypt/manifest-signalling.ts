import type { EncryptionScheme } from './cenc-boxes';
import type { EncryptionPlan } from './encryption-plan';
import { KEYS_FILE_NAME } from './keys-file';
import { SYSTEM_IDS, commonPssh, uuidOf, widevinePssh, type ProtectionSystems } from './protection-systems';
import { quoted } from '../package/hls-text';

/** packaging.json's `encryption`: the scheme, key IDs and signalled systems — never keys. */
export interface PackagedEncryption {
  scheme: EncryptionScheme;
  keys: Array<{ label: string; keyId: string }>;
  systems: ProtectionSystems;
  /** Next to packaging.json; secret. */
  keysFile: string;
}

export function describeEncryption(plan: EncryptionPlan): PackagedEncryption {
  return {
    scheme: plan.scheme,
    keys: plan.keys.map((k) => ({ label: k.label, keyId: k.keyId })),
    systems: plan.systems,
    keysFile: KEYS_FILE_NAME,
  };
}

function xmlAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

/** Namespaces the ContentProtection elements use, for the MPD element. */
export const DASH_CENC_NAMESPACES: Readonly<Record<string, string>> = {
  'xmlns:cenc': 'urn:mpeg:cenc:2013',
  'xmlns:dashif': 'https://dashif.org/CPS',
  'xmlns:clearkey': 'http://dashif.org/guidelines/clearKey',
  'xmlns:mspr': 'urn:microsoft:playready',
};

/**
 * ContentProtection elements for one key (ISO/IEC 23009-1 §5.8.4.1, ISO/IEC 23001-7 §11,
 * DASH-IF IOP §7.7): mp4protection with the scheme and cenc:default_KID, then one element
 * per system: DASH-IF ClearKey with its licence URL (or, without one, the W3C common pssh),
 * Widevine and PlayReady when configured.
 */
export function dashContentProtection(encryption: PackagedEncryption, keyId: string, indent: string): string[] {
  const systems = encryption.systems;
  const lines = [
    `<ContentProtection schemeIdUri="urn:mpeg:dash:mp4protection:2011" value="${encryption.scheme}" cenc:default_KID="${uuidOf(keyId)}"/>`,
  ];
  const laUrl = systems.clearKeyLicenseUrl;
  if (laUrl) {
    // DASH-IF IOP §7.6.2.4: ClearKey is signalled by its own system ID with the licence URL; players
    // build 'keyids' init data from cenc:default_KID (dash.js feeds any pssh here to the CDM as
    // 'keyids', so none is written). The W3C common pssh stays in the init segments.
    lines.push(
      `<ContentProtection schemeIdUri="urn:uuid:${uuidOf(SYSTEM_IDS.clearKey)}" value="ClearKey1.0">`,
      `  <dashif:laurl>${xmlAttr(laUrl)}</dashif:laurl>`,
      `  <clearkey:Laurl Lic_type="EME-1.0">${xmlAttr(laUrl)}</clearkey:Laurl>`,
      '</ContentProtection>',
    );
  } else {
    lines.push(
      `<ContentProtection schemeIdUri="urn:uuid:${uuidOf(SYSTEM_IDS.common)}" value="cenc-common">`,
      `  <cenc:pssh>${base64(commonPssh([keyId]))}</cenc:pssh>`,
      '</ContentProtection>',
    );
  }
  const widevine = widevinePssh(systems, [keyId], encryption.scheme);
  if (widevine) {
    lines.push(`<ContentProtection schemeIdUri="urn:uuid:${uuidOf(SYSTEM_IDS.widevine)}" value="Widevine">`, `  <cenc:pssh>${base64(widevine)}</cenc:pssh>`, '</ContentProtection>');
  }
  if (systems.playReady) {
    lines.push(`<ContentProtection schemeIdUri="urn:uuid:${uuidOf(SYSTEM_IDS.playReady)}" value="MSPR 2.0">`, `  <mspr:pro>${systems.playReady.pro}</mspr:pro>`);
    if (systems.playReady.licenseUrl) lines.push(`  <dashif:laurl>${xmlAttr(systems.playReady.licenseUrl)}</dashif:laurl>`);
    lines.push('</ContentProtection>');
  }
  return lines.map((line) => indent + line);
}

/**
 * EXT-X-KEY (media playlists, before EXT-X-MAP) or EXT-X-SESSION-KEY (multivariant)
 * tags for one key (RFC 8216 §4.3.2.4, §4.3.4.5): SAMPLE-AES for 'cbcs', SAMPLE-AES-CTR for
 * 'cenc', one tag per KEYFORMAT — the W3C common pssh (urn:uuid, and org.w3.clearkey for
 * players that name ClearKey so), Widevine, PlayReady, FairPlay (`skd://`, 'cbcs' only).
 */
export function hlsKeyTags(encryption: PackagedEncryption, keyId: string, tag: 'EXT-X-KEY' | 'EXT-X-SESSION-KEY'): string[] {
  const method = encryption.scheme === 'cbcs' ? 'SAMPLE-AES' : 'SAMPLE-AES-CTR';
  const systems = encryption.systems;
  const keyIdAttribute = `KEYID=0x${keyId.toUpperCase()}`;
  const line = (keyFormat: string, uri: string, withKeyId = true) =>
    `#${tag}:METHOD=${method},KEYFORMAT=${quoted(keyFormat)},KEYFORMATVERSIONS="1",URI=${quoted(uri)}${withKeyId ? ',' + keyIdAttribute : ''}`;
  const commonUri = `data:text/plain;base64,${base64(commonPssh([keyId]))}`;
  const lines = [line(`urn:uuid:${uuidOf(SYSTEM_IDS.common)}`, commonUri), line('org.w3.clearkey', commonUri)];
  const widevine = widevinePssh(systems, [keyId], encryption.scheme);
  if (widevine) lines.push(line(`urn:uuid:${uuidOf(SYSTEM_IDS.widevine)}`, `data:text/plain;base64,${base64(widevine)}`));
  if (systems.playReady) lines.push(line('com.microsoft.playready', `data:text/plain;charset=UTF-16;base64,${systems.playReady.pro}`));
  if (systems.fairPlay && encryption.scheme === 'cbcs') lines.push(line('com.apple.streamingkeydelivery', `skd://${keyId}`, false));
  return lines;
}

/**
 * ContentProtection for an AdaptationSet (`rep` undefined) or for one of its
 * Representations: on the set when every representation shares one key, else on each
 * representation (keys per quality group).
 */
export function dashProtection(
  encryption: PackagedEncryption | undefined,
  set: ReadonlyArray<{ keyId?: string }>,
  rep: { keyId?: string } | undefined,
  indent: string,
): string[] {
  if (!encryption) return [];
  const shared = set.every((r) => r.keyId === set[0]?.keyId);
  const keyId = rep ? rep.keyId : set[0]?.keyId;
  if (!keyId || shared === (rep !== undefined)) return [];
  return dashContentProtection(encryption, keyId, indent);
}
