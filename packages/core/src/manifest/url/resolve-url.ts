import { hasAt } from '../util/strings';

/**
 * RFC 3986 §5.2 reference resolution, pure (no `URL` global: old TV engines
 * differ, and this runs for every segment of every representation).
 */

interface UriParts {
  scheme?: string;
  authority?: string;
  path: string;
  query?: string;
  fragment?: string;
}

// RFC 3986 Appendix B, with the fragment allowed to hold any character.
const URI_PATTERN = /^(?:([^:/?#]+):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#([\s\S]*))?$/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/;

function parseUri(text: string): UriParts {
  const m = URI_PATTERN.exec(text);
  if (!m) return { path: text };
  if (m[1] !== undefined && !SCHEME.test(m[1])) {
    // "12:34/x" has no valid scheme: the whole thing is a relative path.
    const rest = parseUri('./' + text);
    rest.path = rest.path.slice(2);
    return rest;
  }
  return { scheme: m[1] !== undefined ? m[1].toLowerCase() : undefined, authority: m[2], path: m[3], query: m[4], fragment: m[5] };
}

/**
 * RFC 3986 §5.2.4 over '/'-separated segments (linear even on pathological paths): leading
 * "../" and "./" go (rule A), as does a lone "." or ".." (D); then "." drops out (B), ".."
 * drops out with the segment before it (C), and either one at the end leaves a trailing '/'.
 */
export function removeDotSegments(path: string): string {
  if (path.indexOf('.') < 0) return path;
  let start = 0;
  for (;;) {
    if (hasAt(path, '../', start)) start += 3;
    else if (hasAt(path, './', start)) start += 2;
    else break;
  }
  const segments = path.slice(start).split('/');
  const first = segments[0];
  if (segments.length === 1 && (first === '.' || first === '..')) return '';
  // The first segment carries no '/' (it is '' in an absolute path); every later one does.
  const out = [first];
  for (let k = 1; k < segments.length; k++) {
    const segment = segments[k];
    const dot = segment === '.';
    if (segment === '..') out.pop();
    if (!dot && segment !== '..') out.push('/' + segment);
    else if (k === segments.length - 1) out.push('/');
  }
  return out.join('');
}

function recompose(t: UriParts): string {
  let s = '';
  if (t.scheme !== undefined) s += t.scheme + ':';
  if (t.authority !== undefined) s += '//' + t.authority;
  s += t.path;
  if (t.query !== undefined) s += '?' + t.query;
  if (t.fragment !== undefined) s += '#' + t.fragment;
  return s;
}

/** Resolves `reference` against `base` (RFC 3986 §5.2.2). Surrounding whitespace is ignored. */
export function resolveUrl(base: string, reference: string): string {
  return resolveParsed(parseUri(base.trim()), reference);
}

// A plain relative path: no scheme, no leading '/', no dot segment, no query or fragment.
const SIMPLE_RELATIVE = /^[^:/?#.\s][^:?#]*$/;

/**
 * A resolver bound to one base, for resolving many references (playlist segments):
 * the base is parsed once and plain relative paths are a string concatenation.
 */
export function urlResolver(base: string): (reference: string) => string {
  const b = parseUri(base.trim());
  let directory: string | undefined;
  if (b.scheme !== undefined) {
    const dir = b.authority !== undefined && b.path === '' ? '/' : b.path.slice(0, b.path.lastIndexOf('/') + 1);
    if (removeDotSegments(dir) === dir) directory = recompose({ scheme: b.scheme, authority: b.authority, path: dir });
  }
  return (reference) => {
    if (directory !== undefined && SIMPLE_RELATIVE.test(reference) && reference.indexOf('/.') < 0) return directory + reference;
    return resolveParsed(b, reference);
  };
}

function resolveParsed(b: UriParts, reference: string): string {
  const r = parseUri(reference.trim());
  if (r.scheme !== undefined) {
    r.path = removeDotSegments(r.path);
    return recompose(r);
  }
  const t: UriParts = { scheme: b.scheme, path: '', fragment: r.fragment };
  if (r.authority !== undefined) {
    t.authority = r.authority;
    t.path = removeDotSegments(r.path);
    t.query = r.query;
  } else {
    t.authority = b.authority;
    if (r.path === '') {
      t.path = b.path;
      t.query = r.query !== undefined ? r.query : b.query;
    } else {
      if (r.path.charCodeAt(0) === 47) t.path = removeDotSegments(r.path);
      else if (b.authority !== undefined && b.path === '') t.path = removeDotSegments('/' + r.path);
      else t.path = removeDotSegments(b.path.slice(0, b.path.lastIndexOf('/') + 1) + r.path);
      t.query = r.query;
    }
  }
  return recompose(t);
}
