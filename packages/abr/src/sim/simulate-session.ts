import type { AbrAlgorithm, AbrCaps, AbrContext } from '@tessera/core/abr-api';
import { computeSessionMetrics, DEFAULT_QOE_WEIGHTS, type ChunkRecord, type QoeWeights, type SessionMetrics } from './session-metrics';
import type { SimVideo } from './sim-video';
import type { TraceLink } from './trace-link';

/** The player model of the simulator (the offline optimum uses the same). */
export interface SimulationOptions {
  /** The scheduler requests a segment only if it fits under this buffer level; else it waits (default 60 s, as Pensieve). */
  maxBufferSeconds?: number;
  /**
   * Playback starts, and resumes after a stall, once this much media is buffered (default 2 s, so one
   * segment of ≥ 2 s), or when every segment is in.
   */
  startupThresholdSeconds?: number;
  /** How often the simulator asks `shouldAbandon` during a download (default 0.5 s; 0 = never). */
  abandonCheckIntervalSeconds?: number;
  /** Trace time at which the session starts (default 0). */
  traceStartSeconds?: number;
  caps?: AbrCaps;
  qoe?: QoeWeights;
}

/** The player's default bufferGoalSeconds: the simulator models what the player does. */
export const DEFAULT_MAX_BUFFER_SECONDS = 30;
export const DEFAULT_STARTUP_THRESHOLD_SECONDS = 2;

/** A buffer-level vertex for charts: the buffer is linear between consecutive points. */
export interface BufferPoint {
  time: number;
  bufferSeconds: number;
}

export interface SessionResult {
  algorithm: string;
  metrics: SessionMetrics;
  chunks: ChunkRecord[];
  buffer: BufferPoint[];
  /** Trace time at which the last segment finished playing. */
  endTime: number;
}

/**
 * Segment-level discrete-event simulation of one playback session (in the manner of sabre and Pensieve):
 * for each segment the algorithm chooses a rung, the request pays the trace latency then transfers the
 * real segment size at the trace bandwidth, the buffer drains in real time meanwhile (a stall when it
 * empties), and the scheduler waits whenever the next segment would not fit under the buffer cap.
 * During a download the algorithm is asked periodically whether to abandon it for a lower rung.
 */
