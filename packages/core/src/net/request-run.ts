import type { ThroughputSample } from '../abr-api';
import { ErrorCode, TesseraError } from '../errors';
import type { Clock, TimerHandle } from '../util/clock';
import { decodeUtf8, type PlatformGlobal } from '../util/platform';
import { startAttempt, type AttemptFailed, type AttemptSuccess } from './attempt';
import { computeRetryDelayMs, type RetryPolicy } from './retry-policy';
import type { Transport } from './transport';
import type {
  AttemptFailure,
  FilterableRequest,
  FilterableResponse,
  NetworkRequest,
  NetworkResponse,
  RequestFilter,
  ResponseFilter,
  ResponseType,
} from './types';
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

/**
 * One logical request: filters, then rounds over the candidate URLs with backoff between
 * rounds, then decoding, samples and response filters. Settles its promise exactly once.
 */
export class RequestRun<T> {
  readonly promise: Promise<NetworkResponse<T>>;
  private resolvePromise!: (response: NetworkResponse<T>) => void;
  private rejectPromise!: (error: TesseraError) => void;
  private settled = false;
  private currentAttempt: { abort(): void } | undefined;
  private retryTimer: TimerHandle | undefined;
  /** Redacted URL for errors raised before/between attempts. */
  private displayUrl: string;

  constructor(
    private readonly context: RunContext,
    private readonly request: NetworkRequest<ResponseType>,
    private readonly onSettled: () => void,
  ) {
    this.promise = new Promise<NetworkResponse<T>>((resolve, reject) => {
      this.resolvePromise = resolve;
      this.rejectPromise = reject;
    });
    const urls = request && request.urls;
    this.displayUrl = Array.isArray(urls) && typeof urls[0] === 'string' ? redactUrl(urls[0]) : '';
  }

  start(): void {
    const invalid = this.validate();
    if (invalid) {
      this.fail(invalid);
      return;
    }
    this.applyRequestFilters()
      .then(
        (filtered) => {
          if (!this.settled) this.runRounds(filtered);
        },
        (error: unknown) => this.fail(this.filterError(error, 'request')),
      )
      .then(undefined, (error: unknown) => {
        // Safety net: a bug here must reject this request, not escape as an unhandled rejection.
        this.fail(new TesseraError(ErrorCode.HTTP_ERROR, 'recoverable', { url: this.displayUrl }, undefined, error));
      });
  }

  /** Reject with ABORTED (never retried, never reported as a failure). Idempotent. */
  abort(): void {
    if (this.settled) return;
    // The caller asked for this: an unobserved ABORTED must not surface as an unhandled rejection.
    this.promise.then(undefined, noop);
    this.fail(new TesseraError(ErrorCode.ABORTED, 'recoverable', { url: this.displayUrl }));
  }

  private validate(): TesseraError | undefined {
    const request = this.request;
    if (!request || !Array.isArray(request.urls) || request.urls.length === 0) {
      return new TesseraError(ErrorCode.UNSUPPORTED_URL_SCHEME, 'recoverable', { url: '' }, 'Tessera 1005: request without URLs');
    }
    const range = request.byteRange;
    if (range && !(isInteger(range.start) && range.start >= 0 && (range.end === undefined || (isInteger(range.end) && range.end >= range.start)))) {
      // An unsatisfiable range is refused without a request, with the status a server would give.
      return new TesseraError(ErrorCode.BAD_HTTP_STATUS, 'recoverable', { url: this.displayUrl, status: 416 });
    }
    return undefined;
  }

  private applyRequestFilters(): Promise<FilterableRequest> {
    const request = this.request;
    const headers: Record<string, string> = {};
    copyHeaders(request.headers, headers);
    let current: FilterableRequest = {
      urls: request.urls.slice(),
      method: request.method === 'POST' ? 'POST' : 'GET',
      headers,
      body: request.body,
      contentType: request.contentType,
      byteRange: request.byteRange,
      mediaInfo: request.mediaInfo,
    };
    const filters = this.context.requestFilters.slice();
    let chain: Promise<void> = Promise.resolve();
    for (let i = 0; i < filters.length; i++) {
      const filter = filters[i];
      chain = chain.then(() => {
        if (this.settled) return undefined;
        return Promise.resolve(filter(current)).then((replacement) => {
          if (replacement && typeof replacement === 'object') current = replacement;
        });
      });
    }
    return chain.then(() => current);
  }

