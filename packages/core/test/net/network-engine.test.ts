import { describe, expect, it } from 'vitest';
import { ErrorCode, TesseraError, type ThroughputSample } from '@tessera/core';
import {
  NetworkEngine,
  computeRetryDelayMs,
  resolveRetryPolicy,
  DEFAULT_RETRY_POLICY,
  type AttemptFailure,
  type NetworkEngineOptions,
  type RequestProgress,
} from '@tessera/core/net';
import { FakeClock, flushMicrotasks } from './helpers/fake-clock';
import { ScriptedTransport, bytes } from './helpers/scripted-transport';
import { seededRandom } from './helpers/seeded-random';

const A = 'https://cdn-a.example/seg-1.m4s';
const B = 'https://cdn-b.example/seg-1.m4s';

function setup(options: Partial<NetworkEngineOptions> = {}) {
  const clock = new FakeClock();
  const transport = new ScriptedTransport(clock);
  const samples: ThroughputSample[] = [];
  const failures: AttemptFailure[] = [];
  const engine = new NetworkEngine({
    clock,
    transport,
    onSample: (s) => samples.push(s),
    onAttemptFailed: (f) => failures.push(f),
    random: seededRandom(42),
    defaultRetry: { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 8000, jitter: 'none' },
    ...options,
  });
  return { clock, transport, engine, samples, failures };
}

/** Capture a promise's outcome without leaving it unhandled. */
function settle<T>(promise: Promise<T>) {
  const state: { value?: T; error?: TesseraError; done: boolean } = { done: false };
  promise.then(
    (value) => { state.value = value; state.done = true; },
    (error: TesseraError) => { state.error = error; state.done = true; },
  );
  return state;
}

