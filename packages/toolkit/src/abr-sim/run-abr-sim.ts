import { createAbrAlgorithm, type AbrAlgorithmName } from '@tessera/abr';
import { computeOptimalQoe, createScriptedAbr, createTraceLink, simulateSession, type NetworkTrace, type SessionMetrics, type SessionResult, type SimulationOptions } from '@tessera/abr/sim';
import type { LoadedVideo } from './load-video';
import type { TraceSet } from './load-traces';

/** The per-session figures reported for every algorithm on every trace. */
export interface SessionFigures {
  qoeLin: number;
  /** This session's QoE_lin over the optimum's on the same trace (absent without the optimum). */
  ratioToOptimal?: number;
  qoeLog: number;
  rebufferRatio: number;
  rebufferCount: number;
  averageBitrateKbps: number;
  switches: number;
  startupDelaySeconds: number;
}

export interface AlgorithmSummary {
  meanQoeLin: number;
  /** Mean QoE_lin over the optimum's mean QoE_lin on the same traces (undefined when that mean ≤ 0). */
  ratioToOptimal?: number;
  /**
   * The same ratio over the traces where the optimum's QoE_lin is positive: traces on which even the
   * oracle mostly stalls (outages longer than any buffer) make the plain ratio meaningless.
   */
  ratioToOptimalWherePositive?: number;
  meanQoeLog: number;
  rebufferRatio: number;
  rebufferCount: number;
  averageBitrateKbps: number;
  switches: number;
  startupDelaySeconds: number;
  traces: Array<SessionFigures & { trace: string }>;
}

export interface TraceSetReport {
  name: string;
  traceCount: number;
  /** Traces on which the optimum's QoE_lin is positive (those `ratioToOptimalWherePositive` covers). */
  tracesWithPositiveOptimum?: number;
  /** The offline optimum, summarised like an algorithm (absent with --no-optimal). */
  optimal?: AlgorithmSummary;
  algorithms: Record<string, AlgorithmSummary>;
}

export interface AbrSimReport {
  video: { name: string; source: string; segments: number; segmentDurationSeconds: number; bitratesKbps: number[] };
  settings: Required<Pick<SimulationOptions, 'maxBufferSeconds' | 'startupThresholdSeconds' | 'abandonCheckIntervalSeconds'>> & { optimal: boolean };
  traceSets: TraceSetReport[];
  timing: { heuristicsSeconds: number; optimalSeconds: number };
}

export interface OptimalPlanCache {
  get(trace: NetworkTrace): number[] | undefined;
  set(trace: NetworkTrace, plan: number[]): void;
}

export interface RunAbrSimOptions {
  algorithms: AbrAlgorithmName[];
  optimal: boolean;
  simulation: Required<Pick<SimulationOptions, 'maxBufferSeconds' | 'startupThresholdSeconds' | 'abandonCheckIntervalSeconds'>>;
  /** Called after each trace with its sessions (optimum last), e.g. to draw charts. */
  onTrace?: (set: string, trace: NetworkTrace, sessions: SessionResult[]) => void | Promise<void>;
  onProgress?: (done: number, total: number) => void;
  /** Remembers optimal plans so that repeated runs skip the dynamic programme (plans are replayed). */
  optimalCache?: OptimalPlanCache;
  /** Injected clock (ms) for the timing report. */
  now?: () => number;
}

function figures(metrics: SessionMetrics, optimal?: SessionMetrics): SessionFigures {
  return {
    qoeLin: metrics.qoeLin,
    ratioToOptimal: optimal && optimal.qoeLin > 0 ? metrics.qoeLin / optimal.qoeLin : undefined,
    qoeLog: metrics.qoeLog,
    rebufferRatio: metrics.rebufferRatio,
    rebufferCount: metrics.rebufferCount,
    averageBitrateKbps: metrics.averageBitrateKbps,
    switches: metrics.switches,
    startupDelaySeconds: metrics.startupDelaySeconds,
  };
}

