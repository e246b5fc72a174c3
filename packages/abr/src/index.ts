/**
 * @tessera/abr — pure adaptive-bitrate algorithms behind the `AbrAlgorithm` contract of
 * `@tessera/core/abr-api`, the estimators they are built from, and a trace-driven simulator with an
 * offline-optimal oracle. No DOM, no timers, no globals: time comes in through the context.
 */
export { sampleTransferBps, type ThroughputEstimator, type SampleFilterOptions } from './estimators/throughput-estimator';
export { createEwmaEstimator, type EwmaEstimatorOptions } from './estimators/ewma-estimator';
export { createHarmonicMeanEstimator, type HarmonicMeanEstimatorOptions } from './estimators/harmonic-mean-estimator';
export { createRobustEstimator, type RobustEstimatorOptions, type RobustThroughputEstimator } from './estimators/robust-estimator';
export { createLatencyEstimator, type LatencyEstimator, type LatencyEstimatorOptions } from './estimators/latency-estimator';

export { allowedRungs, allowedRungsFor, clampToAllowed, highestRungWithin, segmentBytes } from './algorithms/ladder';
export { decideAbandonment, type AbandonmentInput, type AbandonmentOptions } from './algorithms/abandonment';
export { searchBestPlan, type PlanSearchInput, type PlanSearchResult } from './algorithms/plan-search';
export { createThroughputAbr, DEFAULT_INITIAL_BANDWIDTH_BPS, type ThroughputAbrOptions } from './algorithms/throughput-abr';
export { createBbaAbr, type BbaAbrOptions } from './algorithms/bba-abr';
export { createBolaAbr, type BolaAbrOptions } from './algorithms/bola-abr';
export { createRobustMpcAbr, type RobustMpcAbrOptions } from './algorithms/robust-mpc-abr';
export { createHybridAbr, type HybridAbrOptions } from './algorithms/hybrid-abr';
export { ABR_ALGORITHMS, createAbrAlgorithm, type AbrAlgorithmName } from './algorithms/create-abr-algorithm';

// The simulator and offline optimum live in the `@tessera/abr/sim` entry point (Node tools, not the player bundle).

