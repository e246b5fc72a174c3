import type { RequestRecord } from '../lib/bench-server';
import type { PageLog, SampleRecord } from '../lib/player-session';
import { parseVideoSegmentPath, type SampleTitle } from '../lib/sample-title';

/** Pensieve's QoE_lin weights (Mao et al., SIGCOMM 2017), as in @tessera/abr's simulator. */
export const REBUFFER_PENALTY_PER_S = 4.3;
export const SWITCH_PENALTY_PER_MBPS = 1;
/** A sample interval is stalled when the playhead moved less than this share of the wall time. */
const STALLED_ADVANCE_SHARE = 0.2;
/** Stall runs shorter than this are sampling jitter, not rebuffers (the sampler ticks every 100 ms). */
const MIN_STALL_S = 0.2;

export interface PlayedChunk {
  /** 0-based chunk (segment) index. */
  index: number;
  rungId: string | undefined;
  bitrateBps: number | undefined;
  /** 'before-play': fetched before the chunk started playing (normal); 'late': only a request that started after; 'missing': none. */
  attribution: 'before-play' | 'late' | 'missing';
  /** Stall seconds charged to this chunk (startup wait included for chunk 0). */
  stallSeconds: number;
  /** Most frequent rendered frame height within the chunk (rVFC). */
  renderedHeight: number | undefined;
}

export interface PlayedSessionMetrics {
  /** load() → the playhead starts moving, s. */
  startupDelaySeconds: number | undefined;
  /** load() → first rendered frame, s. */
  firstFrameSeconds: number | undefined;
  /** Media seconds played (playhead distance). */
  playedSeconds: number;
  rebufferSeconds: number;
  rebufferCount: number;
  /** rebuffer / (played + rebuffer); the startup wait is not a rebuffer. */
  rebufferRatio: number;
  /** Mean per chunk of bitrate Mbps − 4.3·stall s − |Δbitrate| Mbps (startup charged to chunk 0). */
  qoeLin: number;
  qoeLinTotal: number;
  averageBitrateKbps: number;
  switches: number;
  chunks: PlayedChunk[];
  /** Chunks whose rendered height differs from the attributed rung's height (a sanity check). */
  heightMismatches: number;
  pausedSeconds: number;
}

interface Stall {
  seconds: number;
  chunk: number;
}

/**
 * Scores what a player ACTUALLY played, the same way for every player, from three player-neutral
 * records: the server's request log (which rung of each chunk was fetched, and when), the page's
 * 100 ms samples of the <video> (playhead, paused/seeking/ended, buffered end) and its rendered
 * frames (requestVideoFrameCallback).
 */
export function computePlayedSessionMetrics(title: SampleTitle, log: PageLog, requests: readonly RequestRecord[]): PlayedSessionMetrics {
  const segS = title.segmentSeconds;
  const samples = log.samples.slice().sort((a, b) => a[0] - b[0]);
  const firstFrame = log.frames[0];

  // Playback start: the first sample interval in which the playhead moved; interpolated back.
  let startIndex = -1;
  for (let i = 1; i < samples.length; i++) {
    if (samples[i]![1] > samples[i - 1]![1] + 0.01) {
      startIndex = i;
      break;
    }
  }
  const startAt = startIndex > 0 ? samples[startIndex]![0] - (samples[startIndex]![1] - samples[startIndex - 1]![1]) * 1000 : undefined;
  const startPosition = startIndex > 0 ? samples[startIndex - 1]![1] : 0;
  const last = samples[samples.length - 1];
  const endPosition = last ? last[1] : 0;
  const nChunks = Math.max(0, Math.min(title.rungs[0]!.segmentBytes.length, Math.ceil((endPosition - 0.5) / segS)));

  const chunkOf = (position: number): number => Math.max(0, Math.min(nChunks - 1, Math.floor(position / segS)));
  const { stalls, pausedSeconds } = findStalls(samples, startIndex, chunkOf);

  const stallByChunk = new Array<number>(nChunks).fill(0);
  const startupDelaySeconds = startAt !== undefined ? (startAt - log.t0) / 1000 : undefined;
  if (nChunks > 0 && startupDelaySeconds !== undefined) stallByChunk[0]! += startupDelaySeconds;
  let rebufferSeconds = 0;
  for (const stall of stalls) {
    rebufferSeconds += stall.seconds;
    if (nChunks > 0) stallByChunk[stall.chunk]! += stall.seconds;
  }

  const chunks: PlayedChunk[] = [];
  for (let k = 0; k < nChunks; k++) {
    const enteredAt = chunkShownAt(log, k, segS) ?? (k === 0 ? startAt : samples.find((s) => s[1] >= k * segS + 0.1)?.[0]) ?? Infinity;
    const { rungId, attribution } = rungPlayed(title, requests, k + 1, enteredAt);
    const rung = title.rungs.find((r) => r.id === rungId);
    chunks.push({
      index: k,
      rungId,
      bitrateBps: rung?.bandwidthBps,
      attribution,
      stallSeconds: stallByChunk[k]!,
      renderedHeight: renderedHeight(log, k * segS, (k + 1) * segS),
    });
  }

  let qoeTotal = 0;
  let switches = 0;
  let bitrateSum = 0;
  let scored = 0;
  let previous: PlayedChunk | undefined;
  for (const chunk of chunks) {
    if (chunk.bitrateBps === undefined) continue;
    const mbps = chunk.bitrateBps / 1e6;
    qoeTotal += mbps - REBUFFER_PENALTY_PER_S * chunk.stallSeconds;
    if (previous?.bitrateBps !== undefined) {
      qoeTotal -= SWITCH_PENALTY_PER_MBPS * Math.abs(mbps - previous.bitrateBps / 1e6);
      if (chunk.rungId !== previous.rungId) switches++;
    }
    bitrateSum += chunk.bitrateBps;
    scored++;
    previous = chunk;
  }
  const playedSeconds = Math.max(0, endPosition - startPosition);
  const heightMismatches = chunks.filter((c) => {
    const rung = title.rungs.find((r) => r.id === c.rungId);
    return rung !== undefined && c.renderedHeight !== undefined && c.renderedHeight !== rung.height;
  }).length;
  return {
    startupDelaySeconds,
    firstFrameSeconds: firstFrame ? (firstFrame[0] - log.t0) / 1000 : undefined,
    playedSeconds,
    rebufferSeconds,
    rebufferCount: stalls.length,
    rebufferRatio: rebufferSeconds / (playedSeconds + rebufferSeconds || 1),
    qoeLin: scored ? qoeTotal / scored : 0,
    qoeLinTotal: qoeTotal,
    averageBitrateKbps: scored ? bitrateSum / scored / 1000 : 0,
    switches,
    chunks,
    heightMismatches,
    pausedSeconds,
  };
}

