import type { ThroughputSample } from '../abr-api';
import type { Clock } from '../util/clock';
import { getGlobalObject, hasHttpLocation, type PlatformGlobal } from '../util/platform';
import { createDefaultTransport } from './default-transport';
import { createRequestRun, positive, type RequestRun, type RunContext } from './request-run';
import { DEFAULT_RETRY_POLICY, resolveRetryPolicy, type RetryPolicy } from './retry-policy';
import type { Transport } from './transport';
import type {
  AttemptFailure,
  NetworkRequest,
  RequestFilter,
  RequestHandle,
  ResponseData,
  ResponseFilter,
  ResponseType,
} from './types';
import type { UrlScheme } from './url-policy';

/** Default max wait for response headers per attempt, ms. */
export const DEFAULT_TIMEOUT_MS = 10000;
/** Default max gap between body bytes per attempt, ms. */
export const DEFAULT_STALL_TIMEOUT_MS = 5000;

export interface NetworkEngineOptions {
  /** All timing (timeouts, backoff, TTFB, samples) reads this clock. */
  clock: Clock;
  /** Default: abortable fetch, else XHR ({@link createDefaultTransport}). */
  transport?: Transport;
  /**
   * One sample per successful request, any content type (the consumer filters: ABR
   * usually keeps video/audio). Cached responses are reported too, with their tiny duration.
   */
  onSample?(sample: ThroughputSample): void;
  /** Each failed attempt (not aborts), for CDN health scoring. */
  onAttemptFailed?(failure: AttemptFailure): void;
  requestFilters?: RequestFilter[];
  responseFilters?: ResponseFilter[];
  /** Merged over {@link DEFAULT_RETRY_POLICY}; a request's `retry` is merged over this. */
  defaultRetry?: Partial<RetryPolicy>;
  /** Max wait for response headers per attempt. Default {@link DEFAULT_TIMEOUT_MS}. */
  defaultTimeoutMs?: number;
  /** Max gap between body bytes per attempt. Default {@link DEFAULT_STALL_TIMEOUT_MS}. */
  defaultStallTimeoutMs?: number;
  /** Schemes allowed besides http(s), for app-made URLs only (see url-policy). Default none. */
  allowedSchemes?: Array<Extract<UrlScheme, 'blob:' | 'data:'>>;
  /** Jitter randomness in [0, 1). Default Math.random; inject a seeded one in tests. */
  random?: () => number;
  /** The global object to detect features on (tests pass a fake one). */
  platform?: PlatformGlobal;
  /** Where exceptions thrown by onProgress/onSample/onAttemptFailed go. Default console.warn. */
  onCallbackError?(error: unknown): void;
}

/**
 * The loader for everything the player downloads: manifests, init and media segments,
 * text, thumbnails, licences.
 *
 * - Candidate URLs are tried in order; a failure fails over to the next at once, and the
 *   backoff delay ({@link computeRetryDelayMs}) applies between rounds.
 * - Network errors, timeouts (headers and stalled body), truncated bodies, 408, 429 and
 *   5xx are retried; other 4xx take that candidate out (`BAD_HTTP_STATUS` if all do).
 * - Every error is a `recoverable` {@link TesseraError} carrying a redacted URL: the
 *   engine decides what is fatal. `abort()` and `destroy()` reject with `ABORTED`.
 * - Request/response filters run per request; they never see the transport.
 *
 * @example
 * const net = new NetworkEngine({ clock: systemClock, onSample: (s) => abr.addSample(s) });
 * const { promise } = net.request({ urls: [segmentUrl], responseType: 'arraybuffer', contentType: 'video' });
 */
export class NetworkEngine {
  private readonly context: RunContext;
  private readonly requestFilters: RequestFilter[];
  private readonly responseFilters: ResponseFilter[];
  private readonly active: Array<RequestRun<unknown>> = [];
  private destroyed = false;

  constructor(options: NetworkEngineOptions) {
    const platform = options.platform || getGlobalObject();
    this.requestFilters = options.requestFilters ? options.requestFilters.slice() : [];
    this.responseFilters = options.responseFilters ? options.responseFilters.slice() : [];
    this.context = {
      clock: options.clock,
      transport: options.transport || createDefaultTransport(platform),
      platform,
      random: options.random || Math.random,
      retry: resolveRetryPolicy(DEFAULT_RETRY_POLICY, options.defaultRetry),
      timeoutMs: positive(options.defaultTimeoutMs, DEFAULT_TIMEOUT_MS),
      stallTimeoutMs: positive(options.defaultStallTimeoutMs, DEFAULT_STALL_TIMEOUT_MS),
      extraSchemes: (options.allowedSchemes || []).filter((s) => s === 'blob:' || s === 'data:'),
      relativeUrlsAllowed: hasHttpLocation(platform),
      requestFilters: this.requestFilters,
      responseFilters: this.responseFilters,
      onSample: options.onSample,
      onAttemptFailed: options.onAttemptFailed,
      onCallbackError:
        options.onCallbackError ||
        ((error) => {
          console.warn('[tessera] a network callback threw', error);
        }),
    };
  }

  /** Name of the transport in use ('fetch', 'xhr', …), for diagnostics. */
  get transportName(): string {
    return this.context.transport.name;
  }

  /** Number of requests not yet settled (diagnostics, leak tests). */
  get activeRequestCount(): number {
    return this.active.length;
  }

  /** Register a request filter for this engine (per player, no global registry). Returns its remover. */
  addRequestFilter(filter: RequestFilter): () => void {
    return addTo(this.requestFilters, filter);
  }

  /** Register a response filter for this engine. Returns its remover. */
  addResponseFilter(filter: ResponseFilter): () => void {
    return addTo(this.responseFilters, filter);
  }

  /**
   * Start a request. Never throws: every failure, including bad input, rejects the
   * handle's promise with a TesseraError.
   */
  request<R extends ResponseType>(request: NetworkRequest<R>): RequestHandle<ResponseData<R>> {
    const context: RunContext = {
      ...this.context,
      // A request merges its partial policy over the engine's.
      retry: resolveRetryPolicy(this.context.retry, request ? request.retry : undefined),
    };
    const active = this.active;
    const run: RequestRun<ResponseData<R>> = createRequestRun(context, request as NetworkRequest<ResponseType>, () => {
      const index = active.indexOf(run);
      if (index !== -1) active.splice(index, 1);
    });
    if (this.destroyed) run.abort();
    else {
      active.push(run);
      run.start();
    }
    return { promise: run.promise, abort: run.abort };
  }

  /** Abort every request in flight (their promises reject with ABORTED) and cancel retry timers. Later requests are rejected with ABORTED. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    const runs = this.active.slice();
    for (let i = 0; i < runs.length; i++) runs[i].abort();
    this.active.length = 0;
    this.requestFilters.length = 0;
    this.responseFilters.length = 0;
  }
}

function addTo<T>(list: T[], item: T): () => void {
  list.push(item);
  return () => {
    const index = list.indexOf(item);
    if (index !== -1) list.splice(index, 1);
  };
}
