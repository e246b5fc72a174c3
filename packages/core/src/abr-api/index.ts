/**
 * The ABR plugin contract. Core calls it; @tessera/abr and user code implement it.
 * DOM-free on purpose: algorithms run unchanged in the player, the simulator and tests.
 */

/** One rung of the ladder as ABR sees it. Sorted by ascending bandwidth. */
export interface AbrRepresentation {
  id: string;
  /** Declared bandwidth, bits per second. */
  bandwidthBps: number;
  width?: number;
  height?: number;
  frameRate?: number;
}

/** One completed (or in-progress) transfer. */
export interface ThroughputSample {
  bytes: number;
  /** From request start to last byte. */
  durationMs: number;
  /** Time to first byte (includes RTT). */
  ttfbMs: number;
  /** Wall time at the end of the transfer (from the injected clock). */
  endTimeMs: number;
  contentType: 'video' | 'audio' | 'text' | 'image' | 'manifest' | 'init' | 'license';
}

/** Caps from the device profile, screen size, DRM robustness, dropped frames. */
export interface AbrCaps {
  maxWidth?: number;
  maxHeight?: number;
  maxBandwidthBps?: number;
}

export interface AbrContext {
  representations: readonly AbrRepresentation[];
  /** Seconds of media buffered ahead of the playhead. */
  bufferLevelSeconds: number;
  /** Configured buffering goal (s): what the scheduler fills to. */
  bufferGoalSeconds: number;
  /** Nominal segment duration (s). */
  segmentDurationSeconds: number;
  /** Index into `representations` of the last choice, or -1 at startup/after seek. */
  lastIndex: number;
  /**
   * Size in bytes of segment `nextSegmentOffset` ahead (0 = the one being chosen) at rung
   * `index`, when known (sidx, byte ranges, simulator). Undefined when unknown.
   */
  segmentSizeBytes?: (index: number, nextSegmentOffset: number) => number | undefined;
  /** Segments left in the presentation (Infinity for live). */
  segmentsRemaining: number;
  playbackRate: number;
  live: boolean;
  caps: AbrCaps;
  /** True while playback waits for data: until the first frame, and during a seek (fast-start rules; no stall to guard against). */
  startup: boolean;
  /** Injected clock, ms. */
  nowMs: number;
}

export interface AbrDecision {
  /** Index into `context.representations`. */
  index: number;
  /** Short machine-readable reason: 'startup', 'throughput', 'buffer-low', 'bola', 'mpc', 'caps', 'manual', ... */
  reason: string;
}

export interface DownloadProgress {
  /** Index of the representation being downloaded. */
  index: number;
  bytesLoaded: number;
  /** Total bytes when known (Content-Length / byte range). */
  bytesTotal?: number;
  elapsedMs: number;
  /** Media duration of the segment (s). */
  segmentDurationSeconds: number;
}

export interface AbrAlgorithm {
  readonly name: string;
  /** A throughput sample arrived (segment done or progress). */
  addSample(sample: ThroughputSample): void;
  /** Choose the representation for the next segment. */
  choose(context: AbrContext): AbrDecision;
  /**
   * Given an in-flight download, return the index to refetch at (lower than progress.index)
   * if it should be abandoned, or undefined to let it finish.
   */
  shouldAbandon?(context: AbrContext, progress: DownloadProgress): number | undefined;
  /** Current bandwidth estimate in bits per second, if any. */
  getBandwidthEstimate(): number | undefined;
  /** Forget per-session state (new load); keeps the bandwidth estimate unless told otherwise. */
  reset?(options?: { keepEstimate?: boolean }): void;
}
