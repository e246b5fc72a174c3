import type { DrmInfo } from '../../model';
import { buildPsshBox } from '../drm/pssh';
import { PLAYREADY_SYSTEM_ID, keySystemOfSystemId, normalizeKeyId, systemIdOfScheme } from '../drm/key-systems';
import { warn, type ParseContext } from '../parse-context';
import { resolveUrl } from '../url/resolve-url';
import { isHttpUrl } from '../url/url-policy';
import { decodeBase64 } from '../util/base64';
import { textContent } from '../xml/parse-xml';
import { attributeByLocalName, childElements, localName } from '../xml/xml-query';
import type { XmlElement } from '../xml/xml-types';

/*
 * ContentProtection → DrmInfo (ISO/IEC 23009-1 §5.8.4.1, DASH-IF IOP §7.7).
 * The mp4protection descriptor carries the scheme (@value) and cenc:default_KID; the
 * system-specific descriptors (urn:uuid:...) carry pssh / PlayReady PRO / licence URLs
 * and inherit scheme and key IDs from it.
 */

const MP4_PROTECTION = 'urn:mpeg:dash:mp4protection:2011';
const SCHEMES = ['cenc', 'cbcs', 'cens', 'cbc1'];
const LICENSE_URL_ELEMENTS = ['laurl', 'la_url'];

function keyIdsOf(element: XmlElement, ctx: ParseContext): string[] {
  const raw = attributeByLocalName(element, 'default_KID');
  if (raw === undefined) return [];
  const out: string[] = [];
  const parts = raw.trim().split(/\s+/);
  for (let k = 0; k < parts.length; k++) {
    const id = normalizeKeyId(parts[k]);
    if (id) out.push(id);
    else if (parts[k]) warn(ctx, 'invalid-default-kid', parts[k]);
  }
  return out;
}

function parseSystemDescriptor(element: XmlElement, schemeIdUri: string, ctx: ParseContext): DrmInfo {
  const systemId = systemIdOfScheme(schemeIdUri);
  const info: DrmInfo = { schemeIdUri, defaultKeyIds: keyIdsOf(element, ctx), initData: [] };
  const keySystem = keySystemOfSystemId(systemId);
  if (keySystem) info.keySystem = keySystem;
  const children = childElements(element);
  for (let k = 0; k < children.length; k++) {
    const child = children[k];
    const name = localName(child.name).toLowerCase();
    if (name === 'pssh') {
      const data = decodeBase64(textContent(child));
      if (data && data.length) info.initData.push({ type: 'cenc', data });
      else warn(ctx, 'invalid-pssh', 'cenc:pssh is not base64');
    } else if (name === 'pro' && systemId === PLAYREADY_SYSTEM_ID) {
      const data = decodeBase64(textContent(child));
      if (data && data.length) info.initData.push({ type: 'cenc', data: buildPsshBox(PLAYREADY_SYSTEM_ID, data) });
      else warn(ctx, 'invalid-playready-pro', 'mspr:pro is not base64');
    } else if (LICENSE_URL_ELEMENTS.indexOf(name) >= 0) {
      const raw = (child.attributes.licenseUrl || textContent(child)).trim();
      // Relative licence URLs (a packager that does not know its origin) resolve against the MPD.
      const url = raw ? resolveUrl(ctx.url, raw) : raw;
      if (isHttpUrl(url)) info.licenseServerUrl = url;
      else if (url) warn(ctx, 'unsupported-url-scheme', 'licence server URL ' + url);
    }
  }
  return info;
}

export function parseContentProtections(elements: XmlElement[], ctx: ParseContext): DrmInfo[] {
  if (!elements.length) return [];
  let common: DrmInfo | undefined;
  const systems: DrmInfo[] = [];
  for (let k = 0; k < elements.length; k++) {
    const element = elements[k];
    const schemeIdUri = (element.attributes.schemeIdUri || '').trim();
    if (schemeIdUri.toLowerCase() === MP4_PROTECTION) {
      const value = (element.attributes.value || '').trim().toLowerCase();
      common = { schemeIdUri, defaultKeyIds: keyIdsOf(element, ctx), initData: [] };
      if (SCHEMES.indexOf(value) >= 0) common.encryptionScheme = value as DrmInfo['encryptionScheme'];
    } else if (schemeIdUri) {
      systems.push(parseSystemDescriptor(element, schemeIdUri, ctx));
    }
  }
  if (!common) return systems;
  if (!systems.length) return [common];
  for (let k = 0; k < systems.length; k++) {
    const info = systems[k];
    if (!info.encryptionScheme && common.encryptionScheme) info.encryptionScheme = common.encryptionScheme;
    if (!info.defaultKeyIds.length) info.defaultKeyIds = common.defaultKeyIds.slice();
  }
  return systems;
}
