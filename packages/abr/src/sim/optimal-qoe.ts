import { allowedRungsFor } from '../algorithms/ladder';
import { createScriptedAbr } from './scripted-abr';
import { createFutureBound, type FutureBound } from './optimum/future-bound';
import { greedyTail } from './optimum/greedy-tail';
import { keepNonDominated } from './optimum/keep-non-dominated';
import { StateTable } from './optimum/state-table';
import { DEFAULT_QOE_WEIGHTS, type QoeWeights } from './session-metrics';
import { DEFAULT_MAX_BUFFER_SECONDS, DEFAULT_STARTUP_THRESHOLD_SECONDS, simulateSession, type SessionResult, type SimulationOptions } from './simulate-session';
import type { SimVideo } from './sim-video';
import type { TraceLink } from './trace-link';

export interface OptimalQoeOptions extends SimulationOptions {
  /**
   * Discretisation. States of one rung whose request times fall in the same `timeStepSeconds` bucket
   * are compared as if simultaneous (default 0.25 s; 0 = exact times); `valueTolerance` (QoE_lin
   * units, default 0.1) lets a state be dropped for one that is at most this much worse.
   */
  timeStepSeconds?: number;
  valueTolerance?: number;
}

export interface OptimalQoeResult {
  /** The best rung sequence found. */
  plan: number[];
  /** That plan replayed through `simulateSession`: its metrics are the optimum's. */
  session: SessionResult;
  /** Largest number of states kept for one segment (a measure of the work). */
  peakStates: number;
}

/**
 * The offline optimum of QoE_lin for one trace, by dynamic programming over segments with the
 * simulator's link model, buffer cap and startup rule, knowing the whole trace in advance.
 *
 * State at each request: (segment, time, buffer, previous rung, playing). The search keeps continuous
 * states and drops dominated ones: among states with the same previous rung, one that is no later and
 * has no less quality-so-far (Σ bitrate − Σ|Δ|) and no less QoE-so-far is at least as good. That holds
 * because an earlier request with the same decisions never completes later (for a trace of constant
 * latency), and one more second of buffer can save at most one second of stall — so it is exact for
 * constant-latency traces and a startup threshold ≤ one segment (all corpus traces); the discretisation
 * is the time bucket and value tolerance above. The plan found is replayed through the simulator, so
 * the reported optimum is always achievable in it.
 */
export function computeOptimalQoe(video: SimVideo, link: TraceLink, options: OptimalQoeOptions = {}): OptimalQoeResult {
  const weights = options.qoe ?? DEFAULT_QOE_WEIGHTS;
  const model: SearchModel = {
    video,
    link,
    maxBuffer: options.maxBufferSeconds ?? DEFAULT_MAX_BUFFER_SECONDS,
    threshold: options.startupThresholdSeconds ?? DEFAULT_STARTUP_THRESHOLD_SECONDS,
    weights,
    allowed: allowedRungsFor(video.representations, options.caps ?? {}),
    mbps: video.representations.map((rep) => rep.bandwidthBps / 1e6),
    startTime: options.traceStartSeconds ?? 0,
    bounds: createFutureBound(video, link, allowedRungsFor(video.representations, options.caps ?? {}), video.representations.map((rep) => rep.bandwidthBps / 1e6), weights.rebufferPenalty),
  };
  const replay = (plan: number[]): SessionResult =>
    simulateSession(createScriptedAbr(plan, 'optimal'), video, link, { ...options, abandonCheckIntervalSeconds: 0 });
  // A coarse pass first: its plan is feasible, so its QoE is a lower bound that prunes the fine pass.
  const coarse = searchPlan(model, 0.5, 0.5, -Infinity);
  const coarseSession = replay(coarse.plan);
  const fine = searchPlan(model, options.timeStepSeconds ?? 0.25, options.valueTolerance ?? 0.1, coarseSession.metrics.qoeLinTotal);
  const fineSession = replay(fine.plan);
  const better = fineSession.metrics.qoeLinTotal >= coarseSession.metrics.qoeLinTotal;
  return { plan: better ? fine.plan : coarse.plan, session: better ? fineSession : coarseSession, peakStates: Math.max(coarse.peakStates, fine.peakStates) };
}

