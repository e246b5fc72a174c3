import { describe, expect, it } from 'vitest';
import { systemClock, ErrorCode, type TesseraError } from '@tessera/core';
import { NetworkEngine, createDefaultTransport } from '@tessera/core/net';

class FakeXhr {}
function fakeFetch(): Promise<Response> {
  return Promise.reject(new Error('unused'));
}
class FakeAbortController {
  signal = {} as AbortSignal;
  abort(): void {}
}

describe('createDefaultTransport', () => {
  it('prefers fetch when it can be aborted', () => {
    expect(createDefaultTransport({ fetch: fakeFetch, AbortController: FakeAbortController, XMLHttpRequest: FakeXhr as never }).name).toBe('fetch');
  });
  it('uses XHR on TVs: fetch without AbortController (Chromium 42–65)', () => {
    expect(createDefaultTransport({ fetch: fakeFetch, XMLHttpRequest: FakeXhr as never }).name).toBe('xhr');
  });
  it('uses XHR when fetch is missing (Chromium 38–41)', () => {
    expect(createDefaultTransport({ XMLHttpRequest: FakeXhr as never }).name).toBe('xhr');
  });
  it('without any transport, requests fail with a typed error instead of throwing', async () => {
    const net = new NetworkEngine({ clock: systemClock, platform: {}, defaultRetry: { maxAttempts: 1 } });
    expect(net.transportName).toBe('none');
    const error = (await net.request({ urls: ['https://a/b'], responseType: 'text', contentType: 'manifest' }).promise.catch((e: TesseraError) => e)) as TesseraError;
    expect(error.code).toBe(ErrorCode.RETRIES_EXHAUSTED);
    expect((error.cause as TesseraError).code).toBe(ErrorCode.HTTP_ERROR);
  });
  it('allows relative URLs only when the platform page is http(s)', async () => {
    const page = new NetworkEngine({ clock: systemClock, platform: { location: { href: 'file:///x.html', protocol: 'file:' } }, defaultRetry: { maxAttempts: 1 } });
    const error = (await page.request({ urls: ['media/a.mpd'], responseType: 'text', contentType: 'manifest' }).promise.catch((e: TesseraError) => e)) as TesseraError;
    expect(error.code).toBe(ErrorCode.UNSUPPORTED_URL_SCHEME);
  });
});
