import type { AbrContext, AbrRepresentation, ThroughputSample } from '@tessera/core/abr-api';

/** A ten-rung ladder like bbb.json's (kbps), with heights for cap tests. */
export const LADDER_KBPS = [230, 331, 477, 688, 991, 1427, 2056, 2962, 5027, 6000];
const HEIGHTS = [144, 180, 240, 288, 360, 432, 540, 720, 1080, 1080];

export const REPRESENTATIONS: AbrRepresentation[] = LADDER_KBPS.map((kbps, i) => ({
  id: `r${i}`,
  bandwidthBps: kbps * 1000,
  width: Math.round((HEIGHTS[i]! * 16) / 9),
  height: HEIGHTS[i]!,
}));

export function context(overrides: Partial<AbrContext> = {}): AbrContext {
  return {
    representations: REPRESENTATIONS,
    bufferLevelSeconds: 10,
    bufferGoalSeconds: 30,
    segmentDurationSeconds: 3,
    lastIndex: 3,
    segmentsRemaining: 100,
    playbackRate: 1,
    live: false,
    caps: {},
    startup: false,
    nowMs: 0,
    ...overrides,
  };
}

/** A completed segment download of `bytes` at `kbps` with `ttfbMs` of latency. */
export function sample(kbps: number, bytes = 500_000, ttfbMs = 50, endTimeMs = 0): ThroughputSample {
  const transferMs = (bytes * 8) / kbps;
  return { bytes, durationMs: transferMs + ttfbMs, ttfbMs, endTimeMs, contentType: 'video' };
}