interface SearchModel {
  video: SimVideo;
  link: TraceLink;
  maxBuffer: number;
  threshold: number;
  weights: QoeWeights;
  allowed: boolean[];
  mbps: number[];
  startTime: number;
  bounds: FutureBound;
}

function searchPlan(model: SearchModel, timeStep: number, tolerance: number, knownLowerBound: number): { plan: number[]; peakStates: number } {
  const { video, link, maxBuffer, threshold, weights, allowed, mbps, bounds } = model;
  const penalty = weights.rebufferPenalty;
  const rungCount = mbps.length;
  const count = video.segmentDurationsSeconds.length;
  const tail = (segment: number, time: number, buffer: number, playing: boolean, previous: number): number =>
    greedyTail(video, link, allowed, mbps, weights, maxBuffer, threshold, segment, time, buffer, playing, previous);
  let lowerBound = knownLowerBound;

  let states = new StateTable();
  states.push(model.startTime, 0, 0, 0, false, -1, -1);
  const history: StateTable[] = [];
  let peakStates = 1;
  const candidates = new StateTable();
  for (let segment = 0; segment < count; segment++) {
    const duration = video.segmentDurationsSeconds[segment]!;
    const sizes = video.segmentSizesBytes[segment]!;
    candidates.size = 0;
    for (let s = 0; s < states.size; s++) {
      let time = states.time[s]!;
      let buffer = states.buffer[s]!;
      const wasPlaying = states.playing[s] === 1;
      if (wasPlaying && buffer + duration > maxBuffer) {
        const wait = buffer + duration - maxBuffer;
        time += wait;
        buffer -= wait;
      }
      const previous = states.rung[s]!;
      // The parent's bound covers all its children (a stalled child's longer window is paid for by its stall).
      if (states.quality[s]! - penalty * states.stall[s]! + bounds.upper(segment, time, buffer) < lowerBound - 1e-9) continue;
      const base = link.cumulativeBytesAt(time + link.latencySecondsAt(time));
      for (let m = 0; m < rungCount; m++) {
        if (!allowed[m]) continue;
        const end = Math.max(time, link.timeAtCumulativeBytes(base + sizes[m]!));
        const download = end - time;
        const stall = wasPlaying ? Math.max(0, download - buffer) : download;
        const after = (wasPlaying ? Math.max(0, buffer - download) : buffer) + duration;
        const playing = (wasPlaying && stall === 0) || after >= threshold - 1e-9 || segment === count - 1;
        const quality = states.quality[s]! + mbps[m]! - (previous >= 0 ? weights.switchPenalty * Math.abs(mbps[m]! - mbps[previous]!) : 0);
        const totalStall = states.stall[s]! + stall;
        // Branch and bound: drop states that cannot reach the best complete plan known.
        if (quality - penalty * totalStall + bounds.upper(segment + 1, end, after) < lowerBound - 1e-9) continue;
        candidates.push(end, after, quality, totalStall, playing, m, s);
      }
    }
    const next = new StateTable();
    keepNonDominated(candidates, mbps, weights, timeStep, tolerance, next);
    history.push(next);
    states = next;
    // A complete plan: the best state so far, continued greedily; its QoE bounds the optimum from below.
    let lead = 0;
    for (let i = 1; i < next.size; i++) {
      if (next.quality[i]! - penalty * next.stall[i]! > next.quality[lead]! - penalty * next.stall[lead]!) lead = i;
    }
    if (next.size > 0) {
      const known = next.quality[lead]! - penalty * next.stall[lead]! + tail(segment + 1, next.time[lead]!, next.buffer[lead]!, next.playing[lead] === 1, next.rung[lead]!);
      lowerBound = Math.max(lowerBound, known);
    }
    peakStates = Math.max(peakStates, states.size);
  }

  let best = 0;
  const total = (i: number): number => states.quality[i]! - penalty * states.stall[i]!;
  for (let s = 1; s < states.size; s++) if (total(s) > total(best)) best = s;
  const plan: number[] = [];
  for (let segment = count - 1, i = best; segment >= 0; segment--) {
    plan.push(history[segment]!.rung[i]!);
    i = history[segment]!.parent[i]!;
  }
  plan.reverse();
  return { plan, peakStates };
}
