/** What a lookahead planner needs to score plans over the next few segments. */
export interface PlanSearchInput {
  /** Quality term per rung for one segment (QoE_lin: bitrate in Mbps). */
  utilities: readonly number[];
  allowed: readonly boolean[];
  /** Rung of the previous segment, or -1 when there is none (no switch cost on the first step). */
  previousIndex: number;
  bufferSeconds: number;
  /** False before playback starts: the whole first download is waiting time. */
  playing: boolean;
  horizon: number;
  /** Media duration of each planned segment (s). */
  segmentDurationSeconds: number;
  /** Predicted download time (s) of the segment `step` ahead at rung `index`. */
  downloadSeconds: (index: number, step: number) => number;
  /** The scheduler does not fetch a segment that would not fit under this level: it waits instead. */
  maxBufferSeconds: number;
  rebufferPenalty: number;
  switchPenalty: number;
  /** Value of the state the plan ends in (e.g. of the buffer left for what comes after). */
  terminalValue?: (bufferSeconds: number, lastIndex: number) => number;
}

export interface PlanSearchResult {
  /** First rung of the best plan. */
  index: number;
  /** Objective of the best plan. */
  value: number;
}

interface PlanState {
  buffer: number;
  value: number;
  first: number;
}

/**
 * Best plan over the horizon under a deterministic download-time prediction (the MPC step of Yin et
 * al. 2015). Equivalent to trying every rung sequence, but plans that end on the same rung are compared
 * and any plan with both less buffer and less value is dropped: from the same rung, more buffer can
 * never do worse, so the result is exact while the work stays near rungs × horizon × frontier size.
 */
export function searchBestPlan(input: PlanSearchInput): PlanSearchResult {
  const rungs = input.utilities.length;
  const horizon = Math.max(1, Math.floor(input.horizon));
  const duration = input.segmentDurationSeconds;
  let frontier: PlanState[][] = [];
  for (let r = 0; r < rungs; r++) frontier.push([]);
  const startRung = input.previousIndex;

  for (let step = 0; step < horizon; step++) {
    const next: PlanState[][] = [];
    for (let m = 0; m < rungs; m++) next.push([]);
    const playing = input.playing || step > 0;
    const fromRungs = step === 0 ? [startRung] : rungIndexes(rungs);
    const downloads: number[] = [];
    for (let m = 0; m < rungs; m++) downloads.push(input.allowed[m] ? input.downloadSeconds(m, step) : Infinity);
    for (let f = 0; f < fromRungs.length; f++) {
      const r = fromRungs[f]!;
      const states: PlanState[] = step === 0 ? [{ buffer: input.bufferSeconds, value: 0, first: -1 }] : frontier[r]!;
      for (let m = 0; m < rungs; m++) {
        if (!input.allowed[m]) continue;
        const download = downloads[m]!;
        const switchCost = r >= 0 ? input.switchPenalty * Math.abs(input.utilities[m]! - input.utilities[r]!) : 0;
        const gain = input.utilities[m]! - switchCost;
        for (let s = 0; s < states.length; s++) {
          const state = states[s]!;
          const stall = playing ? Math.max(0, download - state.buffer) : download;
          let buffer = (playing ? Math.max(0, state.buffer - download) : state.buffer) + duration;
          // The next request waits until a segment fits under the cap; waiting costs nothing.
          if (buffer + duration > input.maxBufferSeconds) buffer = Math.max(input.maxBufferSeconds - duration, 0);
          next[m]!.push({
            buffer,
            value: state.value + gain - input.rebufferPenalty * stall,
            first: step === 0 ? m : state.first,
          });
        }
      }
    }
    for (let m = 0; m < rungs; m++) next[m] = paretoByBuffer(next[m]!);
    frontier = next;
  }

  let best: PlanSearchResult = { index: -1, value: -Infinity };
  for (let m = 0; m < rungs; m++) {
    const states = frontier[m]!;
    for (let s = 0; s < states.length; s++) {
      const state = states[s]!;
      const value = state.value + (input.terminalValue ? input.terminalValue(state.buffer, m) : 0);
      if (value > best.value) best = { index: state.first, value };
    }
  }
  return best;
}

function rungIndexes(count: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(i);
  return out;
}

/** Keeps the states not beaten on both buffer and value by another state. */
function paretoByBuffer(states: PlanState[]): PlanState[] {
  if (states.length <= 1) return states;
  states.sort((a, b) => b.buffer - a.buffer || b.value - a.value);
  const kept: PlanState[] = [];
  let bestValue = -Infinity;
  for (let i = 0; i < states.length; i++) {
    const state = states[i]!;
    if (state.value > bestValue) {
      kept.push(state);
      bestValue = state.value;
    }
  }
  return kept;
}
