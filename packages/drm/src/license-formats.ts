import { fromBase64, fromUtf16le, fromUtf8, toBytes, type Bytes } from './bytes';
import type { LicenseRequest } from './drm-config';
import { CLEARKEY, FAIRPLAY, PLAYREADY, baseKeySystem } from './key-systems';

/**
 * The default wire format per key system, applied before the app's `prepareRequest`:
 * - Widevine: the CDM message as is (a signed protobuf), POSTed as octets;
 * - PlayReady: the message is UTF-16 XML wrapping the SOAP challenge and its HTTP headers
 *   (PlayReady Header Specification); the challenge is unwrapped and the headers applied;
 * - FairPlay: the SPC as octets (apps with `spc=`/JSON servers use prepareRequest);
 * - ClearKey: the JSON licence request (EME §9.1.3) as is.
 */
export function formatLicenseRequest(request: LicenseRequest): LicenseRequest {
  const base = baseKeySystem(request.keySystem);
  const headers = request.headers;
  const setDefault = (name: string, value: string): void => {
    for (const key in headers) if (key.toLowerCase() === name.toLowerCase()) return;
    headers[name] = value;
  };
  if (base === PLAYREADY) {
    const xml = fromUtf16le(request.body);
    const challenge = /<Challenge[^>]*>([^<]*)<\/Challenge>/.exec(xml);
    if (challenge) {
      request.body = fromBase64(challenge[1]!);
      const pairs = /<name>([^<]*)<\/name>\s*<value>([^<]*)<\/value>/g;
      for (let m = pairs.exec(xml); m; m = pairs.exec(xml)) setDefault(m[1]!, m[2]!);
    }
    setDefault('Content-Type', 'text/xml; charset=utf-8');
    setDefault('SOAPAction', '"http://schemas.microsoft.com/DRM/2007/03/protocols/AcquireLicense"');
  } else if (base === CLEARKEY) {
    setDefault('Content-Type', 'application/json');
  } else {
    setDefault('Content-Type', 'application/octet-stream');
  }
  return request;
}

/** FairPlay servers often answer the CKC as base64, bare or in `<ckc>…</ckc>`; others answer octets. */
export function parseLicenseResponse(keySystem: string, body: Uint8Array): Bytes {
  if (baseKeySystem(keySystem) === FAIRPLAY) {
    const text = fromUtf8(body.subarray(0, 1 << 20)).trim();
    const wrapped = /^<ckc>([\s\S]*)<\/ckc>$/.exec(text);
    if (wrapped) return fromBase64(wrapped[1]!);
    if (/^[A-Za-z0-9+/=\s]+$/.test(text) && text.length % 4 === 0) return fromBase64(text);
  }
  return toBytes(body);
}