  private runRounds(filtered: FilterableRequest): void {
    const context = this.context;
    const policy = context.retry;
    const candidates: string[] = [];
    const urls = Array.isArray(filtered.urls) ? filtered.urls : [];
    for (let i = 0; i < urls.length; i++) {
      if (isUrlAllowed(urls[i], context.extraSchemes, context.relativeUrlsAllowed)) candidates.push(urls[i]);
    }
    if (candidates.length === 0) {
      const first = typeof urls[0] === 'string' ? redactUrl(urls[0]) : this.displayUrl;
      this.fail(new TesseraError(ErrorCode.UNSUPPORTED_URL_SCHEME, 'recoverable', { url: first }));
      return;
    }

    const headers: Record<string, string> = {};
    copyHeaders(filtered.headers, headers);
    const range = this.request.byteRange;
    if (range) {
      // Our range wins over any Range a caller or filter set, whatever its case.
      for (const name in headers) if (name.toLowerCase() === 'range') delete headers[name];
      headers['Range'] = 'bytes=' + range.start + '-' + (range.end === undefined ? '' : range.end);
    }

    const dead: boolean[] = [];
    let attempts = 0;
    let round = 0;
    let index = 0;
    let previousDelayMs = 0;
    let retryAfterWantedMs = 0;
    let sawRetryable = false;
    let lastFailure: AttemptFailed | undefined;
    let lastUrl = candidates[0];

    const nextLive = (from: number): number => {
      for (let i = from; i < candidates.length; i++) if (!dead[i]) return i;
      return -1;
    };

    const attemptAt = (i: number): void => {
      if (this.settled) return;
      index = i;
      attempts++;
      const url = candidates[i];
      lastUrl = url;
      this.displayUrl = redactUrl(url);
      const attemptNumber = attempts;
      let finished = false;
      const handle = startAttempt(
        {
          transport: context.transport,
          clock: context.clock,
          request: { url, method: filtered.method, headers, body: filtered.body, withCredentials: !!this.request.withCredentials },
          byteRange: range,
          timeoutMs: positive(this.request.timeoutMs, context.timeoutMs),
          stallTimeoutMs: positive(this.request.stallTimeoutMs, context.stallTimeoutMs),
          onChunk: this.request.onData
            ? (chunk) => {
                if (this.settled) return;
                try {
                  this.request.onData!(chunk);
                } catch (error) {
                  context.onCallbackError(error);
                }
              }
            : undefined,
          onProgress: (bytesLoaded, bytesTotal, elapsedMs, ttfbMs) => {
            const onProgress = this.request.onProgress;
            if (!onProgress || this.settled) return;
            try {
              onProgress({ bytesLoaded, bytesTotal, elapsedMs, ttfbMs, attempt: attemptNumber, url });
            } catch (error) {
              context.onCallbackError(error);
            }
          },
        },
        (outcome) => {
          finished = true;
          this.currentAttempt = undefined;
          if (this.settled) return;
          if (outcome.ok) {
            this.succeed(outcome);
            return;
          }
          lastFailure = outcome;
          if (outcome.retryable) sawRetryable = true;
          const tooLongToWait = outcome.retryAfterMs !== undefined && outcome.retryAfterMs > policy.maxRetryAfterMs;
          if (!outcome.retryable || tooLongToWait) dead[i] = true;
          else if (outcome.retryAfterMs !== undefined) retryAfterWantedMs = Math.max(retryAfterWantedMs, outcome.retryAfterMs);
          // Bytes already handed to onData cannot be replayed: stop here.
          const next = outcome.partial ? undefined : planNext();
          this.reportAttemptFailure({ url, attempt: attemptNumber, error: outcome.error, willRetry: next !== undefined });
          if (this.settled) return; // the failure hook may have aborted us
          if (next === undefined) this.exhausted(attempts, lastFailure, sawRetryable, lastUrl);
          else next();
        },
      );
      // A transport can fail synchronously; then `handle` is already finished and a later
      // attempt may be current, so only a still-running handle becomes current.
      if (!finished) this.currentAttempt = handle;
    };

    // Next step after a failure: the next live candidate in this round now, or a new
    // round after the backoff delay, or undefined when there is nothing left to try.
    const planNext = (): (() => void) | undefined => {
      const sameRound = nextLive(index + 1);
      if (sameRound !== -1) return () => attemptAt(sameRound);
      const first = nextLive(0);
      if (first === -1 || round + 1 >= policy.maxAttempts) return undefined;
      return () => {
        const delay = computeRetryDelayMs(policy, round, previousDelayMs, context.random);
        previousDelayMs = delay;
        const waitMs = Math.max(delay, retryAfterWantedMs);
        retryAfterWantedMs = 0;
        round++;
        this.retryTimer = context.clock.setTimeout(() => {
          this.retryTimer = undefined;
          attemptAt(first);
        }, waitMs);
      };
    };

    attemptAt(0);
  }

