import { ErrorCode, TesseraError } from '../errors';
import type { Clock, TimerHandle } from '../util/clock';
import { bodyLengthOf, errorMessage, parseContentRange, parseRetryAfterMs } from './http-headers';
import { isRetryableStatus } from './retry-policy';
import type { Transport, TransportExchange, TransportFailure, TransportHeaders, TransportRequest } from './transport';
import { redactUrl, redactUrlsInText } from './url-policy';

/** One HTTP exchange against one candidate URL, with its own timeouts and body checks. */
export interface AttemptParams {
  transport: Transport;
  clock: Clock;
  request: TransportRequest;
  byteRange?: { start: number; end?: number };
  /** Max wait for response headers, ms. */
  timeoutMs: number;
  /** Max gap between body bytes, ms. */
  stallTimeoutMs: number;
  onProgress(bytesLoaded: number, bytesTotal: number | undefined, elapsedMs: number, ttfbMs: number | undefined): void;
  /** Progressive consumer: body bytes in order, windowed to `byteRange`. */
  onChunk?(chunk: Uint8Array): void;
}

export interface AttemptSuccess {
  ok: true;
  status: number;
  url: string;
  headers: Record<string, string>;
  /** The body to hand out: sliced to the requested range when the server ignored `Range`. */
  body: Uint8Array;
  /** Bytes received on the wire (decoded), before any slicing. */
  receivedBytes: number;
  startMs: number;
  ttfbMs: number;
  endMs: number;
}

export interface AttemptFailed {
  ok: false;
  error: TesseraError;
  /** Worth trying again (this URL later, or the next candidate now). */
  retryable: boolean;
  /** Server-requested wait (Retry-After on 429/503), ms. */
  retryAfterMs?: number;
  /** HTTP status when a response arrived. */
  status?: number;
  /** Body bytes were already handed to `onChunk`: the attempt cannot be replayed. */
  partial: boolean;
}

export type AttemptOutcome = AttemptSuccess | AttemptFailed;

/**
 * Start one attempt. `done` is called exactly once, unless `abort()` is called first;
 * after `abort()` nothing is called.
 */
export function startAttempt(params: AttemptParams, done: (outcome: AttemptOutcome) => void): { abort(): void } {
  const { clock, request, byteRange: range } = params;
  const safeUrl = redactUrl(request.url);
  const startMs = clock.now();
  let settled = false;
  let timer: TimerHandle | undefined;
  let exchange: TransportExchange | undefined;
  let abortRequested = false;
  let head: TransportHeaders | undefined;
  let ttfbMs: number | undefined;
  let expectedBytes: number | undefined;
  let headerExpectedBytes: number | undefined;
  let bytesLoaded = 0;
  // Progressive delivery: which wire bytes belong to the requested range, and how many went out.
  let windowSkip = 0;
  let windowLimit = Infinity;
  let wireOffset = 0;
  let deliveredBytes = 0;

  const clearTimer = (): void => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
  };
  const stopExchange = (): void => {
    abortRequested = true;
    if (exchange) exchange.abort();
  };
  const settle = (outcome: AttemptOutcome): void => {
    if (settled) return;
    settled = true;
    clearTimer();
    done(outcome);
  };
  const fail = (error: TesseraError, status?: number, retryable = true, retryAfterMs?: number): void => {
    stopExchange();
    settle({ ok: false, error, retryable, retryAfterMs, status, partial: deliveredBytes > 0 });
  };
  const armTimer = (delayMs: number): void => {
    clearTimer();
    timer = clock.setTimeout(() => {
      timer = undefined;
      if (settled) return;
      fail(timeout(delayMs));
    }, delayMs);
  };
  const timeout = (timeoutMs: number): TesseraError => new TesseraError(ErrorCode.TIMEOUT, 'recoverable', { url: safeUrl, timeoutMs });
  const progress = (): void => {
    params.onProgress(bytesLoaded, expectedBytes, clock.now() - startMs, ttfbMs);
  };
  const deliver = (chunk: Uint8Array): void => {
    const chunkStart = wireOffset;
    wireOffset += chunk.byteLength;
    const from = Math.max(0, windowSkip - chunkStart);
    const to = Math.min(chunk.byteLength, windowSkip + windowLimit - chunkStart);
    if (to <= from || !params.onChunk) return;
    const part = from === 0 && to === chunk.byteLength ? chunk : chunk.subarray(from, to);
    deliveredBytes += part.byteLength;
    params.onChunk(part);
  };

  armTimer(params.timeoutMs);

  const callbacks = {
    onHeaders(headers: TransportHeaders): void {
      if (settled) return;
      head = headers;
      ttfbMs = clock.now() - startMs;
      const status = headers.status;
      if (status < 200 || status > 299) {
        fail(
          new TesseraError(ErrorCode.BAD_HTTP_STATUS, 'recoverable', { url: safeUrl, status }),
          status,
          isRetryableStatus(status),
          status === 429 || status === 503 ? parseRetryAfterMs(headers.headers) : undefined,
        );
        return;
      }
      expectedBytes = headerExpectedBytes = expectedBodyBytes(headers, range);
      const contentRange = status === 206 ? parseContentRange(headers.headers['content-range']) : undefined;
      if (range && contentRange && contentRange.start !== range.start) {
        // Checked before any byte goes to a progressive consumer.
        fail(transportError(safeUrl, 'Content-Range does not match the requested range'), status);
        return;
      }
      if (range) {
        // A 200 to a range request is the whole resource: only the range goes out.
        windowSkip = status === 206 ? 0 : range.start;
        windowLimit = range.end === undefined ? Infinity : range.end - range.start + 1;
      }
      armTimer(params.stallTimeoutMs);
      progress();
    },
    onData(loaded: number, total: number | undefined, chunk?: Uint8Array): void {
      if (settled || !head) return;
      if (loaded > bytesLoaded) bytesLoaded = loaded;
      if (expectedBytes === undefined && total !== undefined) expectedBytes = total;
      armTimer(params.stallTimeoutMs);
      if (chunk && params.onChunk) {
        deliver(chunk);
        if (settled) return; // the consumer aborted
      }
      progress();
    },
    onComplete(body: Uint8Array): void {
      if (settled) return;
      if (!head) {
        fail(transportError(safeUrl, 'body without headers'));
        return;
      }
      const endMs = clock.now();
      bytesLoaded = body.byteLength;
      const checked = checkBody(body, head.status, headerExpectedBytes, range, safeUrl);
      if (checked instanceof TesseraError) {
        fail(checked, head.status);
        return;
      }
      // Whatever the transport could not stream (XHR: everything) goes out now, before resolving.
      if (params.onChunk && deliveredBytes < checked.byteLength) {
        const rest = checked.subarray(deliveredBytes);
        deliveredBytes = checked.byteLength;
        params.onChunk(rest);
        if (settled) return;
      }
      settle({
        ok: true,
        status: head.status,
        url: head.url || request.url,
        headers: head.headers,
        body: checked,
        receivedBytes: body.byteLength,
        startMs,
        ttfbMs: ttfbMs === undefined ? endMs - startMs : ttfbMs,
        endMs,
      });
    },
    onError(failure: TransportFailure): void {
      if (settled) return;
      const status = head && head.status;
      if (failure.kind === 'timeout') fail(timeout(params.timeoutMs));
      else if (head && expectedBytes !== undefined && bytesLoaded < expectedBytes) {
        // The connection closed mid-body (Content-Length mismatch surfaces as a network error).
        fail(truncated(safeUrl, expectedBytes, bytesLoaded), status);
      } else fail(transportError(safeUrl, failure.message), status);
    },
  };

  try {
    exchange = params.transport.send(request, callbacks);
    // A transport may fail synchronously, before we held the exchange handle.
    if (abortRequested || settled) exchange.abort();
  } catch (error) {
    settle({ ok: false, error: transportError(safeUrl, errorMessage(error)), retryable: true, partial: false });
  }

  return {
    abort(): void {
      if (settled) return;
      settled = true;
      clearTimer();
      stopExchange();
    },
  };
}

