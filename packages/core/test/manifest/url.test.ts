import { describe, expect, it } from 'vitest';
import { resolveUrl, urlResolver } from '@tessera/core/manifest';

// RFC 3986 §5.4: every normal and abnormal example, base "http://a/b/c/d;p?q".
const BASE = 'http://a/b/c/d;p?q';
const EXAMPLES: Array<[string, string]> = [
  ['g:h', 'g:h'], ['g', 'http://a/b/c/g'], ['./g', 'http://a/b/c/g'], ['g/', 'http://a/b/c/g/'], ['/g', 'http://a/g'],
  ['//g', 'http://g'], ['?y', 'http://a/b/c/d;p?y'], ['g?y', 'http://a/b/c/g?y'], ['#s', 'http://a/b/c/d;p?q#s'],
  ['g#s', 'http://a/b/c/g#s'], ['g?y#s', 'http://a/b/c/g?y#s'], [';x', 'http://a/b/c/;x'], ['g;x', 'http://a/b/c/g;x'],
  ['g;x?y#s', 'http://a/b/c/g;x?y#s'], ['', 'http://a/b/c/d;p?q'], ['.', 'http://a/b/c/'], ['./', 'http://a/b/c/'],
  ['..', 'http://a/b/'], ['../', 'http://a/b/'], ['../g', 'http://a/b/g'], ['../..', 'http://a/'], ['../../', 'http://a/'],
  ['../../g', 'http://a/g'],
  // abnormal
  ['../../../g', 'http://a/g'], ['../../../../g', 'http://a/g'], ['/./g', 'http://a/g'], ['/../g', 'http://a/g'],
  ['g.', 'http://a/b/c/g.'], ['.g', 'http://a/b/c/.g'], ['g..', 'http://a/b/c/g..'], ['..g', 'http://a/b/c/..g'],
  ['./../g', 'http://a/b/g'], ['./g/.', 'http://a/b/c/g/'], ['g/./h', 'http://a/b/c/g/h'], ['g/../h', 'http://a/b/c/h'],
  ['g;x=1/./y', 'http://a/b/c/g;x=1/y'], ['g;x=1/../y', 'http://a/b/c/y'], ['g?y/./x', 'http://a/b/c/g?y/./x'],
  ['g?y/../x', 'http://a/b/c/g?y/../x'], ['g#s/./x', 'http://a/b/c/g#s/./x'], ['g#s/../x', 'http://a/b/c/g#s/../x'],
  ['http:g', 'http:g'],
];

describe('resolveUrl (RFC 3986 §5.2)', () => {
  it.each(EXAMPLES)('%s → %s', (ref, expected) => {
    expect(resolveUrl(BASE, ref)).toBe(expected);
  });

  it('handles manifest-style bases', () => {
    expect(resolveUrl('https://cdn.example.com', 'seg.mp4')).toBe('https://cdn.example.com/seg.mp4');
    expect(resolveUrl('https://cdn.example.com/a/manifest.mpd?token=1', 'v/1.m4s')).toBe('https://cdn.example.com/a/v/1.m4s');
    expect(resolveUrl('https://cdn.example.com/a/', ' https://other.example/x.mp4 ')).toBe('https://other.example/x.mp4');
    expect(resolveUrl('HTTPS://cdn.example.com/a/', '$Number$.m4s')).toBe('https://cdn.example.com/a/$Number$.m4s');
  });

  it('stays linear on pathological dot segments', () => {
    const t0 = performance.now();
    expect(resolveUrl('http://a/', './'.repeat(200_000) + 'x')).toBe('http://a/x');
    expect(resolveUrl('http://a/', '/..'.repeat(200_000))).toBe('http://a/');
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('urlResolver (fast path for plain relative paths) agrees with resolveUrl', () => {
    const bases = [BASE, 'https://cdn.example.com/a/b/playlist.m3u8?token=x', 'https://cdn.example.com', 'https://cdn.example.com/a/../b/', 'http://h:8080/x/y/', 'not a url'];
    const refs = ['seg-1.m4s', 'sub/seg.m4s', './seg.m4s', '../seg.m4s', '/abs.m4s', '//other/x', 'https://z/y', 'a:b', 'seg.m4s?x=1', 'seg#f', 'a/./b', 'a/../b', ' spaced.m4s ', '.hidden', 'x/.y'];
    for (const base of bases) {
      const resolve = urlResolver(base);
      for (const ref of refs) expect(resolve(ref), `${base} + ${ref}`).toBe(resolveUrl(base, ref));
    }
  });
});
