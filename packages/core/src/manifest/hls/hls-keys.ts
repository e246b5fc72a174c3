import type { DrmInfo, SegmentKey } from '../../model';
import { PLAYREADY_SYSTEM_ID, keySystemOfKeyFormat, normalizeKeyId, systemIdOfScheme } from '../drm/key-systems';
import { buildPsshBox } from '../drm/pssh';
import { warn, type ParseContext } from '../parse-context';
import { resolveUrl } from '../url/resolve-url';
import { httpUrlOrWarn } from '../url/url-policy';
import { decodeDataUri, encodeUtf8 } from '../util/data-uri';
import { copyAttributes, type AttributeList } from './attribute-list';

/*
 * EXT-X-KEY / EXT-X-SESSION-KEY (RFC 8216 §4.3.2.4, §4.3.4.5). Key URIs stay as
 * written when they are not network locations (skd: for FairPlay, data: carrying a
 * pssh or PlayReady object); others resolve against the playlist and must be http(s).
 */

const SCHEME_OF_METHOD: Record<string, DrmInfo['encryptionScheme']> = {
  'SAMPLE-AES': 'cbcs',
  'SAMPLE-AES-CTR': 'cenc',
  'ISO-23001-7': 'cenc',
};

export function parseKey(attrs: AttributeList, playlistUrl: string, ctx: ParseContext): SegmentKey | undefined {
  const method = (attrs.METHOD || '').trim();
  if (!method) {
    warn(ctx, 'invalid-key', 'no METHOD');
    return undefined;
  }
  const key: SegmentKey = { method };
  if (method === 'NONE') return key;
  const uri = (attrs.URI || '').trim();
  if (attrs.URI !== undefined) {
    const resolved = /^(skd|data):/i.test(uri) ? uri : httpUrlOrWarn(ctx, resolveUrl(playlistUrl, uri), 'key URI');
    if (resolved) key.uri = resolved;
  }
  return copyAttributes(attrs, key, { iv: 'IV', keyFormat: 'KEYFORMAT', keyFormatVersions: 'KEYFORMATVERSIONS' }, (value) => value.trim());
}

/** DRM description for sample-encrypted keys; undefined for NONE and AES-128 (whole-segment, unsupported). */
export function drmFromKey(key: SegmentKey, attrs: AttributeList): DrmInfo | undefined {
  const scheme = SCHEME_OF_METHOD[key.method];
  if (!scheme) return undefined;
  const keyFormat = key.keyFormat || 'identity';
  const info: DrmInfo = { schemeIdUri: 'hls:' + keyFormat, encryptionScheme: scheme, defaultKeyIds: [], initData: [], hlsKey: key };
  const keySystem = keySystemOfKeyFormat(key.keyFormat);
  if (keySystem) info.keySystem = keySystem;
  if (attrs.KEYID !== undefined) {
    const id = normalizeKeyId(attrs.KEYID);
    if (id) info.defaultKeyIds.push(id);
  }
  const uri = key.uri;
  if (uri && /^skd:/i.test(uri)) info.initData.push({ type: 'skd', data: encodeUtf8(uri) });
  else if (uri && /^data:/i.test(uri)) {
    const data = decodeDataUri(uri);
    if (data && data.length) {
      // Usually a whole pssh box (Widevine); PlayReady data URIs carry a bare PlayReady Object.
      const isBox = data.length >= 8 && data[4] === 0x70 && data[5] === 0x73 && data[6] === 0x73 && data[7] === 0x68;
      const systemId = keySystem === 'com.microsoft.playready' ? PLAYREADY_SYSTEM_ID : systemIdOfScheme(keyFormat);
      if (isBox) info.initData.push({ type: 'cenc', data });
      else if (systemId) info.initData.push({ type: 'cenc', data: buildPsshBox(systemId, data) });
    }
  }
  return info;
}
