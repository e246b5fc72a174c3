import { realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';

/** A request target split into decoded path segments, or the reason it is refused. */
export type RequestPath =
  | { ok: true; segments: string[]; trailingSlash: boolean; pathname: string }
  | { ok: false; status: 400 | 403; reason: string };

/**
 * Parses the raw request target (`req.url`, which Node does NOT normalize) defensively.
 * Refused before any file-system access: dot segments (`..`, `.`, also percent-encoded),
 * encoded separators (`%2f`, `%5c`), backslashes, NUL, and targets that are not
 * origin-form (`GET http://x/..`, `GET C:/...`). Each segment is decoded exactly once, so
 * `%252e%252e` is the literal name `%2e%2e`, not a parent directory.
 */
export function parseRequestPath(rawTarget: string): RequestPath {
  if (!rawTarget.startsWith('/')) return { ok: false, status: 400, reason: 'request target must start with /' };
  const end = rawTarget.search(/[?#]/);
  const rawPath = end === -1 ? rawTarget : rawTarget.slice(0, end);
  if (rawPath.includes('\\') || rawPath.includes('\0')) return { ok: false, status: 403, reason: 'forbidden character' };

  const segments: string[] = [];
  for (const rawSegment of rawPath.split('/')) {
    if (rawSegment === '') continue; // `//a` is `/a`; it cannot climb out of the root
    let segment: string;
    try {
      segment = decodeURIComponent(rawSegment);
    } catch {
      return { ok: false, status: 400, reason: 'malformed percent-encoding' };
    }
    if (segment === '.' || segment === '..') return { ok: false, status: 403, reason: 'dot segment' };
    if (/[/\\\0]/.test(segment)) return { ok: false, status: 403, reason: 'encoded separator or NUL' };
    segments.push(segment);
  }
  const trailingSlash = rawPath.endsWith('/') && segments.length > 0;
  const pathname = '/' + segments.join('/') + (trailingSlash ? '/' : '');
  return { ok: true, segments, trailingSlash, pathname };
}

/** True when `candidate` is `root` or below it (both absolute, already resolved). */
export function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * Resolves segments under the real root path, following symlinks, and refuses anything whose
 * real location is outside the root (a symlink to /etc inside the served tree, for instance).
 * Returns undefined when the path does not exist, 'outside' when it escapes.
 */
export async function resolveInsideRoot(realRoot: string, segments: readonly string[]): Promise<string | 'outside' | undefined> {
  const joined = join(realRoot, ...segments);
  if (!isInside(realRoot, joined)) return 'outside';
  let real: string;
  try {
    real = await realpath(joined);
  } catch {
    return undefined;
  }
  return isInside(realRoot, real) ? real : 'outside';
}
