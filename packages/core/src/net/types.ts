import type { TesseraError } from '../errors';
import type { ThroughputSample } from '../abr-api';
import type { RetryPolicy } from './retry-policy';

/** What the engine receives as a response body: bytes or UTF-8 text. */
export type ResponseType = 'arraybuffer' | 'text';

/** Body type for a {@link ResponseType}. */
export type ResponseData<R extends ResponseType> = R extends 'text' ? string : ArrayBuffer;

/** Progress of the current attempt. `bytesLoaded` never decreases within one attempt. */
export interface RequestProgress {
  bytesLoaded: number;
  /** From Content-Length / Content-Range / the byte range, when known. */
  bytesTotal?: number;
  /** Since the start of this attempt (injected clock). */
  elapsedMs: number;
  /** Time to response headers for this attempt, once they arrived. */
  ttfbMs?: number;
  /** 1-based attempt number: progress restarts at 0 bytes on a retry. */
  attempt: number;
  /** The candidate URL being downloaded. */
  url: string;
}

/**
 * One logical request. The loader tries `urls` in order, retries per `retry`, and
 * resolves with the first complete, valid response.
 */
export interface NetworkRequest<R extends ResponseType = ResponseType> {
  /**
   * Candidate URLs in preference order (DASH BaseURLs, HLS redundant streams, steering
   * pathways). A failure moves to the next candidate at once; backoff applies when every
   * live candidate has failed once in a round.
   */
  urls: string[];
  /** Inclusive byte range, sent as `Range: bytes=start-end` (RFC 9110 §14.1.2). Open-ended without `end`. */
  byteRange?: { start: number; end?: number };
  responseType: R;
  /** Default 'GET'. */
  method?: 'GET' | 'POST';
  body?: Uint8Array | string;
  /** Extra request headers. Never logged. */
  headers?: Record<string, string>;
  /** What is loaded: tags the throughput sample and tells filters what they see. */
  contentType: ThroughputSample['contentType'];
  /** Max wait for response headers per attempt, ms. Default from the engine. */
  timeoutMs?: number;
  /** Max gap between body bytes per attempt, ms (a stalled body). Default from the engine. */
  stallTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Send cookies/HTTP auth cross-origin (licence servers that need them). Default false. */
  withCredentials?: boolean;
  /** What is known about the media being fetched, for filters (CMCD `br`, `d`). */
  mediaInfo?: MediaInfo;
  /**
   * Body bytes as they arrive, in order, cut to `byteRange` — for progressive appends.
   * Called before `promise` resolves; where the transport cannot stream (XHR), once with the
   * whole body. Bytes handed out cannot be taken back, so once a chunk was delivered a
   * failure of that attempt ends the request instead of retrying.
   */
  onData?(chunk: Uint8Array): void;
  /** Called for every body chunk (and once at headers) of the current attempt. */
  onProgress?(progress: RequestProgress): void;
}

/** Media facts a request carries for its filters. */
export interface MediaInfo {
  /** Encoded bitrate of the representation, kbit/s. */
  bitrateKbps?: number;
  /** Media duration of the segment, ms. */
  durationMs?: number;
}

/** A complete, validated response. */
export interface NetworkResponse<T = ArrayBuffer | string> {
  data: T;
  /** The candidate that answered, after redirects. */
  url: string;
  status: number;
  /** Lower-case names. Cross-origin, only CORS-exposed headers are present. */
  headers: Record<string, string>;
  /** Clock times of the successful attempt, ms: start, headers, last byte. `ttfbMs` is relative to `startMs`. */
  timing: { startMs: number; ttfbMs: number; endMs: number };
  /** Body bytes as received (before a text decode or a range slice). */
  bytes: number;
}

/** A request in flight. `abort()` rejects `promise` with `ABORTED` (recoverable) unless it already settled. */
export interface RequestHandle<T> {
  promise: Promise<NetworkResponse<T>>;
  abort(): void;
}

/**
 * What a request filter sees and may change (in place, or by returning a replacement):
 * URLs (signed URLs, CMCD query), headers (CMCD, auth), body (licence wrapping).
 * Filters run once per request, before the first attempt, in registration order.
 */
export interface FilterableRequest {
  urls: string[];
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: Uint8Array | string;
  readonly contentType: ThroughputSample['contentType'];
  readonly byteRange?: { start: number; end?: number };
  readonly mediaInfo?: MediaInfo;
}

export type RequestFilter = (request: FilterableRequest) => void | FilterableRequest | Promise<void | FilterableRequest>;

/**
 * What a response filter sees: the final response (body already decoded per
 * `responseType`). It may replace `data` with a value of the same type (licence unwrapping)
 * or throw to fail the request (a TesseraError is passed through; anything else becomes
 * `FILTER_FAILED`). Not called for failed or aborted attempts.
 */
export interface FilterableResponse<T = ArrayBuffer | string> extends NetworkResponse<T> {
  readonly contentType: ThroughputSample['contentType'];
}

export type ResponseFilter = (response: FilterableResponse) => void | Promise<void>;

/** Reported to `onAttemptFailed` so the caller can score CDN health. */
export interface AttemptFailure {
  /** The raw candidate URL (not redacted: it is for matching candidates, not for logs). */
  url: string;
  /** 1-based attempt number within the request. */
  attempt: number;
  error: TesseraError;
  /** Whether the loader will try again (this URL or another). */
  willRetry: boolean;
}