describe('NetworkEngine (fake clock, scripted transport)', () => {
  it('resolves with body, timing from the clock and one throughput sample', async () => {
    const { clock, transport, engine, samples } = setup();
    transport.script(A, { kind: 'respond', body: bytes(1000), headersAfterMs: 40, chunkBytes: 250, chunkIntervalMs: 20 });
    const progress: RequestProgress[] = [];
    const state = settle(engine.request({ urls: [A], responseType: 'arraybuffer', contentType: 'video', onProgress: (p) => progress.push(p) }).promise);
    await clock.advance(1000);
    expect(state.error).toBeUndefined();
    const response = state.value!;
    expect(response.data.byteLength).toBe(1000);
    expect(new Uint8Array(response.data)[999]).toBe(999 % 251);
    expect(response.status).toBe(200);
    expect(response.url).toBe(A);
    // headers at 40, four chunks at +20 each, completion one interval later
    expect(response.timing).toEqual({ startMs: 0, ttfbMs: 40, endMs: 140 });
    expect(samples).toEqual([{ bytes: 1000, durationMs: 140, ttfbMs: 40, endTimeMs: 140, contentType: 'video' }]);
    expect(progress.map((p) => p.bytesLoaded)).toEqual([0, 250, 500, 750, 1000]);
    expect(progress.every((p) => p.bytesTotal === 1000 && p.ttfbMs === 40 && p.attempt === 1)).toBe(true);
    expect(clock.pendingTimers).toBe(0);
    expect(engine.activeRequestCount).toBe(0);
  });

  it('decodes text responses as UTF-8', async () => {
    const { clock, transport, engine } = setup();
    transport.script(A, { kind: 'respond', body: new Uint8Array([0xef, 0xbb, 0xbf, 0x57, 0xc3, 0xa9, 0xe2, 0x82, 0xac]) });
    const state = settle(engine.request({ urls: [A], responseType: 'text', contentType: 'text' }).promise);
    await clock.advance(100);
    expect(state.value!.data).toBe('Wé€');
  });

  it('retries 5xx with exponential backoff between rounds', async () => {
    const { clock, transport, engine, failures } = setup();
    transport.script(A, { kind: 'respond', status: 503 }, { kind: 'respond', status: 500 }, { kind: 'respond', body: bytes(10) });
    const state = settle(engine.request({ urls: [A], responseType: 'arraybuffer', contentType: 'video' }).promise);
    await clock.advance(10000);
    expect(state.value!.data.byteLength).toBe(10);
    // attempt 1 at 0 fails at 10; wait 1000; attempt 2 at 1010 fails at 1020; wait 2000; attempt 3 at 3020
    expect(transport.sent.map((r) => r.atMs)).toEqual([0, 1010, 3020]);
    expect(failures.map((f) => [f.attempt, f.willRetry, (f.error.data as { status?: number }).status])).toEqual([
      [1, true, 503],
      [2, true, 500],
    ]);
  });

  it('uses the injected random for jitter, reproducibly', async () => {
    const policy = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 8000, jitter: 'full' as const };
    const { clock, transport, engine } = setup({ random: seededRandom(7), defaultRetry: policy });
    transport.script(A, { kind: 'network-error', afterMs: 0 });
    const state = settle(engine.request({ urls: [A], responseType: 'arraybuffer', contentType: 'video' }).promise);
    await clock.advance(60000);
    const random = seededRandom(7);
    const full = resolveRetryPolicy(DEFAULT_RETRY_POLICY, policy);
    const d0 = computeRetryDelayMs(full, 0, 0, random);
    const d1 = computeRetryDelayMs(full, 1, d0, random);
    const d2 = computeRetryDelayMs(full, 2, d1, random);
    expect(transport.sent.map((r) => r.atMs)).toEqual([0, d0, d0 + d1, d0 + d1 + d2]);
    expect(state.error!.code).toBe(ErrorCode.RETRIES_EXHAUSTED);
    expect(state.error!.data).toEqual({ url: A, attempts: 4 });
    expect((state.error!.cause as TesseraError).code).toBe(ErrorCode.HTTP_ERROR);
  });

  it('fails over to the next candidate at once and backs off only between rounds', async () => {
    const { clock, transport, engine } = setup();
    transport.script(A, { kind: 'network-error' });
    transport.script(B, { kind: 'respond', status: 502 }, { kind: 'respond', body: bytes(5) });
    const state = settle(engine.request({ urls: [A, B], responseType: 'arraybuffer', contentType: 'video' }).promise);
    await clock.advance(10000);
    expect(state.value!.url).toBe(B);
    expect(transport.sent.map((r) => [r.url, r.atMs])).toEqual([
      [A, 0],
      [B, 10],
      [A, 1020],
      [B, 1030],
    ]);
  });

  it('does not retry a 4xx on the same URL, but still tries the other candidates', async () => {
    const { clock, transport, engine } = setup();
    transport.script(A, { kind: 'respond', status: 404 });
    transport.script(B, { kind: 'respond', status: 503 });
    const state = settle(engine.request({ urls: [A, B], responseType: 'arraybuffer', contentType: 'video' }).promise);
    await clock.advance(20000);
    expect(transport.hits(A)).toBe(1);
    expect(transport.hits(B)).toBe(3);
    expect(state.error!.code).toBe(ErrorCode.RETRIES_EXHAUSTED);
    expect(state.error!.data).toEqual({ url: B, attempts: 4, lastStatus: 503 });
  });

  it('rejects with BAD_HTTP_STATUS carrying the status when every candidate answers 4xx', async () => {
    const { clock, transport, engine, failures } = setup();
    transport.script(A, { kind: 'respond', status: 403 });
    transport.script(B, { kind: 'respond', status: 404 });
    const state = settle(engine.request({ urls: [A, B], responseType: 'arraybuffer', contentType: 'video' }).promise);
    await clock.advance(20000);
    expect(transport.sent.length).toBe(2);
    expect(state.error).toBeInstanceOf(TesseraError);
    expect(state.error!.code).toBe(ErrorCode.BAD_HTTP_STATUS);
    expect(state.error!.severity).toBe('recoverable');
    expect(state.error!.data).toEqual({ url: B, status: 404 });
    expect(failures.map((f) => f.willRetry)).toEqual([true, false]);
  });

  it('retries 408 and 429, and honours a small Retry-After', async () => {
    const { clock, transport, engine } = setup({ defaultRetry: { baseDelayMs: 100, jitter: 'none', maxAttempts: 3 } });
    transport.script(A, { kind: 'respond', status: 429, headers: { 'retry-after': '3' } }, { kind: 'respond', status: 408 }, { kind: 'respond', body: bytes(1) });
    const state = settle(engine.request({ urls: [A], responseType: 'arraybuffer', contentType: 'video' }).promise);
    await clock.advance(10000);
    expect(state.value).toBeDefined();
    // 429 at 10 → wait max(100, 3000); 408 at 3020 → wait 200
    expect(transport.sent.map((r) => r.atMs)).toEqual([0, 3010, 3220]);
  });

  it('takes a candidate out when Retry-After is longer than maxRetryAfterMs', async () => {
    const { clock, transport, engine } = setup({ defaultRetry: { maxRetryAfterMs: 5000 } });
    transport.script(A, { kind: 'respond', status: 503, headers: { 'retry-after': '120' } });
    const state = settle(engine.request({ urls: [A], responseType: 'arraybuffer', contentType: 'video' }).promise);
    await clock.advance(100);
    expect(state.error!.code).toBe(ErrorCode.RETRIES_EXHAUSTED);
    expect(transport.sent.length).toBe(1);
  });

  it('times out waiting for headers, per attempt', async () => {
    const { clock, transport, engine } = setup({ defaultRetry: { maxAttempts: 2, baseDelayMs: 0 } });
    transport.script(A, { kind: 'hang' }, { kind: 'respond', body: bytes(3) });
    const state = settle(engine.request({ urls: [A], responseType: 'arraybuffer', contentType: 'video', timeoutMs: 2000 }).promise);
    await clock.advance(1999);
    expect(transport.sent.length).toBe(1);
    await clock.advance(100);
    expect(transport.sent.map((r) => r.atMs)).toEqual([0, 2000]);
    expect(transport.aborts).toBe(1);
    expect(state.value!.data.byteLength).toBe(3);
  });

  it('times out a stalled body even after headers arrived', async () => {
    const { clock, transport, engine, failures } = setup({ defaultRetry: { maxAttempts: 1 } });
    transport.script(A, { kind: 'respond', body: bytes(1000), chunkBytes: 100, stallAfterBytes: 300 });
    const state = settle(engine.request({ urls: [A], responseType: 'arraybuffer', contentType: 'video', timeoutMs: 60000, stallTimeoutMs: 500 }).promise);
    await clock.advance(5000);
    expect(state.error!.code).toBe(ErrorCode.RETRIES_EXHAUSTED);
    const cause = state.error!.cause as TesseraError;
    expect(cause.code).toBe(ErrorCode.TIMEOUT);
    expect(cause.data).toEqual({ url: A, timeoutMs: 500 });
    // last chunk at 40, stall fires 500 later
    expect(clock.now()).toBe(5000);
    expect(failures[0].error.code).toBe(ErrorCode.TIMEOUT);
    expect(transport.liveExchanges).toBe(0);
  });

  it('detects a body cut short and retries it', async () => {
    const { clock, transport, engine } = setup({ defaultRetry: { maxAttempts: 2, baseDelayMs: 0 } });
    transport.script(A, { kind: 'respond', body: bytes(1000), chunkBytes: 100, errorAfterBytes: 400 }, { kind: 'respond', body: bytes(1000) });
    const state = settle(engine.request({ urls: [A], responseType: 'arraybuffer', contentType: 'video' }).promise);
    await clock.advance(1000);
    expect(state.value!.data.byteLength).toBe(1000);
    expect(transport.sent.length).toBe(2);
  });

  it('reports TRUNCATED_RESPONSE when the body is shorter than Content-Length', async () => {
    const { clock, transport, engine, failures } = setup({ defaultRetry: { maxAttempts: 1 } });
    transport.script(A, { kind: 'respond', body: bytes(400), headers: { 'content-length': '1000' } });
    const state = settle(engine.request({ urls: [A], responseType: 'arraybuffer', contentType: 'video' }).promise);
    await clock.advance(1000);
    expect((state.error!.cause as TesseraError).data).toEqual({ url: A, expectedBytes: 1000, receivedBytes: 400 });
    expect(failures[0].error.code).toBe(ErrorCode.TRUNCATED_RESPONSE);
  });

  it('sends Range and checks the 206 length against the range', async () => {
    const { clock, transport, engine } = setup({ defaultRetry: { maxAttempts: 1 } });
    transport.script(A, { kind: 'respond', status: 206, body: bytes(50), headers: { 'content-length': '100', 'content-range': 'bytes 100-199/5000' } });
    const state = settle(engine.request({ urls: [A], byteRange: { start: 100, end: 199 }, responseType: 'arraybuffer', contentType: 'video' }).promise);
    await clock.advance(1000);
    expect(transport.sent[0].headers['Range']).toBe('bytes=100-199');
    expect((state.error!.cause as TesseraError).data).toEqual({ url: A, expectedBytes: 100, receivedBytes: 50 });
  });

  it('accepts a shorter 206 when the resource ends inside the range (Content-Range says so)', async () => {
    const { clock, transport, engine } = setup({ defaultRetry: { maxAttempts: 1 } });
    transport.script(A, { kind: 'respond', status: 206, body: bytes(50), headers: { 'content-range': 'bytes 100-149/150' } });
    const state = settle(engine.request({ urls: [A], byteRange: { start: 100, end: 199 }, responseType: 'arraybuffer', contentType: 'init' }).promise);
    await clock.advance(1000);
    expect(state.value!.data.byteLength).toBe(50);
  });

  it('refuses a 206 for another range than the one asked for', async () => {
    const { clock, transport, engine } = setup({ defaultRetry: { maxAttempts: 1 } });
    transport.script(A, { kind: 'respond', status: 206, body: bytes(100), headers: { 'content-range': 'bytes 0-99/5000' } });
    const state = settle(engine.request({ urls: [A], byteRange: { start: 100, end: 199 }, responseType: 'arraybuffer', contentType: 'video' }).promise);
    await clock.advance(1000);
    expect((state.error!.cause as TesseraError).code).toBe(ErrorCode.HTTP_ERROR);
  });

  it('cuts the range out of a 200 when the server ignored Range', async () => {
    const { clock, transport, engine } = setup();
    transport.script(A, { kind: 'respond', status: 200, body: bytes(1000) });
    const state = settle(engine.request({ urls: [A], byteRange: { start: 10, end: 19 }, responseType: 'arraybuffer', contentType: 'init' }).promise);
    await clock.advance(1000);
    expect(Array.from(new Uint8Array(state.value!.data))).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(state.value!.bytes).toBe(1000);
  });

  it('rejects a malformed byte range without a request', async () => {
    const { clock, transport, engine } = setup();
    const state = settle(engine.request({ urls: [A], byteRange: { start: 10, end: 5 }, responseType: 'arraybuffer', contentType: 'video' }).promise);
    await clock.advance(10);
    expect(state.error!.code).toBe(ErrorCode.BAD_HTTP_STATUS);
    expect(state.error!.data).toEqual({ url: A, status: 416 });
    expect(transport.sent.length).toBe(0);
  });

  it('abort mid-body rejects with ABORTED, retries nothing, reports nothing', async () => {
    const { clock, transport, engine, samples, failures } = setup();
    transport.script(A, { kind: 'respond', body: bytes(1000), chunkBytes: 100, chunkIntervalMs: 50 });
    const handle = engine.request({
      urls: [A], responseType: 'arraybuffer', contentType: 'video',
      onProgress: (p) => { if (p.bytesLoaded >= 300) handle.abort(); },
    });
    const state = settle(handle.promise);
    await clock.advance(10000);
    expect(state.error!.code).toBe(ErrorCode.ABORTED);
    expect(state.error!.severity).toBe('recoverable');
    expect(transport.sent.length).toBe(1);
    expect(transport.aborts).toBe(1);
    expect(samples).toEqual([]);
    expect(failures).toEqual([]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('abort during the backoff wait cancels the retry timer', async () => {
    const { clock, transport, engine } = setup();
    transport.script(A, { kind: 'respond', status: 500 });
    const handle = engine.request({ urls: [A], responseType: 'arraybuffer', contentType: 'video' });
    const state = settle(handle.promise);
    await clock.advance(500);
    expect(clock.pendingTimers).toBe(1);
    handle.abort();
    await clock.advance(0);
    expect(state.error!.code).toBe(ErrorCode.ABORTED);
    expect(clock.pendingTimers).toBe(0);
    await clock.advance(60000);
    expect(transport.sent.length).toBe(1);
  });

  it('an aborted request nobody listens to does not become an unhandled rejection', async () => {
    const { clock, transport, engine } = setup();
    transport.script(A, { kind: 'hang' });
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      engine.request({ urls: [A], responseType: 'arraybuffer', contentType: 'video' }).abort();
      await clock.advance(10);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', listener);
    }
  });

  it('destroy() aborts everything in flight and every pending retry', async () => {
    const { clock, transport, engine } = setup();
    transport.script(A, { kind: 'hang' });
    transport.script(B, { kind: 'respond', status: 503 });
    const states = [
      settle(engine.request({ urls: [A], responseType: 'arraybuffer', contentType: 'video' }).promise),
      settle(engine.request({ urls: [A], responseType: 'text', contentType: 'manifest' }).promise),
      settle(engine.request({ urls: [B], responseType: 'arraybuffer', contentType: 'audio' }).promise),
    ];
    await clock.advance(100);
    expect(engine.activeRequestCount).toBe(3);
    engine.destroy();
    await flushMicrotasks();
    expect(states.map((s) => s.error?.code)).toEqual([ErrorCode.ABORTED, ErrorCode.ABORTED, ErrorCode.ABORTED]);
    expect(engine.activeRequestCount).toBe(0);
    expect(clock.pendingTimers).toBe(0);
    expect(transport.liveExchanges).toBe(0);
    const late = settle(engine.request({ urls: [A], responseType: 'arraybuffer', contentType: 'video' }).promise);
    await clock.advance(10);
    expect(late.error!.code).toBe(ErrorCode.ABORTED);
    expect(transport.sent.length).toBe(3);
  });

  it('refuses non-http(s) URLs without sending anything', async () => {
    const { clock, transport, engine } = setup();
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'ftp://x/y', ' https://a/b', 'data:text/plain,hi', 'relative/path.m4s']) {
      const state = settle(engine.request({ urls: [url], responseType: 'text', contentType: 'manifest' }).promise);
      await clock.advance(1);
      expect(state.error!.code, url).toBe(ErrorCode.UNSUPPORTED_URL_SCHEME);
    }
    expect(transport.sent.length).toBe(0);
  });

  it('skips unsupported candidates and uses the allowed ones', async () => {
    const { clock, transport, engine } = setup();
    transport.script(A, { kind: 'respond', body: bytes(2) });
    const state = settle(engine.request({ urls: ['ftp://old/seg', A], responseType: 'arraybuffer', contentType: 'video' }).promise);
    await clock.advance(100);
    expect(state.value!.url).toBe(A);
  });

  it('allows data: and blob: only when the app enables them', async () => {
    const { clock, transport, engine } = setup({ allowedSchemes: ['data:'] });
    transport.script('data:text/plain,hi', { kind: 'respond', body: new Uint8Array([104, 105]) });
    const state = settle(engine.request({ urls: ['data:text/plain,hi'], responseType: 'text', contentType: 'text' }).promise);
    const blob = settle(engine.request({ urls: ['blob:https://a/1'], responseType: 'text', contentType: 'text' }).promise);
    await clock.advance(100);
    expect(state.value!.data).toBe('hi');
    expect(blob.error!.code).toBe(ErrorCode.UNSUPPORTED_URL_SCHEME);
  });

  it('never throws on bad input: empty URL lists reject with a typed error', async () => {
    const { clock, engine } = setup();
    const state = settle(engine.request({ urls: [], responseType: 'text', contentType: 'manifest' }).promise);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const state2 = settle(engine.request(undefined as any).promise);
    await clock.advance(1);
    expect(state.error).toBeInstanceOf(TesseraError);
    expect(state2.error).toBeInstanceOf(TesseraError);
  });

  it('a transport that throws synchronously becomes a retried HTTP_ERROR', async () => {
    const { clock, transport, engine, failures } = setup({ defaultRetry: { maxAttempts: 2, baseDelayMs: 5 } });
    transport.script(A, { kind: 'throw' }, { kind: 'respond', body: bytes(4) });
    const state = settle(engine.request({ urls: [A], responseType: 'arraybuffer', contentType: 'video' }).promise);
    await clock.advance(1000);
    expect(state.value!.data.byteLength).toBe(4);
    expect(failures[0].error.code).toBe(ErrorCode.HTTP_ERROR);
  });

  it('runs request filters once (URL, headers, body) and response filters on the result', async () => {
    const { clock, transport, engine } = setup();
    const signed = A + '?token=abc';
    transport.script(signed, { kind: 'respond', body: new Uint8Array([1, 2, 3]) });
    engine.addRequestFilter(async (request) => {
      request.urls = request.urls.map((u) => u + '?token=abc');
      request.headers['CMCD-Request'] = 'ot=v';
    });
    engine.addRequestFilter((request) => ({ ...request, body: 'wrapped' }));
    const remove = engine.addResponseFilter((response) => {
      response.data = new Uint8Array([9]).buffer;
    });
    const state = settle(engine.request({ urls: [A], method: 'POST', body: 'raw', responseType: 'arraybuffer', contentType: 'license' }).promise);
    await clock.advance(100);
    expect(transport.sent[0]).toMatchObject({ url: signed, method: 'POST', body: 'wrapped', headers: { 'CMCD-Request': 'ot=v' } });
    expect(Array.from(new Uint8Array(state.value!.data))).toEqual([9]);
    remove();
    const again = settle(engine.request({ urls: [A], responseType: 'arraybuffer', contentType: 'license' }).promise);
    await clock.advance(100);
    expect(Array.from(new Uint8Array(again.value!.data))).toEqual([1, 2, 3]);
  });

  it('maps a throwing filter to FILTER_FAILED and passes TesseraErrors through', async () => {
    const { clock, transport, engine } = setup();
    transport.script(A, { kind: 'respond', body: bytes(1) });
    engine.addRequestFilter(() => { throw new Error('secret-token-xyz'); });
    const first = settle(engine.request({ urls: [A], responseType: 'arraybuffer', contentType: 'license' }).promise);
    await clock.advance(100);
    expect(first.error!.code).toBe(ErrorCode.FILTER_FAILED);
    expect(first.error!.data).toEqual({ url: A, stage: 'request' });
    expect(JSON.stringify(first.error)).not.toContain('secret-token-xyz');

    const { clock: clock2, transport: transport2, engine: engine2 } = setup();
    transport2.script(A, { kind: 'respond', body: bytes(1) });
    const own = new TesseraError(ErrorCode.LICENSE_RESPONSE_INVALID, 'recoverable', { keySystem: 'org.w3.clearkey', reason: 'bad json' });
    engine2.addResponseFilter(async () => { throw own; });
    const second = settle(engine2.request({ urls: [A], responseType: 'arraybuffer', contentType: 'license' }).promise);
    await clock2.advance(100);
    expect(second.error).toBe(own);
  });

  it('keeps tokens and auth headers out of errors and their messages', async () => {
    const { clock, transport, engine } = setup({ defaultRetry: { maxAttempts: 1 } });
    const url = 'https://user:pw@lic.example/acquire?Signature=s3cr3t&keyId=k1&X-Amz-Security-Token=t0k&cmcd=ok';
    transport.script(url, { kind: 'respond', status: 500 });
    const state = settle(engine.request({ urls: [url], headers: { Authorization: 'Bearer t0k' }, responseType: 'arraybuffer', contentType: 'license' }).promise);
    await clock.advance(100);
    const text = JSON.stringify(state.error) + state.error!.message + JSON.stringify(state.error!.cause) + String(state.error!.cause);
    for (const secret of ['s3cr3t', 't0k', 'pw@', 'Bearer', 'k1']) expect(text).not.toContain(secret);
    expect(state.error!.data).toEqual({
      url: 'https://lic.example/acquire?Signature=REDACTED&keyId=REDACTED&X-Amz-Security-Token=REDACTED&cmcd=ok',
      attempts: 1,
      lastStatus: 500,
    });
  });

  it('isolates exceptions thrown by callbacks', async () => {
    const errors: unknown[] = [];
    const { clock, transport, engine } = setup({
      onSample: () => { throw new Error('sample'); },
      onCallbackError: (e) => errors.push(e),
    });
    transport.script(A, { kind: 'respond', body: bytes(10) });
    const state = settle(engine.request({ urls: [A], responseType: 'arraybuffer', contentType: 'video', onProgress: () => { throw new Error('progress'); } }).promise);
    await clock.advance(100);
    expect(state.value!.data.byteLength).toBe(10);
    expect(errors.map((e) => (e as Error).message)).toEqual(['progress', 'progress', 'sample']);
  });

  it('restarts progress on a retry with the next attempt number', async () => {
    const { clock, transport, engine } = setup({ defaultRetry: { maxAttempts: 2, baseDelayMs: 0 } });
    transport.script(A, { kind: 'respond', body: bytes(300), chunkBytes: 100, errorAfterBytes: 200 }, { kind: 'respond', body: bytes(300), chunkBytes: 100 });
    const progress: RequestProgress[] = [];
    const state = settle(engine.request({ urls: [A], responseType: 'arraybuffer', contentType: 'video', onProgress: (p) => progress.push(p) }).promise);
    await clock.advance(1000);
    expect(state.value).toBeDefined();
    expect(progress.map((p) => [p.attempt, p.bytesLoaded])).toEqual([
      [1, 0], [1, 100], [1, 200],
      [2, 0], [2, 100], [2, 200], [2, 300],
    ]);
  });
});

