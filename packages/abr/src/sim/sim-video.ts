import type { AbrRepresentation } from '@tessera/core/abr-api';
import { AbrInputError } from './abr-input-error';

/** A title as the simulator sees it: the ladder and the real size of every segment at every rung. */
export interface SimVideo {
  /** Sorted by ascending bandwidth; `bandwidthBps` is the bitrate QoE is scored with. */
  representations: AbrRepresentation[];
  /** Media duration of each segment (s). */
  segmentDurationsSeconds: number[];
  /** `segmentSizesBytes[segment][rung]`. */
  segmentSizesBytes: number[][];
}

/**
 * Checks a SimVideo and returns it with the rungs in ascending bandwidth order (sizes permuted along).
 * Throws AbrInputError with a one-line reason when it cannot be simulated.
 */
export function createSimVideo(video: SimVideo, name = 'video'): SimVideo {
  const fail = (reason: string): never => {
    throw new AbrInputError('VIDEO_INVALID', `${name}: ${reason}`);
  };
  const reps = video.representations;
  if (!Array.isArray(reps) || reps.length === 0) fail('no representations');
  for (let i = 0; i < reps.length; i++) {
    const bps = reps[i]!.bandwidthBps;
    if (typeof bps !== 'number' || !(bps > 0) || !isFinite(bps)) fail(`representation ${i} has no positive bandwidth`);
  }
  const count = video.segmentDurationsSeconds.length;
  if (count === 0) fail('no segments');
  if (video.segmentSizesBytes.length !== count) fail(`${count} segment durations but ${video.segmentSizesBytes.length} rows of sizes`);
  for (let k = 0; k < count; k++) {
    const duration = video.segmentDurationsSeconds[k]!;
    if (typeof duration !== 'number' || !(duration > 0) || !isFinite(duration)) fail(`segment ${k} has no positive duration`);
    const row = video.segmentSizesBytes[k];
    if (!Array.isArray(row) || row.length !== reps.length) fail(`segment ${k}: expected ${reps.length} sizes, one per representation`);
    for (let i = 0; i < row.length; i++) {
      if (typeof row[i] !== 'number' || !(row[i]! > 0) || !isFinite(row[i]!)) fail(`segment ${k}, representation ${i}: size must be a positive number`);
    }
  }
  const order = reps.map((_, i) => i).sort((a, b) => reps[a]!.bandwidthBps - reps[b]!.bandwidthBps);
  return {
    representations: order.map((i) => reps[i]!),
    segmentDurationsSeconds: video.segmentDurationsSeconds.slice(),
    segmentSizesBytes: video.segmentSizesBytes.map((row) => order.map((i) => row[i]!)),
  };
}

/**
 * Parses the sabre-style video JSON: `{segment_duration_ms, bitrates_kbps: [...],
 * segment_sizes_bits: [[size per rung] per segment]}` (../shared/corpus/abr-manifests).
 */
export function parseSabreVideo(text: string, name = 'video'): SimVideo {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new AbrInputError('VIDEO_INVALID', `${name}: not valid JSON (${(error as Error).message})`);
  }
  const fail = (reason: string): never => {
    throw new AbrInputError('VIDEO_INVALID', `${name}: ${reason}`);
  };
  if (data === null || typeof data !== 'object' || Array.isArray(data)) fail('expected an object {segment_duration_ms, bitrates_kbps, segment_sizes_bits}');
  const durationMs = data.segment_duration_ms;
  const bitrates = data.bitrates_kbps;
  const sizes = data.segment_sizes_bits;
  if (typeof durationMs !== 'number' || !(durationMs > 0)) fail('segment_duration_ms must be a positive number');
  if (!Array.isArray(bitrates) || bitrates.length === 0) fail('bitrates_kbps must be a non-empty array');
  if (!Array.isArray(sizes) || sizes.length === 0) fail('segment_sizes_bits must be a non-empty array of per-segment arrays');
  const rates = bitrates as unknown[];
  const rows = sizes as unknown[];
  return createSimVideo(
    {
      representations: rates.map((kbps, i) => ({ id: String(i), bandwidthBps: typeof kbps === 'number' ? kbps * 1000 : NaN })),
      segmentDurationsSeconds: rows.map(() => (durationMs as number) / 1000),
      segmentSizesBytes: rows.map((row) => (Array.isArray(row) ? row.map((bits) => (typeof bits === 'number' ? bits / 8 : NaN)) : (row as number[]))),
    },
    name,
  );
}
