/**
 * The transport contract: one HTTP exchange, no policy. Timeouts, retries, failover,
 * range checks and samples live in {@link NetworkEngine}, so a transport stays a thin
 * shim over `fetch` or `XMLHttpRequest` (and a test double is a few lines).
 *
 * Callback order for one `send`: `onHeaders` once, then `onData` zero or more times with
 * a growing `bytesLoaded`, then exactly one of `onComplete` or `onError` — unless the
 * exchange is aborted, after which the transport calls nothing.
 */

/** What a transport is asked to send. The URL is absolute or page-relative, already checked. */
export interface TransportRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: Uint8Array | string;
  /** Send cookies / HTTP auth cross-origin (`credentials: 'include'`, `withCredentials`). */
  withCredentials: boolean;
}

/** Status line and headers, as soon as they arrive (the TTFB mark). */
export interface TransportHeaders {
  status: number;
  /** The URL that answered, after redirects (empty when the platform cannot tell). */
  url: string;
  /** Header names lower-cased. Cross-origin, only CORS-exposed headers are visible. */
  headers: Record<string, string>;
}

/** Why an exchange failed before a complete body. */
export interface TransportFailure {
  /** 'network': DNS, reset, CORS, offline, body cut; 'timeout': the platform's own timeout fired. */
  kind: 'network' | 'timeout';
  /** Diagnostic text from the platform. Never contains the request body or headers. */
  message: string;
}

export interface TransportCallbacks {
  onHeaders(headers: TransportHeaders): void;
  /**
   * Cumulative body bytes so far; `bytesTotal` when the platform knows it. `chunk` is the
   * new data when the platform streams it (fetch); XHR with an arraybuffer body cannot.
   */
  onData(bytesLoaded: number, bytesTotal: number | undefined, chunk?: Uint8Array): void;
  onComplete(body: Uint8Array): void;
  onError(failure: TransportFailure): void;
}

/** A running exchange. `abort()` is idempotent and silences every later callback. */
export interface TransportExchange {
  abort(): void;
}

export interface Transport {
  /** 'fetch', 'xhr', or a test double's name (shows in diagnostics only). */
  readonly name: string;
  send(request: TransportRequest, callbacks: TransportCallbacks): TransportExchange;
}
