import { describe, expect, it } from 'vitest';
import { isUrlAllowed, redactUrl, schemeOf } from '@tessera/core/net';
import { parseContentRange, parseRawHeaders, parseRetryAfterMs } from '../../src/net/http-headers';

describe('isUrlAllowed', () => {
  it('allows http(s) only by default', () => {
    expect(isUrlAllowed('https://a/b', [], false)).toBe(true);
    expect(isUrlAllowed('HTTP://a/b', [], false)).toBe(true);
    for (const url of ['file:///x', 'javascript:alert(1)', 'data:,x', 'blob:https://a/1', 'chrome-extension://x/y', 'ftp://a/b', '', 'jav\tascript:x', '\nhttps://a']) {
      expect(isUrlAllowed(url, [], false), JSON.stringify(url)).toBe(false);
    }
  });
  it('allows blob:/data: only when enabled, relative URLs only on an http(s) page', () => {
    expect(isUrlAllowed('blob:https://a/1', ['blob:'], false)).toBe(true);
    expect(isUrlAllowed('data:,x', ['blob:'], false)).toBe(false);
    expect(isUrlAllowed('seg/1.m4s', [], false)).toBe(false);
    expect(isUrlAllowed('seg/1.m4s', [], true)).toBe(true);
    expect(isUrlAllowed('//cdn/seg.m4s', [], true)).toBe(true);
  });
  it('reads schemes', () => {
    expect(schemeOf('HTTPS://x')).toBe('https:');
    expect(schemeOf('/x')).toBeUndefined();
  });
});

describe('redactUrl', () => {
  it('redacts secret-looking query values and user info, keeps the rest', () => {
    expect(redactUrl('https://u:p@cdn.example/v/1.m4s?token=abc&CMCD=br%3D300&sig=zz#t=1')).toBe(
      'https://cdn.example/v/1.m4s?token=REDACTED&CMCD=br%3D300&sig=REDACTED#t=1',
    );
    expect(redactUrl('https://d.cloudfront.net/a.mpd?Policy=p&Signature=s&Key-Pair-Id=k')).toBe(
      'https://d.cloudfront.net/a.mpd?Policy=REDACTED&Signature=REDACTED&Key-Pair-Id=REDACTED',
    );
    expect(redactUrl('https://a.akamaized.net/x.m3u8?hdnts=exp%3D1~hmac%3Dff&__token__=t')).toBe(
      'https://a.akamaized.net/x.m3u8?hdnts=REDACTED&__token__=REDACTED',
    );
    expect(redactUrl('https://a/b?x-amz-signature=1&X-Amz-Credential=2&page=3')).toBe(
      'https://a/b?x-amz-signature=REDACTED&X-Amz-Credential=REDACTED&page=3',
    );
    expect(redactUrl('https://a/plain.m4s')).toBe('https://a/plain.m4s');
  });
  it('cuts data: URLs', () => {
    expect(redactUrl('data:application/dash+xml;base64,PE1QRD4=')).toBe('data:application/dash+xml;base64,…');
  });
});

describe('header helpers', () => {
  it('parses raw XHR headers, lower-casing and joining repeats', () => {
    expect(parseRawHeaders('Content-Type: video/mp4\r\nX-A: 1\r\nx-a: 2\r\nbad line\r\n')).toEqual({ 'content-type': 'video/mp4', 'x-a': '1, 2' });
    expect(parseRawHeaders(null)).toEqual({});
  });
  it('parses Content-Range', () => {
    expect(parseContentRange('bytes 0-99/1000')).toEqual({ start: 0, end: 99, total: 1000 });
    expect(parseContentRange('bytes 5-9/*')).toEqual({ start: 5, end: 9, total: undefined });
    expect(parseContentRange('bytes */1000')).toBeUndefined();
    expect(parseContentRange('bytes 9-5/10')).toBeUndefined();
  });
  it('parses Retry-After as seconds or as a date relative to Date', () => {
    expect(parseRetryAfterMs({ 'retry-after': '2' })).toBe(2000);
    expect(parseRetryAfterMs({ 'retry-after': 'Wed, 21 Oct 2015 07:28:05 GMT', date: 'Wed, 21 Oct 2015 07:28:00 GMT' })).toBe(5000);
    expect(parseRetryAfterMs({ 'retry-after': 'Wed, 21 Oct 2015 07:28:05 GMT' })).toBeUndefined();
    expect(parseRetryAfterMs({ 'retry-after': 'soon' })).toBeUndefined();
    expect(parseRetryAfterMs({})).toBeUndefined();
  });
});
