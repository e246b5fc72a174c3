import { resolveUrl } from '@tessera/core/manifest';

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * Resolves an image reference against the document that named it, refusing schemes
 * other than http(s) (javascript:, data:, file:...): URLs from thumbnail files are
 * as untrusted as URLs from manifests. Undefined when refused.
 */
export function resolveImageUrl(base: string, reference: string): string | undefined {
  const url = resolveUrl(base, reference.trim());
  const scheme = SCHEME.exec(url);
  return !scheme || /^https?$/i.test(scheme[1]!) ? url : undefined;
}