describe('createTelemetryRequestFilter', () => {
  it('adds CMCD query per candidate and headers from the telemetry hooks', async () => {
    const { createTelemetryRequestFilter } = await import('@tessera/core/net');
    const { clock, transport, engine } = setup();
    const seen: unknown[] = [];
    engine.addRequestFilter(
      createTelemetryRequestFilter({
        decorateRequest: (request) => {
          seen.push(request);
          return { url: request.url + '?CMCD=br%3D' + request.bitrateKbps, headers: { 'CMCD-Session': 'sid="s"' } };
        },
      }),
    );
    transport.script(A + '?CMCD=br%3D3000', { kind: 'respond', body: bytes(1) });
    const state = settle(engine.request({ urls: [A, B], responseType: 'arraybuffer', contentType: 'video', mediaInfo: { bitrateKbps: 3000, durationMs: 4000 } }).promise);
    await clock.advance(100);
    expect(state.value!.url).toBe(A + '?CMCD=br%3D3000');
    expect(transport.sent[0].headers['CMCD-Session']).toBe('sid="s"');
    expect(seen).toEqual([
      { url: A, contentType: 'video', bitrateKbps: 3000, durationMs: 4000 },
      { url: B, contentType: 'video', bitrateKbps: 3000, durationMs: 4000 },
    ]);
  });
});

