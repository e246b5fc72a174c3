/**
 * The network loader: one {@link NetworkEngine} per player, fetch or XHR underneath.
 */
export { NetworkEngine, DEFAULT_TIMEOUT_MS, DEFAULT_STALL_TIMEOUT_MS, type NetworkEngineOptions } from './network-engine';
export type {
  NetworkRequest,
  NetworkResponse,
  RequestHandle,
  RequestProgress,
  ResponseType,
  ResponseData,
  FilterableRequest,
  FilterableResponse,
  RequestFilter,
  ResponseFilter,
  AttemptFailure,
  MediaInfo,
} from './types';
export {
  DEFAULT_RETRY_POLICY,
  computeRetryDelayMs,
  isRetryableStatus,
  resolveRetryPolicy,
  type RetryPolicy,
} from './retry-policy';
export type {
  Transport,
  TransportRequest,
  TransportHeaders,
  TransportFailure,
  TransportCallbacks,
  TransportExchange,
} from './transport';
export { createDefaultTransport } from './default-transport';
export { createFetchTransport } from './fetch-transport';
export { createXhrTransport } from './xhr-transport';
export { redactUrl, isUrlAllowed, schemeOf, type UrlScheme } from './url-policy';
export { createTelemetryRequestFilter } from './telemetry-filter';
