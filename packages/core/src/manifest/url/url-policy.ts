/**
 * Manifests may only point at http(s) resources (MISSION: "URLs from manifests
 * limited to http(s)"); data:, javascript:, file: and relative leftovers are refused.
 */
const HTTP_URL = /^https?:\/\/[^/?#\s]/i;

export function isHttpUrl(url: string): boolean {
  return HTTP_URL.test(url);
}