/**
 * Rebuffers after playback started: runs of sample intervals where the video is not paused, not
 * seeking, not ended and the playhead moved less than 20% of the wall time. Each run is charged
 * to the chunk being waited for: the one at the buffered end when the buffer is (nearly) empty,
 * else the chunk under the playhead.
 */
function findStalls(samples: readonly SampleRecord[], startIndex: number, chunkOf: (position: number) => number): { stalls: Stall[]; pausedSeconds: number } {
  const stalls: Stall[] = [];
  let pausedSeconds = 0;
  let run: Stall | undefined;
  const close = (): void => {
    if (run && run.seconds >= MIN_STALL_S) stalls.push(run);
    run = undefined;
  };
  if (startIndex < 0) return { stalls, pausedSeconds };
  for (let i = startIndex + 1; i < samples.length; i++) {
    const [t, position, paused, seeking, ended, , bufferedEnd] = samples[i]!;
    const wallSeconds = (t - samples[i - 1]![0]) / 1000;
    const advance = position - samples[i - 1]![1];
    if (paused && !ended) pausedSeconds += wallSeconds;
    const stalled = !paused && !seeking && !ended && advance < STALLED_ADVANCE_SHARE * wallSeconds;
    if (!stalled) {
      close();
      continue;
    }
    // At the buffered end, 0.4 s of slack: audio segments (3.989 s) end a little before the
    // video chunk boundary, and the intersection of both is what <video>.buffered reports.
    const waitingFor = bufferedEnd - position < 0.5 ? bufferedEnd + 0.4 : position;
    run ??= { seconds: 0, chunk: chunkOf(waitingFor) };
    run.seconds += wallSeconds - Math.max(0, advance);
  }
  close();
  return { stalls, pausedSeconds };
}

/**
 * The rung of segment `number` that played: the last request for it that started before the
 * chunk began to play and completed (aborted downloads never played). A player that replaces
 * buffered media with a better rung is credited with the replacement only if it began in time.
 */
function rungPlayed(title: SampleTitle, requests: readonly RequestRecord[], number: number, enteredAt: number): { rungId: string | undefined; attribution: PlayedChunk['attribution'] } {
  let best: { rungId: string; startedAt: number } | undefined;
  let late: { rungId: string; startedAt: number } | undefined;
  for (const r of requests) {
    if (!r.complete) continue;
    const seg = parseVideoSegmentPath(title, r.path);
    if (!seg || seg.segment !== number) continue;
    if (r.startedAt <= enteredAt) {
      if (!best || r.startedAt > best.startedAt) best = { rungId: seg.rungId, startedAt: r.startedAt };
    } else if (!late || r.startedAt < late.startedAt) {
      late = { rungId: seg.rungId, startedAt: r.startedAt };
    }
  }
  if (best) return { rungId: best.rungId, attribution: 'before-play' };
  if (late) return { rungId: late.rungId, attribution: 'late' };
  return { rungId: undefined, attribution: 'missing' };
}

/**
 * When chunk k began to show: the first rendered frame (rVFC) whose mediaTime lies in it. The
 * playhead is no proof: Chromium may creep a few hundred ms past the end of buffered video while
 * audio continues, so "currentTime entered the chunk" can precede the chunk's data.
 */
function chunkShownAt(log: PageLog, k: number, segS: number): number | undefined {
  let first: number | undefined;
  for (const [at, mediaTime] of log.frames) {
    if (mediaTime >= k * segS - 0.02 && mediaTime < (k + 1) * segS - 0.02 && (first === undefined || at < first)) first = at;
  }
  return first;
}

function renderedHeight(log: PageLog, from: number, to: number): number | undefined {
  const counts = new Map<number, number>();
  for (const [, mediaTime, height] of log.frames) {
    if (mediaTime >= from && mediaTime < to) counts.set(height, (counts.get(height) ?? 0) + 1);
  }
  let best: number | undefined;
  let bestCount = 0;
  for (const [height, count] of counts) {
    if (count > bestCount) {
      best = height;
      bestCount = count;
    }
  }
  return best;
}
