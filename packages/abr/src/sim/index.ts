/**
 * The simulator and the offline optimum: Node-side tooling (`tessera abr-sim`), kept apart so that a
 * player bundle can import the algorithms without it.
 */
export { AbrInputError, type AbrInputErrorCode } from './abr-input-error';
export { parseTrace, type NetworkTrace, type TracePeriod, type ParseTraceOptions } from './network-trace';
export { createSimVideo, parseSabreVideo, type SimVideo } from './sim-video';
export { createTraceLink, type TraceLink } from './trace-link';
export { computeSessionMetrics, DEFAULT_QOE_WEIGHTS, type ChunkRecord, type QoeWeights, type SessionMetrics, type SessionTotals } from './session-metrics';
export {
  simulateSession,
  DEFAULT_MAX_BUFFER_SECONDS,
  DEFAULT_STARTUP_THRESHOLD_SECONDS,
  type BufferPoint,
  type SessionResult,
  type SimulationOptions,
} from './simulate-session';
export { createScriptedAbr } from './scripted-abr';
export { computeOptimalQoe, type OptimalQoeOptions, type OptimalQoeResult } from './optimal-qoe';
