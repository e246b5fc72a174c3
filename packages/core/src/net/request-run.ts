import type { ThroughputSample } from '../abr-api';
import { ErrorCode, TesseraError, type ErrorCodeValue, type ErrorData } from '../errors';
import type { Clock, TimerHandle } from '../util/clock';
import { decodeUtf8, type PlatformGlobal } from '../util/platform';
import { startAttempt, type AttemptFailed, type AttemptSuccess } from './attempt';
import { computeRetryDelayMs, type RetryPolicy } from './retry-policy';
import type { Transport } from './transport';
import type { AttemptFailure, FilterableRequest, FilterableResponse, NetworkRequest, NetworkResponse, RequestFilter, ResponseFilter, ResponseType } from './types';
import { isUrlAllowed, redactUrl } from './url-policy';

/** Everything a run needs from its engine; passed explicitly, not the engine itself. */
export interface RunContext {
  clock: Clock;
  transport: Transport;
  platform: PlatformGlobal;
  random: () => number;
  retry: RetryPolicy;
  timeoutMs: number;
  stallTimeoutMs: number;
  extraSchemes: readonly string[];
  relativeUrlsAllowed: boolean;
  requestFilters: readonly RequestFilter[];
  responseFilters: readonly ResponseFilter[];
  onSample?(sample: ThroughputSample): void;
  onAttemptFailed?(failure: AttemptFailure): void;
  /** Report an exception thrown by a user callback; never rethrown into the loader. */
  onCallbackError(error: unknown): void;
}

/** One logical request in flight. `abort()` rejects with ABORTED (never retried, never reported). */
export interface RequestRun<T> {
  promise: Promise<NetworkResponse<T>>;
  start(): void;
  abort(): void;
}

/**
 * One logical request: filters, then rounds over the candidate URLs with backoff between
 * rounds, then decoding, samples and response filters. Settles its promise exactly once.
 * A closure rather than a class: its state is private, and locals minify.
 */
