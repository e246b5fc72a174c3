import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, TesseraError, systemClock, type ThroughputSample } from '@tessera/core';
import { NetworkEngine, type NetworkEngineOptions, type RequestProgress, type Transport } from '@tessera/core/net';
import { refusedUrl, startTestServer, type TestServer } from './test-server';

/**
 * The same behaviour, over real HTTP, for every transport: run once with fetch in Node and
 * once with XMLHttpRequest under jsdom. Real clock, short timeouts, generous tolerances
 * (the CI machine is a slow shared 2-core box).
 */
export function describeTransportBehaviour(label: string, makeTransport: () => Transport): void {
  describe(`${label} transport over real HTTP`, () => {
    let server: TestServer;
    let refused: string;
    let keySeq = 0;
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    const key = (): string => `${label}-${++keySeq}`;

    beforeAll(async () => {
      server = await startTestServer();
      refused = await refusedUrl();
      process.on('unhandledRejection', onUnhandled);
    });
    afterAll(async () => {
      // Let late rejections surface before checking.
      await new Promise((resolve) => setTimeout(resolve, 50));
      process.off('unhandledRejection', onUnhandled);
      await server.close();
      expect(unhandled).toEqual([]);
    });

    function engine(options: Partial<NetworkEngineOptions> = {}) {
      const samples: ThroughputSample[] = [];
      const net = new NetworkEngine({
        clock: systemClock,
        transport: makeTransport(),
        onSample: (s) => samples.push(s),
        defaultRetry: { baseDelayMs: 20, maxDelayMs: 100 },
        defaultTimeoutMs: 5000,
        defaultStallTimeoutMs: 5000,
        ...options,
      });
      return { net, samples };
    }

    async function rejection(promise: Promise<unknown>): Promise<TesseraError> {
      try {
        await promise;
      } catch (error) {
        expect(error).toBeInstanceOf(TesseraError);
        return error as TesseraError;
      }
      throw new Error('expected a rejection');
    }

    it('loads a body with status, lower-case headers, timing and a sane sample', async () => {
      const { net, samples } = engine();
      const url = server.url('/bytes?size=200000');
      const response = await net.request({ urls: [url], responseType: 'arraybuffer', contentType: 'video' }).promise;
      expect(response.status).toBe(200);
      expect(response.data.byteLength).toBe(200000);
      const view = new Uint8Array(response.data);
      expect([view[0], view[1], view[199999]]).toEqual([0, 1, 199999 % 251]);
      expect(response.url).toBe(url);
      expect(response.headers['x-test']).toBe('yes');
      expect(response.bytes).toBe(200000);
      const { startMs, ttfbMs, endMs } = response.timing;
      expect(ttfbMs).toBeGreaterThanOrEqual(0);
      expect(startMs + ttfbMs).toBeLessThanOrEqual(endMs + 1);
      expect(samples.length).toBe(1);
      const sample = samples[0];
      expect(sample.bytes).toBe(200000);
      expect(sample.contentType).toBe('video');
      expect(sample.durationMs).toBeGreaterThanOrEqual(sample.ttfbMs);
      expect(sample.durationMs).toBeLessThan(10000);
      expect(sample.endTimeMs).toBe(endMs);
    });

    it('decodes text as UTF-8', async () => {
      const { net } = engine();
      const response = await net.request({ urls: [server.url('/text')], responseType: 'text', contentType: 'text' }).promise;
      expect(response.data).toBe('WEBVTT\n\nhéllo ✓');
    });

    it('follows redirects and reports the URL that answered', async () => {
      const { net } = engine();
      const response = await net.request({ urls: [server.url('/redirect?to=/bytes%3Fsize%3D10')], responseType: 'arraybuffer', contentType: 'init' }).promise;
      expect(response.data.byteLength).toBe(10);
      expect(response.url).toBe(server.url('/bytes?size=10'));
    });

    it('loads byte ranges (closed, open-ended) and copes with servers that ignore Range', async () => {
      const { net } = engine();
      const closed = await net.request({ urls: [server.url('/bytes?size=5000')], byteRange: { start: 1000, end: 1099 }, responseType: 'arraybuffer', contentType: 'video' }).promise;
      expect(closed.status).toBe(206);
      expect(closed.data.byteLength).toBe(100);
      expect(new Uint8Array(closed.data)[0]).toBe(1000 % 251);
      const open = await net.request({ urls: [server.url('/bytes?size=5000')], byteRange: { start: 4990 }, responseType: 'arraybuffer', contentType: 'video' }).promise;
      expect(open.data.byteLength).toBe(10);
      const ignored = await net.request({ urls: [server.url('/bytes?size=5000&ignoreRange=1')], byteRange: { start: 1000, end: 1099 }, responseType: 'arraybuffer', contentType: 'video' }).promise;
      expect(ignored.status).toBe(200);
      expect(ignored.data.byteLength).toBe(100);
      expect(new Uint8Array(ignored.data)[99]).toBe(1099 % 251);
    });

    it('does not retry a 404: BAD_HTTP_STATUS with the status', async () => {
      const { net, samples } = engine();
      const k = key();
      const error = await rejection(net.request({ urls: [server.url(`/status?code=404&tag=${k}`)], responseType: 'arraybuffer', contentType: 'video' }).promise);
      expect(error.code).toBe(ErrorCode.BAD_HTTP_STATUS);
      expect(error.severity).toBe('recoverable');
      expect(error.data).toEqual({ url: server.url(`/status?code=404&tag=${k}`), status: 404 });
      expect(server.hits(k)).toBe(1);
      expect(samples).toEqual([]);
    });

    it('retries 503 until it succeeds', async () => {
      const { net } = engine({ defaultRetry: { maxAttempts: 3, baseDelayMs: 20 } });
      const k = key();
      const response = await net.request({ urls: [server.url(`/flaky?fail=2&code=503&size=64&tag=${k}`)], responseType: 'arraybuffer', contentType: 'audio' }).promise;
      expect(response.data.byteLength).toBe(64);
      expect(server.hits(k)).toBe(3);
    });

    it('gives up after maxAttempts on persistent 500s: RETRIES_EXHAUSTED', async () => {
      const { net } = engine({ defaultRetry: { maxAttempts: 2, baseDelayMs: 20 } });
      const k = key();
      const error = await rejection(net.request({ urls: [server.url(`/status?code=500&tag=${k}`)], responseType: 'arraybuffer', contentType: 'video' }).promise);
      expect(error.code).toBe(ErrorCode.RETRIES_EXHAUSTED);
      expect(error.data).toMatchObject({ attempts: 2, lastStatus: 500 });
      expect((error.cause as TesseraError).code).toBe(ErrorCode.BAD_HTTP_STATUS);
      expect(server.hits(k)).toBe(2);
    });

    it('honours a short Retry-After', async () => {
      const { net } = engine({ defaultRetry: { maxAttempts: 2, baseDelayMs: 1, jitter: 'none' } });
      const k = key();
      await net.request({ urls: [server.url(`/retry-after?secs=1&tag=${k}`)], responseType: 'arraybuffer', contentType: 'video' }).promise;
      const times = server.hitTimes(k);
      expect(times.length).toBe(2);
      expect(times[1] - times[0]).toBeGreaterThanOrEqual(900);
    });

    it('fails over to the next candidate URL', async () => {
      const k = key();
      const good = server.url(`/bytes?size=33&tag=${k}`);
      const failures: string[] = [];
      const { net: net2 } = engine({ defaultRetry: { maxAttempts: 1 }, onAttemptFailed: (f) => failures.push(f.url) });
      const response = await net2.request({ urls: [refused, server.url('/status?code=502'), good], responseType: 'arraybuffer', contentType: 'video' }).promise;
      expect(response.url).toBe(good);
      expect(failures).toEqual([refused, server.url('/status?code=502')]);
    });

    it('aborts mid-body: ABORTED, no retry, no sample, connection released', async () => {
      const { net, samples } = engine();
      const k = key();
      const progress: number[] = [];
      const handle = net.request({
        urls: [server.url(`/slow?size=100000&chunk=5000&interval=30&tag=${k}`)],
        responseType: 'arraybuffer',
        contentType: 'video',
        onProgress: (p) => {
          progress.push(p.bytesLoaded);
          if (p.bytesLoaded >= 10000) handle.abort();
        },
      });
      const error = await rejection(handle.promise);
      expect(error.code).toBe(ErrorCode.ABORTED);
      expect(error.severity).toBe('recoverable');
      expect(Math.max(...progress)).toBeLessThan(100000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(server.hits(k)).toBe(1);
      expect(samples).toEqual([]);
    });

    it('times out when headers do not come', async () => {
      const { net } = engine({ defaultRetry: { maxAttempts: 1 } });
      const started = Date.now();
      const error = await rejection(net.request({ urls: [server.url('/delay?ms=4000')], responseType: 'arraybuffer', contentType: 'video', timeoutMs: 300 }).promise);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(error.code).toBe(ErrorCode.RETRIES_EXHAUSTED);
      expect((error.cause as TesseraError).code).toBe(ErrorCode.TIMEOUT);
    });

    it('times out a stalled body', async () => {
      const { net } = engine({ defaultRetry: { maxAttempts: 1 } });
      const started = Date.now();
      const error = await rejection(net.request({ urls: [server.url('/stall?size=100000&send=1000')], responseType: 'arraybuffer', contentType: 'video', stallTimeoutMs: 300 }).promise);
      expect(Date.now() - started).toBeLessThan(4000);
      const cause = error.cause as TesseraError;
      expect(cause.code).toBe(ErrorCode.TIMEOUT);
      expect(cause.data).toMatchObject({ timeoutMs: 300 });
    });

    for (const mode of ['reset', 'fin']) {
      it(`detects a body cut short (${mode}) and retries it`, async () => {
        const { net } = engine({ defaultRetry: { maxAttempts: 2, baseDelayMs: 10 }, defaultStallTimeoutMs: 1000 });
        const k = key();
        const path = `/truncate?size=10000&send=4000&tag=${k}${mode === 'fin' ? '&fin=1' : ''}`;
        const error = await rejection(net.request({ urls: [server.url(path)], responseType: 'arraybuffer', contentType: 'video' }).promise);
        expect(error.code).toBe(ErrorCode.RETRIES_EXHAUSTED);
        const cause = error.cause as TesseraError;
        // A cut connection shows as a short body, a network error after some bytes, or (jsdom
        // misses resets) a body that stops: the stall timeout. All are retried.
        expect([ErrorCode.TRUNCATED_RESPONSE, ErrorCode.HTTP_ERROR, ErrorCode.TIMEOUT]).toContain(cause.code);
        if (cause.code === ErrorCode.TRUNCATED_RESPONSE) expect(cause.data).toMatchObject({ expectedBytes: 10000, receivedBytes: 4000 });
        expect(server.hits(k)).toBe(2);
      });
    }

    it('detects a complete response shorter than its Content-Range', async () => {
      const { net } = engine({ defaultRetry: { maxAttempts: 2, baseDelayMs: 10 } });
      const k = key();
      const error = await rejection(net.request({ urls: [server.url(`/short-range?size=10000&tag=${k}`)], byteRange: { start: 0, end: 9999 }, responseType: 'arraybuffer', contentType: 'video' }).promise);
      expect(error.code).toBe(ErrorCode.RETRIES_EXHAUSTED);
      expect((error.cause as TesseraError).data).toMatchObject({ expectedBytes: 10000, receivedBytes: 5000 });
      expect(server.hits(k)).toBe(2);
    });

    it('streams body chunks to onData, in order, cut to the range', async () => {
      const { net } = engine();
      const chunks: Uint8Array[] = [];
      const response = await net.request({
        urls: [server.url('/slow?size=50000&chunk=10000&interval=10')],
        byteRange: { start: 5000, end: 44999 },
        responseType: 'arraybuffer',
        contentType: 'video',
        onData: (chunk) => chunks.push(chunk.slice()),
      }).promise;
      const joined = Buffer.concat(chunks);
      expect(joined.length).toBe(40000);
      expect(Buffer.from(new Uint8Array(response.data)).equals(joined)).toBe(true);
      expect(joined[0]).toBe(5000 % 251);
    });

    it('reports monotonic progress ending at the body size', async () => {
      const { net } = engine();
      const progress: RequestProgress[] = [];
      await net.request({
        urls: [server.url('/slow?size=60000&chunk=10000&interval=10')],
        responseType: 'arraybuffer',
        contentType: 'video',
        onProgress: (p) => progress.push(p),
      }).promise;
      expect(progress.length).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < progress.length; i++) {
        expect(progress[i].bytesLoaded).toBeGreaterThanOrEqual(progress[i - 1].bytesLoaded);
        expect(progress[i].elapsedMs).toBeGreaterThanOrEqual(progress[i - 1].elapsedMs);
      }
      const last = progress[progress.length - 1];
      expect(last.bytesLoaded).toBe(60000);
      expect(last.bytesTotal).toBe(60000);
      expect(last.ttfbMs).toBeGreaterThanOrEqual(0);
    });

    it('POSTs a body with headers set by a request filter', async () => {
      const { net } = engine();
      net.addRequestFilter((request) => {
        request.headers['X-Custom'] = 'wrapped';
        request.body = '{"licence":"' + String(request.body) + '"}';
      });
      const response = await net.request({ urls: [server.url('/echo')], method: 'POST', body: 'challenge', headers: { 'Content-Type': 'application/json' }, responseType: 'text', contentType: 'license' }).promise;
      const echo = JSON.parse(response.data) as { method: string; body: string; headers: Record<string, string> };
      expect(echo.method).toBe('POST');
      expect(echo.body).toBe('{"licence":"challenge"}');
      expect(echo.headers['x-custom']).toBe('wrapped');
    });

    it('posts binary bodies', async () => {
      const { net } = engine();
      const response = await net.request({ urls: [server.url('/echo')], method: 'POST', body: new Uint8Array([104, 105]), responseType: 'text', contentType: 'license' }).promise;
      expect((JSON.parse(response.data) as { body: string }).body).toBe('hi');
    });

    it('destroy() aborts every request and pending retry', async () => {
      const { net } = engine({ defaultRetry: { maxAttempts: 5, baseDelayMs: 5000, jitter: 'none' } });
      const k = key();
      const handles = [
        net.request({ urls: [server.url('/slow?size=100000&chunk=1000&interval=50')], responseType: 'arraybuffer', contentType: 'video' }),
        net.request({ urls: [server.url('/delay?ms=3000')], responseType: 'text', contentType: 'manifest' }),
        net.request({ urls: [server.url(`/status?code=503&tag=${k}`)], responseType: 'arraybuffer', contentType: 'audio' }),
      ];
      const errors = handles.map((h) => rejection(h.promise));
      await new Promise((resolve) => setTimeout(resolve, 300));
      net.destroy();
      const codes = (await Promise.all(errors)).map((e) => e.code);
      expect(codes).toEqual([ErrorCode.ABORTED, ErrorCode.ABORTED, ErrorCode.ABORTED]);
      expect(net.activeRequestCount).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // One attempt at most (it may not even have arrived on a loaded machine): no retry after destroy.
      expect(server.hits(k)).toBeLessThanOrEqual(1);
    });
  });
}
