/**
 * Which URLs the loader may fetch, and how URLs are shown in errors.
 *
 * Only `http:` and `https:` by default: URLs come from manifests, and a manifest must not
 * make the player read `file:`, `chrome-extension:` or `javascript:` URLs. `blob:` and
 * `data:` can be enabled per engine (`NetworkEngineOptions.allowedSchemes`) for URLs the
 * app itself creates — a subtitle file chosen by the user, an inline test manifest —
 * never because a manifest asked for them. Relative URLs are accepted only in a page
 * served over http(s), where they can only resolve to http(s).
 */

/** Schemes the loader knows. http/https are always allowed. */
export type UrlScheme = 'http:' | 'https:' | 'blob:' | 'data:';

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

/** The lower-cased scheme with its colon (`'https:'`), or undefined for a relative URL. */
export function schemeOf(url: string): string | undefined {
  const match = SCHEME.exec(url);
  return match ? match[1].toLowerCase() + ':' : undefined;
}

/**
 * True when the URL may be requested. `relativeAllowed` says whether the platform
 * resolves relative URLs against an http(s) page.
 */
export function isUrlAllowed(url: string, extraSchemes: readonly string[], relativeAllowed: boolean): boolean {
  if (typeof url !== 'string' || url === '') return false;
  // Control characters and whitespace around a URL are how scheme checks get bypassed.
  if (hasControlOrEdgeSpace(url)) return false;
  const scheme = schemeOf(url);
  // Relative (and protocol-relative) URLs inherit the page's http(s) scheme.
  if (scheme === undefined) return relativeAllowed;
  if (scheme === 'http:' || scheme === 'https:') return true;
  for (let i = 0; i < extraSchemes.length; i++) if (extraSchemes[i] === scheme) return true;
  return false;
}

/**
 * Query parameter names whose values are secrets in common CDN/DRM schemes: CloudFront
 * (`Signature`, `Policy`, `Key-Pair-Id`), S3 (`X-Amz-Signature`, `X-Amz-Credential`,
 * `X-Amz-Security-Token`), Akamai (`hdnts`, `hdnea`, `__token__`), Azure SAS (`sig`),
 * and generic `token`, `auth`, `key`, `session`, `jwt`, `password`.
 */
const SECRET_PARAM = /token|auth|sig|key|secret|pass|credential|session|policy|jwt|hdn|bearer|cookie/i;

/**
 * A URL safe to put in errors, logs and telemetry: user-info removed, values of
 * secret-looking query parameters replaced by `REDACTED` (names kept, they help
 * debugging), `data:` URLs cut to their media type. Tokens carried in the path
 * (some CDNs do that) cannot be recognised and are not removed.
 */
export function redactUrl(url: string): string {
  if (typeof url !== 'string') return '';
  const scheme = schemeOf(url);
  if (scheme === 'data:') {
    const comma = url.indexOf(',');
    return (comma === -1 ? url.slice(0, 64) : url.slice(0, Math.min(comma, 64))) + ',…';
  }
  // user:password@host; then each secret-looking pair of the query (before any fragment).
  return url
    .replace(/^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)[^/?#@]*@/, '$1')
    .replace(/^([^?#]*)(\?[^#]*)/, (_, path: string, query: string) =>
      path +
      query.replace(/([?&])([^=&]*)=[^&]*/g, (pair, separator: string, name: string) =>
        SECRET_PARAM.test(safeDecode(name)) ? separator + name + '=REDACTED' : pair,
      ),
    );
}

/** Redact every http(s) URL inside free text (platform error messages sometimes quote the URL). */
export function redactUrlsInText(text: string): string {
  return text.replace(/(?:https?|blob|data):[^\s"'<>]*/gi, (url) => redactUrl(url));
}

function hasControlOrEdgeSpace(url: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  return url.trim() !== url || /[\x00-\x1f\x7f]/.test(url);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
