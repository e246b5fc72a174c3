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

/** RFC 3986 §5.2.4, index-based so that pathological paths stay linear. */
export function removeDotSegments(path: string): string {
  if (path.indexOf('.') < 0) return path;
  const n = path.length;
  const out: string[] = [];
  let i = 0;
  while (i < n) {
    if (hasAt(path, '../', i)) i += 3;
    else if (hasAt(path, './', i)) i += 2;
    else if (hasAt(path, '/./', i)) i += 2;
    else if (i + 2 === n && hasAt(path, '/.', i)) {
      out.push('/');
      i = n;
    } else if (hasAt(path, '/../', i)) {
      i += 3;
      out.pop();
    } else if (i + 3 === n && hasAt(path, '/..', i)) {
      out.pop();
      out.push('/');
      i = n;
    } else if ((i + 1 === n && path.charCodeAt(i) === 46) || (i + 2 === n && hasAt(path, '..', i))) {
      i = n;
    } else {
      let j = path.indexOf('/', path.charCodeAt(i) === 47 ? i + 1 : i);
      if (j < 0) j = n;
      out.push(path.slice(i, j));
      i = j;
    }
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
