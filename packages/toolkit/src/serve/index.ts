/** `tessera serve`: the static media origin with network emulation and fault injection. */
export { startServer, type ServerOptions, type TesseraServer } from './start-server';
export {
  parseNetworkProfile,
  describeNetworkProfile,
  validateTracePeriods,
  type NetworkProfile,
  type ConstantNetworkProfile,
  type TraceNetworkProfile,
  type TracePeriod,
} from './network-profile';
export { NetworkLink, type LinkFlow, type NetworkLinkOptions } from './network-link';
export { createRateTimeline, type RateTimeline } from './rate-timeline';
export { loadTrace, parseTrace, PENSIEVE_DEFAULT_LATENCY_MS, type ParseTraceOptions } from './load-trace';
export { createFaultInjector, parseFaultRules, type FaultRule, type FaultRuleState, type FaultInjector } from './fault-injection';
export { matchRoute, type Route, type RouteContext, type RouteResult, type StaticServeOptions } from './route';
export { CONTROL_PREFIX, type NetworkState } from './control-endpoints';
export { decideRange, type ByteRange, type RangeDecision } from './byte-ranges';
export { contentTypeFor } from './mime-types';
export { parseRequestPath, type RequestPath } from './request-path';
export type { ServerStatsSnapshot, PathStats } from './server-stats';
export { sendBodyThroughLink, type BodySource, type SendBodyOptions } from './response-body-flow';
export { createLiveSimulatorRoute, liveMpd, liveMediaPlaylist, type LiveSimulatorOptions } from './live-simulator';
export {
  createLicenseServer, createLicenseRoute, loadLicenseKeys, toBase64Url, fromBase64Url, DEFAULT_LICENSE_PATH,
  type LicenseServer, type LicenseServerOptions, type LicenseServerStats,
} from './license-server';