describe('progressive delivery (onData)', () => {
  it('hands out chunks in order before resolving', async () => {
    const { clock, transport, engine } = setup();
    transport.script(A, { kind: 'respond', body: bytes(1000), chunkBytes: 300 });
    const chunks: number[] = [];
    let resolvedAfterChunks = false;
    const handle = engine.request({ urls: [A], responseType: 'arraybuffer', contentType: 'video', onData: (c) => chunks.push(c.byteLength) });
    handle.promise.then(() => { resolvedAfterChunks = chunks.length === 4; }, () => {});
    await clock.advance(1000);
    expect(chunks).toEqual([300, 300, 300, 100]);
    expect(resolvedAfterChunks).toBe(true);
  });

  it('delivers the whole body once where the transport cannot stream (XHR)', async () => {
    const { clock, transport, engine } = setup();
    transport.script(A, { kind: 'respond', body: bytes(1000), chunkBytes: 300, streams: false });
    const chunks: Uint8Array[] = [];
    const state = settle(engine.request({ urls: [A], responseType: 'arraybuffer', contentType: 'video', onData: (c) => chunks.push(c) }).promise);
    await clock.advance(1000);
    expect(state.value).toBeDefined();
    expect(chunks.map((c) => c.byteLength)).toEqual([1000]);
  });

  it('windows the chunks to the range when the server ignored Range', async () => {
    const { clock, transport, engine } = setup();
    transport.script(A, { kind: 'respond', status: 200, body: bytes(1000), chunkBytes: 128 });
    const received: number[] = [];
    const state = settle(engine.request({ urls: [A], byteRange: { start: 200, end: 499 }, responseType: 'arraybuffer', contentType: 'video', onData: (c) => received.push(...c) }).promise);
    await clock.advance(1000);
    expect(received).toEqual(Array.from(bytes(1000).subarray(200, 500)));
    expect(state.value!.data.byteLength).toBe(300);
  });

  it('does not retry once bytes were handed out', async () => {
    const { clock, transport, engine } = setup();
    transport.script(A, { kind: 'respond', body: bytes(1000), chunkBytes: 100, errorAfterBytes: 300 }, { kind: 'respond', body: bytes(1000) });
    const chunks: number[] = [];
    const state = settle(engine.request({ urls: [A, B], responseType: 'arraybuffer', contentType: 'video', onData: (c) => chunks.push(c.byteLength) }).promise);
    await clock.advance(10000);
    expect(transport.sent.length).toBe(1);
    expect(chunks).toEqual([100, 100, 100]);
    expect(state.error!.code).toBe(ErrorCode.RETRIES_EXHAUSTED);
    expect((state.error!.cause as TesseraError).code).toBe(ErrorCode.TRUNCATED_RESPONSE);
  });

  it('still retries failures that came before any byte', async () => {
    const { clock, transport, engine } = setup();
    transport.script(A, { kind: 'respond', status: 503 }, { kind: 'respond', body: bytes(10) });
    const chunks: number[] = [];
    const state = settle(engine.request({ urls: [A], responseType: 'arraybuffer', contentType: 'video', onData: (c) => chunks.push(c.byteLength) }).promise);
    await clock.advance(10000);
    expect(state.value).toBeDefined();
    expect(chunks).toEqual([10]);
  });

  it('a 206 for the wrong range fails before any byte goes out', async () => {
    const { clock, transport, engine } = setup({ defaultRetry: { maxAttempts: 1 } });
    transport.script(A, { kind: 'respond', status: 206, body: bytes(100), headers: { 'content-range': 'bytes 0-99/5000' } });
    const chunks: number[] = [];
    const state = settle(engine.request({ urls: [A], byteRange: { start: 100, end: 199 }, responseType: 'arraybuffer', contentType: 'video', onData: (c) => chunks.push(c.byteLength) }).promise);
    await clock.advance(1000);
    expect(chunks).toEqual([]);
    expect((state.error!.cause as TesseraError).code).toBe(ErrorCode.HTTP_ERROR);
  });
});
