/**
 * Every TesseraError code, grouped by category. Codes are stable: a retired
 * code is never reused. Ranges: 1xxx network, 2xxx manifest, 3xxx media,
 * 4xxx drm, 5xxx player/api, 6xxx storage/buffer, 7xxx text, 8xxx thumbnails,
 * 9xxx telemetry.
 */
export const ErrorCode = {
  // --- network (1xxx)
  /** HTTP response with a non-2xx status. data: { url, status } */
  BAD_HTTP_STATUS: 1001,
  /** The request failed before a response (offline, DNS, CORS, reset). data: { url } */
  HTTP_ERROR: 1002,
  /** No response within the configured timeout. data: { url, timeoutMs } */
  TIMEOUT: 1003,
  /** Body shorter than Content-Length / requested byte range. data: { url, expectedBytes, receivedBytes } */
  TRUNCATED_RESPONSE: 1004,
  /** A URL with a scheme other than http(s) (or blob/data where allowed). data: { url } */
  UNSUPPORTED_URL_SCHEME: 1005,
  /** All retries and all CDN alternatives failed. data: { url, attempts } */
  RETRIES_EXHAUSTED: 1006,
  /** Request aborted by the player (seek, destroy, abandonment). Never fatal. data: { url } */
  ABORTED: 1007,
  /** A request or response filter threw (not a TesseraError). Not retried. data: { url, stage } */
  FILTER_FAILED: 1008,

  // --- manifest (2xxx)
  /** Text is neither DASH MPD nor HLS playlist. data: { url } */
  MANIFEST_UNKNOWN_FORMAT: 2001,
  /** XML not well-formed. data: { url, reason, offset } */
  MANIFEST_XML_MALFORMED: 2002,
  /** MPD structurally invalid (no Period, no segment info, bad attributes). data: { url, reason } */
  DASH_INVALID: 2003,
  /** HLS playlist structurally invalid (no #EXTM3U, bad tag, no segments). data: { url, reason, line } */
  HLS_INVALID: 2004,
  /** No playable (CMAF/fMP4) stream in the manifest. data: { url, reason } */
  NO_PLAYABLE_STREAMS: 2005,
  /** MPEG-TS media is out of scope; Tessera plays CMAF/fMP4 only. data: { url } */
  MPEG_TS_UNSUPPORTED: 2006,
  /** A SegmentTemplate/Timeline would expand to an unreasonable number of segments. data: { url, count } */
  TOO_MANY_SEGMENTS: 2007,
  /** A duration/time attribute could not be parsed. data: { url, attribute, value } */
  INVALID_DURATION: 2008,
  /** Live manifest refresh failed repeatedly. data: { url } */
  MANIFEST_REFRESH_FAILED: 2009,
  /** Manifest larger than the parser's limit. data: { url, bytes } */
  MANIFEST_TOO_LARGE: 2010,
  /** sidx box missing or unparsable for SegmentBase. data: { url, reason } */
  SIDX_INVALID: 2011,

  // --- media (3xxx)
  /** The browser cannot play this codec/container. data: { mimeType, codecs } */
  CODEC_UNSUPPORTED: 3001,
  /** MediaSource not available in this browser. data: {} */
  MSE_UNSUPPORTED: 3002,
  /** SourceBuffer append failed (decode error). data: { type, reason } */
  APPEND_FAILED: 3003,
  /** HTMLMediaElement reported a MediaError. data: { mediaErrorCode, message } */
  MEDIA_ELEMENT_ERROR: 3004,
  /** MP4 box structure invalid. data: { reason, offset } */
  MP4_INVALID: 3005,
  /** Playback stalled and could not recover. data: { position } */
  STALL_UNRECOVERABLE: 3006,
  /** A SourceBuffer operation threw (InvalidStateError etc.). data: { type, operation, reason } */
  SOURCE_BUFFER_OPERATION_FAILED: 3007,

  // --- drm (4xxx)
  /** No requested key system is supported. data: { keySystems } */
  NO_SUPPORTED_KEY_SYSTEM: 4001,
  /** Licence server rejected the request (4xx). data: { keySystem, status } */
  LICENSE_REJECTED: 4002,
  /** Licence request failed after retries (network/5xx). data: { keySystem, status? } */
  LICENSE_REQUEST_FAILED: 4003,
  /** Content encrypted but no DRM configured. data: {} */
  DRM_NOT_CONFIGURED: 4004,
  /** A key became unusable (expired, internal-error) and no representation remains. data: { keyIds } */
  KEYS_UNUSABLE: 4005,
  /** MediaKeys creation or setMediaKeys failed. data: { keySystem, reason } */
  MEDIA_KEYS_FAILED: 4006,
  /** Server certificate could not be fetched or set. data: { keySystem } */
  SERVER_CERTIFICATE_FAILED: 4007,
  /** Licence response could not be parsed/applied. data: { keySystem, reason } */
  LICENSE_RESPONSE_INVALID: 4008,
  /** Init data could not be parsed. data: { reason } */
  INIT_DATA_INVALID: 4009,

  // --- player / api (5xxx)
  /** API called in a state where it is not allowed (e.g. after destroy). data: { method, state } */
  INVALID_STATE: 5001,
  /** load() was interrupted by another load() or destroy(). Never fatal. data: {} */
  LOAD_INTERRUPTED: 5002,
  /** Invalid configuration value. data: { key, reason } */
  INVALID_CONFIG: 5003,
  /** Requested track/representation not found. data: { id } */
  TRACK_NOT_FOUND: 5004,

  // --- buffer / storage (6xxx)
  /** QuotaExceededError persisted after eviction and goal reduction. data: { type, bufferedSeconds } */
  QUOTA_EXCEEDED: 6001,

  // --- text (7xxx)
  /** WebVTT could not be parsed. data: { url, reason, line } */
  TEXT_PARSE_FAILED: 7001,

  // --- thumbnails (8xxx)
  /** Thumbnail source malformed (BIF, WebVTT, sprite JSON). data: { format, reason } */
  THUMBNAILS_INVALID: 8001,

  // --- telemetry (9xxx)
  /** Beacon could not be delivered yet (queued). data: { queued } */
  BEACON_DEFERRED: 9001,
} as const;

export type ErrorCodeName = keyof typeof ErrorCode;
export type ErrorCodeValue = (typeof ErrorCode)[ErrorCodeName];