function summarise(rows: Array<SessionFigures & { trace: string }>, optimalRows?: ReadonlyArray<SessionFigures>): AlgorithmSummary {
  const mean = (pick: (row: SessionFigures) => number): number => rows.reduce((sum, row) => sum + pick(row), 0) / Math.max(rows.length, 1);
  const meanQoeLin = mean((r) => r.qoeLin);
  let optimalSum = 0;
  let positiveOptimal = 0;
  let positiveOwn = 0;
  optimalRows?.forEach((optimal, i) => {
    optimalSum += optimal.qoeLin;
    if (optimal.qoeLin > 0) {
      positiveOptimal += optimal.qoeLin;
      positiveOwn += rows[i]!.qoeLin;
    }
  });
  return {
    meanQoeLin,
    ratioToOptimal: optimalRows && optimalSum > 0 ? (meanQoeLin * rows.length) / optimalSum : undefined,
    ratioToOptimalWherePositive: optimalRows && positiveOptimal > 0 ? positiveOwn / positiveOptimal : undefined,
    meanQoeLog: mean((r) => r.qoeLog),
    rebufferRatio: mean((r) => r.rebufferRatio),
    rebufferCount: mean((r) => r.rebufferCount),
    averageBitrateKbps: mean((r) => r.averageBitrateKbps),
    switches: mean((r) => r.switches),
    startupDelaySeconds: mean((r) => r.startupDelaySeconds),
    traces: rows,
  };
}

/** Runs every algorithm (and the optimum) on every trace of every set and summarises per set. */
export async function runAbrSim(sets: readonly TraceSet[], loaded: LoadedVideo, options: RunAbrSimOptions): Promise<AbrSimReport> {
  const now = options.now ?? (() => Date.now());
  const { video } = loaded;
  let heuristicsMs = 0;
  let optimalMs = 0;
  const total = sets.reduce((n, set) => n + set.traces.length, 0);
  let done = 0;
  const reports: TraceSetReport[] = [];
  for (const set of sets) {
    const optimalRows: Array<SessionFigures & { trace: string }> = [];
    const rows: Record<string, Array<SessionFigures & { trace: string }>> = {};
    for (const name of options.algorithms) rows[name] = [];
    for (const trace of set.traces) {
      const link = createTraceLink(trace);
      const sessions: SessionResult[] = [];
      const started = now();
      for (const name of options.algorithms) sessions.push(simulateSession(createAbrAlgorithm(name), video, link, options.simulation));
      heuristicsMs += now() - started;
      let optimal: SessionResult | undefined;
      if (options.optimal) {
        const startedOptimal = now();
        const plan = options.optimalCache?.get(trace);
        if (plan && plan.length === video.segmentDurationsSeconds.length) {
          optimal = simulateSession(createScriptedAbr(plan, 'optimal'), video, link, { ...options.simulation, abandonCheckIntervalSeconds: 0 });
        } else {
          const result = computeOptimalQoe(video, link, options.simulation);
          optimal = result.session;
          options.optimalCache?.set(trace, result.plan);
        }
        optimalMs += now() - startedOptimal;
        optimalRows.push({ trace: trace.name, ...figures(optimal.metrics) });
      }
      sessions.forEach((session, i) => rows[options.algorithms[i]!]!.push({ trace: trace.name, ...figures(session.metrics, optimal?.metrics) }));
      await options.onTrace?.(set.name, trace, optimal ? [...sessions, optimal] : sessions);
      options.onProgress?.(++done, total);
    }
    const optimalSummary = options.optimal ? summarise(optimalRows, optimalRows) : undefined;
    const algorithms: Record<string, AlgorithmSummary> = {};
    for (const name of options.algorithms) algorithms[name] = summarise(rows[name]!, options.optimal ? optimalRows : undefined);
    reports.push({
      name: set.name,
      traceCount: set.traces.length,
      tracesWithPositiveOptimum: options.optimal ? optimalRows.filter((row) => row.qoeLin > 0).length : undefined,
      optimal: optimalSummary,
      algorithms,
    });
  }
  const durations = video.segmentDurationsSeconds;
  return {
    video: {
      name: loaded.name,
      source: loaded.source,
      segments: durations.length,
      segmentDurationSeconds: durations.reduce((a, b) => a + b, 0) / durations.length,
      bitratesKbps: video.representations.map((rep) => rep.bandwidthBps / 1000),
    },
    settings: { ...options.simulation, optimal: options.optimal },
    traceSets: reports,
    timing: { heuristicsSeconds: heuristicsMs / 1000, optimalSeconds: optimalMs / 1000 },
  };
}
