import { ErrorCode } from '../../errors';
import { fail, warn, type ParseContext } from '../parse-context';
import { resolveUrl } from '../url/resolve-url';
import { isHttpUrl } from '../url/url-policy';
import { textContent } from '../xml/parse-xml';
import { childElements } from '../xml/xml-query';
import type { XmlElement } from '../xml/xml-types';

/*
 * BaseURL cascade (ISO/IEC 23009-1 §5.6): each level's BaseURLs resolve against every
 * candidate of the level above (RFC 3986), giving several candidates for failover.
 * A candidate's pathway is the @serviceLocation nearest to it in its chain.
 */

export interface BaseCandidate {
  url: string;
  serviceLocation?: string;
}

/** More alternatives than this add nothing but memory (every segment carries them all). */
const MAX_CANDIDATES = 8;
const ABSOLUTE = /^[A-Za-z][A-Za-z0-9+.-]*:/;

export function cascadeBaseUrls(parents: BaseCandidate[], element: XmlElement, ctx: ParseContext): BaseCandidate[] {
  const baseElements = childElements(element, 'BaseURL');
  if (!baseElements.length) return parents;
  const out: BaseCandidate[] = [];
  const seen: Record<string, true> = Object.create(null);
  for (let p = 0; p < parents.length; p++) {
    for (let b = 0; b < baseElements.length; b++) {
      const text = textContent(baseElements[b]).trim();
      const url = resolveUrl(parents[p].url, text);
      if (seen[url]) continue;
      if (out.length >= MAX_CANDIDATES) {
        warn(ctx, 'too-many-base-urls', 'first ' + MAX_CANDIDATES + ' kept');
        return out;
      }
      seen[url] = true;
      const location = baseElements[b].attributes.serviceLocation;
      const candidate: BaseCandidate = { url };
      if (location !== undefined) candidate.serviceLocation = location;
      else if (!ABSOLUTE.test(text) && parents[p].serviceLocation !== undefined) candidate.serviceLocation = parents[p].serviceLocation;
      out.push(candidate);
    }
  }
  return out;
}

/** Candidates resolved for one reference and kept to http(s); UNSUPPORTED_URL_SCHEME when none is left. */
export interface ResolvedUrls {
  urls: string[];
  pathways: Array<string | undefined>;
}

export function resolveAgainstBases(bases: BaseCandidate[], reference: string | undefined, ctx: ParseContext): ResolvedUrls {
  const urls: string[] = [];
  const pathways: Array<string | undefined> = [];
  let rejected: string | undefined;
  for (let k = 0; k < bases.length; k++) {
    const url = reference === undefined ? bases[k].url : resolveUrl(bases[k].url, reference);
    if (!isHttpUrl(url)) {
      if (rejected === undefined) rejected = url;
      continue;
    }
    if (urls.indexOf(url) >= 0) continue;
    urls.push(url);
    pathways.push(bases[k].serviceLocation);
  }
  if (rejected !== undefined) {
    const shown = rejected.length > 80 ? rejected.slice(0, 80) + '…' : rejected;
    if (!urls.length) fail(ErrorCode.UNSUPPORTED_URL_SCHEME, { url: shown });
    warn(ctx, 'unsupported-url-scheme', shown);
  }
  return { urls, pathways };
}
