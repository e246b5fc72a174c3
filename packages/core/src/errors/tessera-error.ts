import { ErrorCode, type ErrorCodeValue } from './error-codes';

export type ErrorCategory =
  | 'network'
  | 'manifest'
  | 'media'
  | 'drm'
  | 'player'
  | 'buffer'
  | 'text'
  | 'thumbnails'
  | 'telemetry';

/** recoverable: the player (or caller) retries or degrades; fatal: playback stopped. */
export type ErrorSeverity = 'recoverable' | 'fatal';

/** Typed `data` per code. Codes not listed carry `Record<string, unknown>`. */
export interface ErrorDataMap {
  [ErrorCode.BAD_HTTP_STATUS]: { url: string; status: number };
  [ErrorCode.HTTP_ERROR]: { url: string };
  [ErrorCode.TIMEOUT]: { url: string; timeoutMs: number };
  [ErrorCode.TRUNCATED_RESPONSE]: { url: string; expectedBytes: number; receivedBytes: number };
  [ErrorCode.UNSUPPORTED_URL_SCHEME]: { url: string };
  [ErrorCode.RETRIES_EXHAUSTED]: { url: string; attempts: number; lastStatus?: number };
  [ErrorCode.ABORTED]: { url: string };
  [ErrorCode.FILTER_FAILED]: { url: string; stage: 'request' | 'response' };
  [ErrorCode.MANIFEST_UNKNOWN_FORMAT]: { url: string };
  [ErrorCode.MANIFEST_XML_MALFORMED]: { url: string; reason: string; offset?: number };
  [ErrorCode.DASH_INVALID]: { url: string; reason: string };
  [ErrorCode.HLS_INVALID]: { url: string; reason: string; line?: number };
  [ErrorCode.NO_PLAYABLE_STREAMS]: { url: string; reason: string };
  [ErrorCode.MPEG_TS_UNSUPPORTED]: { url: string };
  [ErrorCode.TOO_MANY_SEGMENTS]: { url: string; count: number };
  [ErrorCode.INVALID_DURATION]: { url: string; attribute: string; value: string };
  [ErrorCode.MANIFEST_REFRESH_FAILED]: { url: string };
  [ErrorCode.MANIFEST_TOO_LARGE]: { url: string; bytes: number };
  [ErrorCode.SIDX_INVALID]: { url: string; reason: string };
  [ErrorCode.CODEC_UNSUPPORTED]: { mimeType: string; codecs: string };
  [ErrorCode.MSE_UNSUPPORTED]: Record<string, never>;
  [ErrorCode.APPEND_FAILED]: { type: string; reason: string };
  [ErrorCode.MEDIA_ELEMENT_ERROR]: { mediaErrorCode: number; message: string };
  [ErrorCode.MP4_INVALID]: { reason: string; offset?: number };
  [ErrorCode.STALL_UNRECOVERABLE]: { position: number };
  [ErrorCode.SOURCE_BUFFER_OPERATION_FAILED]: { type: string; operation: string; reason: string };
  [ErrorCode.NO_SUPPORTED_KEY_SYSTEM]: { keySystems: string[] };
  [ErrorCode.LICENSE_REJECTED]: { keySystem: string; status: number };
  [ErrorCode.LICENSE_REQUEST_FAILED]: { keySystem: string; status?: number };
  [ErrorCode.DRM_NOT_CONFIGURED]: Record<string, never>;
  [ErrorCode.KEYS_UNUSABLE]: { keyIds: string[] };
  [ErrorCode.MEDIA_KEYS_FAILED]: { keySystem: string; reason: string };
  [ErrorCode.SERVER_CERTIFICATE_FAILED]: { keySystem: string };
  [ErrorCode.LICENSE_RESPONSE_INVALID]: { keySystem: string; reason: string };
  [ErrorCode.INIT_DATA_INVALID]: { reason: string };
  [ErrorCode.INVALID_STATE]: { method: string; state: string };
  [ErrorCode.LOAD_INTERRUPTED]: Record<string, never>;
  [ErrorCode.INVALID_CONFIG]: { key: string; reason: string };
  [ErrorCode.TRACK_NOT_FOUND]: { id: string };
  [ErrorCode.QUOTA_EXCEEDED]: { type: string; bufferedSeconds: number };
  [ErrorCode.TEXT_PARSE_FAILED]: { url: string; reason: string; line?: number };
  [ErrorCode.THUMBNAILS_INVALID]: { format: string; reason: string };
  [ErrorCode.BEACON_DEFERRED]: { queued: number };
}

export type ErrorData<C extends ErrorCodeValue> = C extends keyof ErrorDataMap
  ? ErrorDataMap[C]
  : Record<string, unknown>;

const CATEGORY_BY_THOUSAND: Record<number, ErrorCategory> = {
  1: 'network',
  2: 'manifest',
  3: 'media',
  4: 'drm',
  5: 'player',
  6: 'buffer',
  7: 'text',
  8: 'thumbnails',
  9: 'telemetry',
};

/** The category is derived from the code's thousand, so the two never disagree. */
export function categoryOf(code: number): ErrorCategory {
  return CATEGORY_BY_THOUSAND[Math.floor(code / 1000)] ?? 'player';
}

/**
 * The one error type Tessera throws or emits. `code` is stable and documented
 * in docs/error-codes.md; `data` is typed per code and never holds secrets
 * (licence bodies, keys and tokens are stripped before an error is made).
 */
export class TesseraError<C extends ErrorCodeValue = ErrorCodeValue> extends Error {
  readonly code: C;
  readonly category: ErrorCategory;
  readonly severity: ErrorSeverity;
  readonly data: ErrorData<C>;
  /** The underlying error, when one exists (never serialised into telemetry). */
  readonly cause?: unknown;

  constructor(code: C, severity: ErrorSeverity, data: ErrorData<C>, message?: string, cause?: unknown) {
    super(message ?? defaultMessage(code, data));
    // ES5 targets lose the prototype chain when extending Error.
    Object.setPrototypeOf(this, TesseraError.prototype);
    this.name = 'TesseraError';
    this.code = code;
    this.category = categoryOf(code);
    this.severity = severity;
    this.data = data;
    if (cause !== undefined) this.cause = cause;
  }

  /** Same error, other severity (e.g. a recoverable network error that became fatal). */
  withSeverity(severity: ErrorSeverity): TesseraError<C> {
    return new TesseraError(this.code, severity, this.data, this.message, this.cause);
  }

  toJSON(): { code: number; category: ErrorCategory; severity: ErrorSeverity; message: string; data: unknown } {
    return { code: this.code, category: this.category, severity: this.severity, message: this.message, data: this.data };
  }
}

function defaultMessage(code: number, data: unknown): string {
  let name = 'UNKNOWN';
  for (const key in ErrorCode) {
    if ((ErrorCode as Record<string, number>)[key] === code) name = key;
  }
  let detail = '';
  try {
    detail = JSON.stringify(data);
  } catch {
    detail = '';
  }
  return `Tessera ${code} ${name}${detail && detail !== '{}' ? ' ' + detail : ''}`;
}

export function isTesseraError(value: unknown): value is TesseraError {
  return value instanceof TesseraError;
}
