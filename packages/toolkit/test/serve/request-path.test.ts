import { describe, expect, it } from 'vitest';
import { parseRequestPath } from '../../src/serve/index';

describe('parseRequestPath', () => {
  it('decodes segments once and keeps the trailing slash', () => {
    expect(parseRequestPath('/movie/video%20720p/seg-1.m4s?token=a')).toEqual({
      ok: true,
      segments: ['movie', 'video 720p', 'seg-1.m4s'],
      trailingSlash: false,
      pathname: '/movie/video 720p/seg-1.m4s',
    });
    expect(parseRequestPath('/series/')).toMatchObject({ ok: true, segments: ['series'], trailingSlash: true });
    expect(parseRequestPath('/')).toMatchObject({ ok: true, segments: [], pathname: '/' });
    // Decoded once: a double-encoded dot segment is a literal file name.
    expect(parseRequestPath('/%252e%252e/x')).toMatchObject({ ok: true, segments: ['%2e%2e', 'x'] });
    expect(parseRequestPath('//a//b')).toMatchObject({ ok: true, segments: ['a', 'b'] });
  });

  it.each([
    '/../secret',
    '/a/../../secret',
    '/%2e%2e/secret',
    '/%2E%2e/secret',
    '/.%2e/secret',
    '/a/%2e',
    '/..%2fsecret',
    '/a%2f..%2f..%2fsecret',
    '/..%5csecret',
    '/a\\..\\secret',
    '/a%00.txt',
    '/a\0b',
  ])('refuses %s', (target) => {
    expect(parseRequestPath(target)).toMatchObject({ ok: false, status: 403 });
  });

  it('rejects targets that are not origin-form or not valid percent-encoding', () => {
    expect(parseRequestPath('http://127.0.0.1/../x')).toMatchObject({ ok: false, status: 400 });
    expect(parseRequestPath('C:/Windows')).toMatchObject({ ok: false, status: 400 });
    expect(parseRequestPath('*')).toMatchObject({ ok: false, status: 400 });
    expect(parseRequestPath('/%c0%ae%c0%ae/x')).toMatchObject({ ok: false, status: 400 });
    expect(parseRequestPath('/%zz')).toMatchObject({ ok: false, status: 400 });
  });
});
