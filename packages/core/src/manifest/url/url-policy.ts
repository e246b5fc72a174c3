import type { ParseWarning } from '../../model';
import { warn } from '../parse-context';

/**
 * Manifests may only point at http(s) resources (MISSION: "URLs from manifests
 * limited to http(s)"); data:, javascript:, file: and relative leftovers are refused.
 */
const HTTP_URL = /^https?:\/\/[^/?#\s]/i;

export function isHttpUrl(url: string): boolean {
  return HTTP_URL.test(url);
}

/** `url` when it is http(s); otherwise an `unsupported-url-scheme` warning naming `what`, and undefined. */
export function httpUrlOrWarn(ctx: { warnings: ParseWarning[] }, url: string, what: string): string | undefined {
  if (isHttpUrl(url)) return url;
  warn(ctx, 'unsupported-url-scheme', what + ' ' + url.slice(0, 80));
  return undefined;
}