/** Bytes the body must have, from the response headers and the requested range. */
function expectedBodyBytes(head: TransportHeaders, byteRange: { start: number; end?: number } | undefined): number | undefined {
  const headers = head.headers;
  if (head.status === 206) {
    const range = parseContentRange(headers['content-range']);
    if (range) return range.end - range.start + 1;
  }
  const length = bodyLengthOf(headers);
  if (length !== undefined) return length;
  // Cross-origin Content-Range may be hidden; a 206 for a closed range then has that length.
  if (head.status === 206 && byteRange && byteRange.end !== undefined) return byteRange.end - byteRange.start + 1;
  return undefined;
}

/**
 * Validate the body length and map it to the requested range. A 206 must carry the range
 * that was asked for; a 200 to a range request means the server ignored `Range`
 * (RFC 9110 §14.2 allows that), so the range is cut out of the full body.
 */
function checkBody(
  body: Uint8Array,
  status: number,
  expected: number | undefined,
  byteRange: { start: number; end?: number } | undefined,
  safeUrl: string,
): Uint8Array | TesseraError {
  const received = body.byteLength;
  if (expected !== undefined && received < expected) return truncated(safeUrl, expected, received);
  if (!byteRange) return body;
  const wanted = byteRange.end === undefined ? undefined : byteRange.end - byteRange.start + 1;
  // 206: its Content-Range start was checked with the headers.
  if (status === 206) return wanted !== undefined && received > wanted ? body.subarray(0, wanted) : body;
  if (byteRange.start >= received) return truncated(safeUrl, wanted !== undefined ? wanted : byteRange.start + 1, 0);
  return body.subarray(byteRange.start, wanted === undefined ? received : Math.min(received, byteRange.start + wanted));
}

function truncated(url: string, expectedBytes: number, receivedBytes: number): TesseraError {
  return new TesseraError(ErrorCode.TRUNCATED_RESPONSE, 'recoverable', { url, expectedBytes, receivedBytes });
}

/** HTTP_ERROR with the platform's reason kept in `cause` (redacted: messages can quote the URL). */
function transportError(url: string, reason: string): TesseraError {
  return new TesseraError(ErrorCode.HTTP_ERROR, 'recoverable', { url }, undefined, new Error(redactUrlsInText(reason)));
}