  private succeed(outcome: AttemptSuccess): void {
    const context = this.context;
    this.reportSample(outcome);
    let data: ArrayBuffer | string;
    if (this.request.responseType === 'text') {
      data = decodeUtf8(outcome.body, context.platform);
    } else {
      const body = outcome.body;
      data =
        body.byteOffset === 0 && body.byteLength === body.buffer.byteLength
          ? (body.buffer as ArrayBuffer)
          : (body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
    }
    const response: FilterableResponse = {
      data,
      url: outcome.url,
      status: outcome.status,
      headers: outcome.headers,
      timing: { startMs: outcome.startMs, ttfbMs: outcome.ttfbMs, endMs: outcome.endMs },
      bytes: outcome.receivedBytes,
      contentType: this.request.contentType,
    };
    const filters = context.responseFilters.slice();
    if (filters.length === 0) {
      this.resolve(response);
      return;
    }
    let chain: Promise<void> = Promise.resolve();
    for (let i = 0; i < filters.length; i++) {
      const filter = filters[i];
      chain = chain.then(() => (this.settled ? undefined : filter(response)));
    }
    chain.then(
      () => this.resolve(response),
      (error: unknown) => this.fail(this.filterError(error, 'response')),
    );
  }

  private resolve(response: FilterableResponse): void {
    if (this.settled) return;
    this.settled = true;
    this.onSettled();
    this.resolvePromise({
      data: response.data as unknown as T,
      url: response.url,
      status: response.status,
      headers: response.headers,
      timing: response.timing,
      bytes: response.bytes,
    });
  }

  private fail(error: TesseraError): void {
    if (this.settled) return;
    this.settled = true;
    if (this.retryTimer !== undefined) this.context.clock.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const attempt = this.currentAttempt;
    this.currentAttempt = undefined;
    if (attempt) attempt.abort();
    this.onSettled();
    this.rejectPromise(error);
  }

  /**
   * Every candidate is dead or every round is used. Only non-retryable answers (e.g. 404
   * everywhere) → that specific error; otherwise RETRIES_EXHAUSTED with the last error as cause.
   */
  private exhausted(attempts: number, last: AttemptFailed | undefined, sawRetryable: boolean, lastUrl: string): void {
    if (last && !sawRetryable) {
      this.fail(last.error);
      return;
    }
    const data: { url: string; attempts: number; lastStatus?: number } = { url: redactUrl(lastUrl), attempts };
    if (last && last.status !== undefined) data.lastStatus = last.status;
    this.fail(new TesseraError(ErrorCode.RETRIES_EXHAUSTED, 'recoverable', data, undefined, last && last.error));
  }

  private filterError(error: unknown, stage: 'request' | 'response'): TesseraError {
    if (error instanceof TesseraError) return error;
    // The filter's own error stays in `cause` only: its message may quote a token.
    return new TesseraError(ErrorCode.FILTER_FAILED, 'recoverable', { url: this.displayUrl, stage }, undefined, error);
  }

  private reportSample(outcome: AttemptSuccess): void {
    const onSample = this.context.onSample;
    if (!onSample) return;
    try {
      onSample({
        bytes: outcome.receivedBytes,
        durationMs: Math.max(0, outcome.endMs - outcome.startMs),
        ttfbMs: Math.max(0, outcome.ttfbMs),
        endTimeMs: outcome.endMs,
        contentType: this.request.contentType,
      });
    } catch (error) {
      this.context.onCallbackError(error);
    }
  }

  private reportAttemptFailure(failure: AttemptFailure): void {
    const hook = this.context.onAttemptFailed;
    if (!hook) return;
    try {
      hook(failure);
    } catch (error) {
      this.context.onCallbackError(error);
    }
  }
}

function copyHeaders(from: Record<string, string> | undefined, to: Record<string, string>): void {
  if (!from || typeof from !== 'object') return;
  for (const name in from) {
    if (Object.prototype.hasOwnProperty.call(from, name) && typeof from[name] === 'string') to[name] = from[name];
  }
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && value > 0 && isFinite(value) ? value : fallback;
}

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && isFinite(value) && Math.floor(value) === value;
}

function noop(): void {}
