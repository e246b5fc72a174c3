import type { DrmInfo } from '../../model';
import { buildPsshBox } from '../drm/pssh';
import { PLAYREADY_SYSTEM_ID, keySystemOfSystemId, normalizeKeyId, systemIdOfScheme } from '../drm/key-systems';
import { warn, type ParseContext } from '../parse-context';
import { resolveUrl } from '../url/resolve-url';
import { httpUrlOrWarn } from '../url/url-policy';
import { decodeBase64 } from '../../util/bytes';
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

function descriptor(element: XmlElement, schemeIdUri: string, ctx: ParseContext): DrmInfo {
  const defaultKeyIds: string[] = [];
  const raw = attributeByLocalName(element, 'default_KID');
  if (raw !== undefined) {
    raw.trim().split(/\s+/).forEach((part) => {
      const id = normalizeKeyId(part);
      if (id) defaultKeyIds.push(id);
      else if (part) warn(ctx, 'invalid-default-kid', part);
    });
  }
  return { schemeIdUri, defaultKeyIds, initData: [] };
}

function parseSystemDescriptor(element: XmlElement, schemeIdUri: string, ctx: ParseContext): DrmInfo {
  const systemId = systemIdOfScheme(schemeIdUri);
  const info = descriptor(element, schemeIdUri, ctx);
  const keySystem = keySystemOfSystemId(systemId);
  if (keySystem) info.keySystem = keySystem;
  childElements(element).forEach((child) => {
    const name = localName(child.name).toLowerCase();
    const isPro = name === 'pro' && systemId === PLAYREADY_SYSTEM_ID;
    if (name === 'pssh' || isPro) {
      // A PlayReady Object (mspr:pro) is wrapped in a pssh box: every DASH init data is 'cenc'.
      const data = decodeBase64(textContent(child));
      if (data && data.length) info.initData.push({ type: 'cenc', data: isPro ? buildPsshBox(PLAYREADY_SYSTEM_ID, data) : data });
      else warn(ctx, isPro ? 'invalid-playready-pro' : 'invalid-pssh', name);
    } else if (name === 'laurl' || name === 'la_url') {
      const raw = (child.attributes.licenseUrl || textContent(child)).trim();
      // Relative licence URLs (a packager that does not know its origin) resolve against the MPD.
      const url = raw && httpUrlOrWarn(ctx, resolveUrl(ctx.url, raw), 'licence server URL');
      if (url) info.licenseServerUrl = url;
    }
  });
  return info;
}

export function parseContentProtections(elements: XmlElement[], ctx: ParseContext): DrmInfo[] {
  let common: DrmInfo | undefined;
  const systems: DrmInfo[] = [];
  elements.forEach((element) => {
    const schemeIdUri = (element.attributes.schemeIdUri || '').trim();
    if (schemeIdUri.toLowerCase() === MP4_PROTECTION) {
      const value = (element.attributes.value || '').trim().toLowerCase();
      common = descriptor(element, schemeIdUri, ctx);
      if (SCHEMES.indexOf(value) >= 0) common.encryptionScheme = value as DrmInfo['encryptionScheme'];
    } else if (schemeIdUri) {
      systems.push(parseSystemDescriptor(element, schemeIdUri, ctx));
    }
  });
  if (!common) return systems;
  if (!systems.length) return [common];
  const { encryptionScheme, defaultKeyIds } = common;
  systems.forEach((info) => {
    if (!info.encryptionScheme && encryptionScheme) info.encryptionScheme = encryptionScheme;
    if (!info.defaultKeyIds.length) info.defaultKeyIds = defaultKeyIds.slice();
  });
  return systems;
}