export function simulateSession(algorithm: AbrAlgorithm, video: SimVideo, link: TraceLink, options: SimulationOptions = {}): SessionResult {
  const maxBuffer = options.maxBufferSeconds ?? DEFAULT_MAX_BUFFER_SECONDS;
  const threshold = options.startupThresholdSeconds ?? DEFAULT_STARTUP_THRESHOLD_SECONDS;
  const checkInterval = options.abandonCheckIntervalSeconds ?? 0.5;
  const reps = video.representations;
  const count = video.segmentDurationsSeconds.length;

  let time = options.traceStartSeconds ?? 0;
  const startTime = time;
  let buffer = 0;
  let playing = false;
  let started = false;
  let startupDelay = 0;
  let rebufferSeconds = 0;
  let rebufferCount = 0;
  let lastIndex = -1;
  const chunks: ChunkRecord[] = [];
  const points: BufferPoint[] = [{ time, bufferSeconds: 0 }];

  /** Lets `dt` seconds pass; returns the stall incurred. */
  function advance(dt: number): number {
    if (dt <= 0) return 0;
    if (playing && buffer >= dt) {
      buffer -= dt;
      time += dt;
      return 0;
    }
    let stall = dt;
    if (playing) {
      stall = dt - buffer;
      time += buffer;
      points.push({ time, bufferSeconds: 0 });
      buffer = 0;
      playing = false;
      rebufferCount++;
    }
    time += stall;
    if (started) rebufferSeconds += stall;
    return stall;
  }

  function contextFor(segment: number): AbrContext {
    return {
      representations: reps,
      bufferLevelSeconds: buffer,
      bufferGoalSeconds: maxBuffer,
      segmentDurationSeconds: video.segmentDurationsSeconds[segment]!,
      lastIndex,
      segmentSizeBytes: (index, offset) => video.segmentSizesBytes[segment + offset]?.[index],
      segmentsRemaining: count - segment,
      playbackRate: 1,
      live: false,
      caps: options.caps ?? {},
      startup: !started,
      nowMs: time * 1000,
    };
  }

  for (let segment = 0; segment < count; segment++) {
    const duration = video.segmentDurationsSeconds[segment]!;
    if (playing && buffer + duration > maxBuffer) {
      advance(buffer + duration - maxBuffer);
      points.push({ time, bufferSeconds: buffer });
    }
    const decision = algorithm.choose(contextFor(segment));
    let index = checkIndex(algorithm, decision.index, reps.length);
    const requestTime = time;
    const bufferAtRequest = buffer;
    let stall = 0;
    let abandonments = 0;

    for (;;) {
      const bytes = video.segmentSizesBytes[segment]![index]!;
      const attemptStart = time;
      const latency = link.latencySecondsAt(attemptStart);
      const end = link.transferEndTime(attemptStart + latency, bytes);
      let abandonedTo = -1;
      if (checkInterval > 0 && algorithm.shouldAbandon && index > 0) {
        for (let check = attemptStart + checkInterval; check < end; check += checkInterval) {
          stall += advance(check - time);
          const loaded = link.bytesBetween(attemptStart + latency, check);
          const lower = algorithm.shouldAbandon(contextFor(segment), {
            index,
            bytesLoaded: loaded,
            bytesTotal: bytes,
            elapsedMs: (check - attemptStart) * 1000,
            segmentDurationSeconds: duration,
          });
          if (lower !== undefined && lower < index) {
            abandonedTo = checkIndex(algorithm, lower, reps.length);
            algorithm.addSample({ bytes: loaded, durationMs: (check - attemptStart) * 1000, ttfbMs: Math.min(latency, check - attemptStart) * 1000, endTimeMs: check * 1000, contentType: 'video' });
            break;
          }
        }
      }
      if (abandonedTo >= 0) {
        index = abandonedTo;
        abandonments++;
        continue;
      }
      stall += advance(end - time);
      algorithm.addSample({ bytes, durationMs: (end - attemptStart) * 1000, ttfbMs: latency * 1000, endTimeMs: end * 1000, contentType: 'video' });
      break;
    }

    points.push({ time, bufferSeconds: buffer });
    buffer += duration;
    if (!playing && (buffer >= threshold - 1e-9 || segment === count - 1)) {
      playing = true;
      if (!started) {
        started = true;
        startupDelay = time - startTime;
      }
    }
    points.push({ time, bufferSeconds: buffer });
    chunks.push({
      segment,
      index,
      bitrateBps: reps[index]!.bandwidthBps,
      reason: abandonments > 0 ? `${decision.reason}+abandon` : decision.reason,
      requestTime,
      arrivalTime: time,
      bufferAtRequest,
      bufferAfterArrival: buffer,
      stallSeconds: stall,
      abandonments,
    });
    lastIndex = index;
  }
  const endTime = time + buffer;
  points.push({ time: endTime, bufferSeconds: 0 });

  let mediaSeconds = 0;
  for (let k = 0; k < count; k++) mediaSeconds += video.segmentDurationsSeconds[k]!;
  const metrics = computeSessionMetrics(
    chunks,
    { startupDelaySeconds: startupDelay, rebufferSeconds, rebufferCount, mediaSeconds, lowestBitrateBps: reps[0]!.bandwidthBps },
    options.qoe ?? DEFAULT_QOE_WEIGHTS,
  );
  return { algorithm: algorithm.name, metrics, chunks, buffer: points, endTime };
}

function checkIndex(algorithm: AbrAlgorithm, index: number, count: number): number {
  if (typeof index !== 'number' || index !== Math.floor(index) || index < 0 || index >= count) {
    throw new RangeError(`ABR algorithm '${algorithm.name}' chose representation ${String(index)}; expected an integer in [0, ${count - 1}]`);
  }
  return index;
}