export function createRequestRun<T>(context: RunContext, request: NetworkRequest<ResponseType>, onSettled: () => void): RequestRun<T> {
  const { clock, onCallbackError } = context;
  let resolvePromise!: (response: NetworkResponse<T>) => void;
  let rejectPromise!: (error: TesseraError) => void;
  const promise = new Promise<NetworkResponse<T>>((resolve, reject) => {
    resolvePromise = resolve;
    rejectPromise = reject;
  });
  let settled = false;
  let currentAttempt: { abort(): void } | undefined;
  let retryTimer: TimerHandle | undefined;
  const requestUrls = request && request.urls;
  /** Redacted URL for errors raised before/between attempts. */
  let displayUrl = Array.isArray(requestUrls) && typeof requestUrls[0] === 'string' ? redactUrl(requestUrls[0]) : '';

  /** Calls a user callback; what it throws goes to onCallbackError, never into the loader. */
  const guarded = <A>(callback: ((argument: A) => void) | undefined, argument: A): void => {
    if (callback && !settled) {
      try {
        callback(argument);
      } catch (error) {
        onCallbackError(error);
      }
    }
  };

  const settle = (): boolean => {
    if (settled) return false;
    settled = true;
    if (retryTimer !== undefined) clock.clearTimeout(retryTimer);
    if (currentAttempt) currentAttempt.abort();
    onSettled();
    return true;
  };

  const fail = (error: TesseraError): void => {
    if (settle()) rejectPromise(error);
  };

  const filterError = (error: unknown, stage: 'request' | 'response'): TesseraError =>
    // The filter's own error stays in `cause` only: its message may quote a token.
    error instanceof TesseraError ? error : recoverable(ErrorCode.FILTER_FAILED, { url: displayUrl, stage }, error);

  const runRounds = (filtered: FilterableRequest): void => {
    const policy = context.retry;
    const urls = Array.isArray(filtered.urls) ? filtered.urls : [];
    const candidates = urls.filter((url) => isUrlAllowed(url, context.extraSchemes, context.relativeUrlsAllowed));
    if (!candidates.length) {
      fail(recoverable(ErrorCode.UNSUPPORTED_URL_SCHEME, { url: typeof urls[0] === 'string' ? redactUrl(urls[0]) : displayUrl }));
      return;
    }

    const headers = copyHeaders(filtered.headers);
    const range = request.byteRange;
    if (range) {
      // Our range wins over any Range a caller or filter set, whatever its case.
      for (const name in headers) if (name.toLowerCase() === 'range') delete headers[name];
      headers['Range'] = 'bytes=' + range.start + '-' + (range.end === undefined ? '' : range.end);
    }

    const dead: boolean[] = [];
    let attempts = 0;
    let round = 0;
    let previousDelayMs = 0;
    let retryAfterWantedMs = 0;
    let sawRetryable = false;

    const nextLive = (from: number): number => {
      for (let i = from; i < candidates.length; i++) if (!dead[i]) return i;
      return -1;
    };

    const attemptAt = (index: number): void => {
      const url = candidates[index];
      const attempt = ++attempts;
      displayUrl = redactUrl(url);
      let finished = false;
      const handle = startAttempt(
        {
          transport: context.transport,
          clock,
          request: { url, method: filtered.method, headers, body: filtered.body, withCredentials: !!request.withCredentials },
          byteRange: range,
          timeoutMs: positive(request.timeoutMs, context.timeoutMs),
          stallTimeoutMs: positive(request.stallTimeoutMs, context.stallTimeoutMs),
          onChunk: request.onData && ((chunk) => guarded(request.onData, chunk)),
          onProgress: (bytesLoaded, bytesTotal, elapsedMs, ttfbMs) =>
            guarded(request.onProgress, { bytesLoaded, bytesTotal, elapsedMs, ttfbMs, attempt, url }),
        },
        (outcome) => {
          finished = true;
          currentAttempt = undefined;
          if (settled) return;
          if (outcome.ok) {
            succeed(outcome);
            return;
          }
          const retryAfterMs = outcome.retryAfterMs;
          if (outcome.retryable) sawRetryable = true;
          if (!outcome.retryable || (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs)) dead[index] = true;
          else if (retryAfterMs !== undefined) retryAfterWantedMs = Math.max(retryAfterWantedMs, retryAfterMs);
          // Bytes already handed to onData cannot be replayed: stop here.
          const next = outcome.partial ? undefined : planNext(index);
          guarded(context.onAttemptFailed, { url, attempt, error: outcome.error, willRetry: next !== undefined });
          if (settled) return; // the failure hook may have aborted us
          if (next) next();
          else exhausted(outcome, url);
        },
      );
      // A transport can fail synchronously; then `handle` is already finished and a later
      // attempt may be current, so only a still-running handle becomes current.
      if (!finished) currentAttempt = handle;
    };

    // Next step after a failure: the next live candidate in this round now, or a new
    // round after the backoff delay, or undefined when there is nothing left to try.
    const planNext = (index: number): (() => void) | undefined => {
      const sameRound = nextLive(index + 1);
      if (sameRound !== -1) return () => attemptAt(sameRound);
      const first = nextLive(0);
      if (first === -1 || round + 1 >= policy.maxAttempts) return undefined;
      return () => {
        previousDelayMs = computeRetryDelayMs(policy, round++, previousDelayMs, context.random);
        const waitMs = Math.max(previousDelayMs, retryAfterWantedMs);
        retryAfterWantedMs = 0;
        retryTimer = clock.setTimeout(() => {
          retryTimer = undefined;
          attemptAt(first);
        }, waitMs);
      };
    };

    /**
     * Every candidate is dead or every round is used. Only non-retryable answers (e.g. 404
     * everywhere) → that specific error; otherwise RETRIES_EXHAUSTED with the last error as cause.
     */
    const exhausted = (last: AttemptFailed, lastUrl: string): void => {
      if (!sawRetryable) return fail(last.error);
      const data: { url: string; attempts: number; lastStatus?: number } = { url: redactUrl(lastUrl), attempts };
      if (last.status !== undefined) data.lastStatus = last.status;
      fail(recoverable(ErrorCode.RETRIES_EXHAUSTED, data, last.error));
    };

    attemptAt(0);
  };

  const succeed = (outcome: AttemptSuccess): void => {
    const body = outcome.body;
    guarded(context.onSample, {
      bytes: outcome.receivedBytes,
      durationMs: Math.max(0, outcome.endMs - outcome.startMs),
      ttfbMs: Math.max(0, outcome.ttfbMs),
      endTimeMs: outcome.endMs,
      contentType: request.contentType,
    });
    const response: FilterableResponse = {
      data:
        request.responseType === 'text'
          ? decodeUtf8(body, context.platform)
          : body.byteOffset === 0 && body.byteLength === body.buffer.byteLength
            ? (body.buffer as ArrayBuffer)
            : (body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer),
      url: outcome.url,
      status: outcome.status,
      headers: outcome.headers,
      timing: { startMs: outcome.startMs, ttfbMs: outcome.ttfbMs, endMs: outcome.endMs },
      bytes: outcome.receivedBytes,
      contentType: request.contentType,
    };
    const resolve = (): void => {
      if (settle()) {
        // What the filters saw, without the contentType they were told.
        const { contentType: _, ...result } = response;
        resolvePromise(result as NetworkResponse<T>);
      }
    };
    const filters = context.responseFilters;
    if (!filters.length) return resolve();
    inSequence(filters, (filter) => (settled ? undefined : filter(response))).then(resolve, (error: unknown) => fail(filterError(error, 'response')));
  };

  const start = (): void => {
    const urls = request && request.urls;
    if (!Array.isArray(urls) || !urls.length) {
      return fail(new TesseraError(ErrorCode.UNSUPPORTED_URL_SCHEME, 'recoverable', { url: '' }, 'Tessera 1005: request without URLs'));
    }
    const range = request.byteRange;
    if (range && !(isInteger(range.start) && range.start >= 0 && (range.end === undefined || (isInteger(range.end) && range.end >= range.start)))) {
      // An unsatisfiable range is refused without a request, with the status a server would give.
      return fail(recoverable(ErrorCode.BAD_HTTP_STATUS, { url: displayUrl, status: 416 }));
    }
    let current: FilterableRequest = {
      urls: urls.slice(),
      method: request.method === 'POST' ? 'POST' : 'GET',
      headers: copyHeaders(request.headers),
      body: request.body,
      contentType: request.contentType,
      byteRange: range,
      mediaInfo: request.mediaInfo,
    };
    inSequence(context.requestFilters, (filter) =>
      settled
        ? undefined
        : Promise.resolve(filter(current)).then((replacement) => {
            if (replacement && typeof replacement === 'object') current = replacement;
          }),
    )
      .then(
        () => {
          if (!settled) runRounds(current);
        },
        (error: unknown) => fail(filterError(error, 'request')),
      )
      .then(undefined, (error: unknown) => {
        // Safety net: a bug here must reject this request, not escape as an unhandled rejection.
        fail(recoverable(ErrorCode.HTTP_ERROR, { url: displayUrl }, error));
      });
  };

  return {
    promise,
    start,
    abort(): void {
      if (settled) return;
      // The caller asked for this: an unobserved ABORTED must not surface as an unhandled rejection.
      promise.then(undefined, noop);
      fail(recoverable(ErrorCode.ABORTED, { url: displayUrl }));
    },
  };
}

function recoverable<C extends ErrorCodeValue>(code: C, data: ErrorData<C>, cause?: unknown): TesseraError<C> {
  return new TesseraError(code, 'recoverable', data, undefined, cause);
}

/** Runs `step` for each item in order, each after the previous one's promise settled. */
function inSequence<F>(list: readonly F[], step: (item: F) => unknown): Promise<unknown> {
  let chain: Promise<unknown> = Promise.resolve();
  list.slice().forEach((item) => {
    chain = chain.then(() => step(item));
  });
  return chain;
}

function copyHeaders(from: Record<string, string> | undefined): Record<string, string> {
  const to: Record<string, string> = {};
  if (from && typeof from === 'object') {
    for (const name in from) {
      if (Object.prototype.hasOwnProperty.call(from, name) && typeof from[name] === 'string') to[name] = from[name];
    }
  }
  return to;
}

/** `value` when it is a positive finite number, else `fallback`. */
export function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && value > 0 && isFinite(value) ? value : fallback;
}

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && isFinite(value) && Math.floor(value) === value;
}

function noop(): void {}
