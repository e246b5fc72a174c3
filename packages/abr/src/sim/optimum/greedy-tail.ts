import type { QoeWeights } from '../session-metrics';
import type { SimVideo } from '../sim-video';
import type { TraceLink } from '../trace-link';

/**
 * QoE of finishing the session from a state with a simple causal-free rule: the highest rung that
 * arrives before the buffer falls under one segment, else the lowest. Feasible, so a lower bound.
 */
export function greedyTail(
  video: SimVideo,
  link: TraceLink,
  allowed: readonly boolean[],
  mbps: readonly number[],
  weights: QoeWeights,
  maxBuffer: number,
  threshold: number,
  from: number,
  time: number,
  buffer: number,
  playing: boolean,
  previous: number,
): number {
  const count = video.segmentDurationsSeconds.length;
  let value = 0;
  for (let segment = from; segment < count; segment++) {
    const duration = video.segmentDurationsSeconds[segment]!;
    if (playing && buffer + duration > maxBuffer) {
      time += buffer + duration - maxBuffer;
      buffer = maxBuffer - duration;
    }
    const start = link.cumulativeBytesAt(time + link.latencySecondsAt(time));
    let choice = -1;
    let choiceEnd = 0;
    for (let m = 0; m < mbps.length; m++) {
      if (!allowed[m]) continue;
      const end = link.timeAtCumulativeBytes(start + video.segmentSizesBytes[segment]![m]!);
      if (choice < 0 || end - time <= buffer - duration) {
        choice = m;
        choiceEnd = Math.max(end, time);
      }
    }
    const download = choiceEnd - time;
    const stall = playing ? Math.max(0, download - buffer) : download;
    buffer = (playing ? Math.max(0, buffer - download) : buffer) + duration;
    playing = (playing && stall === 0) || buffer >= threshold - 1e-9 || segment === count - 1;
    value += mbps[choice]! - weights.rebufferPenalty * stall - (previous >= 0 ? weights.switchPenalty * Math.abs(mbps[choice]! - mbps[previous]!) : 0);
    previous = choice;
    time = choiceEnd;
  }
  return value;
}
