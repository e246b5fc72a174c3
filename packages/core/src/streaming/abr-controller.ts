import type { AbrAlgorithm, AbrCaps, AbrContext, AbrRepresentation } from '../abr-api';
import type { Representation } from '../model/presentation';

export interface AbrChoice {
  representation: Representation;
  reason: string;
}

/** What the controller needs to know about playback at decision time. */
export interface AbrPlaybackState {
  bufferLevelSeconds: number;
  bufferGoalSeconds: number;
  segmentDurationSeconds: number;
  segmentsRemaining: number;
  playbackRate: number;
  live: boolean;
  startup: boolean;
  nowMs: number;
  /** Size of a future segment at a rung, when the index knows it (sidx/byte ranges). */
  segmentSizeBytes?: (representation: Representation, nextSegmentOffset: number) => number | undefined;
}

/**
 * Adapts the player's representations to the ABR plugin contract: sorts the ladder,
 * applies caps and restrictions (device, DRM key status), handles the manual lock.
 */
export class AbrController {
  private ladder: Representation[] = [];
  private abrLadder: AbrRepresentation[] = [];
  private lastIndex = -1;
  private manual: Representation | undefined;
  private caps: AbrCaps = {};
  private restricted = new Set<Representation>();

  constructor(readonly algorithm: AbrAlgorithm) {}

  setRepresentations(representations: readonly Representation[]): void {
    const previous = this.ladder[this.lastIndex];
    this.ladder = representations.filter((r) => !this.restricted.has(r)).slice().sort((a, b) => a.bandwidth - b.bandwidth);
    this.abrLadder = this.ladder.map((r) => ({ id: r.id, bandwidthBps: r.bandwidth, width: r.width, height: r.height, frameRate: r.frameRate }));
    this.lastIndex = previous ? this.ladder.indexOf(previous) : -1;
  }

  get representations(): readonly Representation[] {
    return this.ladder;
  }

  setCaps(caps: AbrCaps): void {
    this.caps = caps;
  }

  /** Representations that must not be chosen (e.g. keys output-restricted). */
  setRestricted(restricted: Iterable<Representation>, all: readonly Representation[]): void {
    this.restricted = new Set(restricted);
    this.setRepresentations(all);
  }

  /** Lock to one representation (manual quality), or undefined for auto. */
  setManual(representation: Representation | undefined): void {
    this.manual = representation;
  }

  get manualRepresentation(): Representation | undefined {
    return this.manual;
  }

  /** Forget the last choice (seek/new load): the next decision is a fresh start. */
  resetLast(): void {
    this.lastIndex = -1;
  }

  choose(state: AbrPlaybackState): AbrChoice {
    if (this.manual && this.ladder.indexOf(this.manual) >= 0) {
      this.lastIndex = this.ladder.indexOf(this.manual);
      return { representation: this.manual, reason: 'manual' };
    }
    if (this.ladder.length === 0) throw new Error('AbrController: empty ladder');
    const decision = this.algorithm.choose(this.context(state));
    const index = Math.max(0, Math.min(this.ladder.length - 1, Math.floor(decision.index)));
    this.lastIndex = index;
    return { representation: this.ladder[index]!, reason: decision.reason };
  }

  /** In-flight download check: a lower representation to switch to, if the plugin says so. */
  abandonTo(state: AbrPlaybackState, representation: Representation, progress: { bytesLoaded: number; bytesTotal?: number; elapsedMs: number }, segmentDurationSeconds: number): Representation | undefined {
    if (this.manual || !this.algorithm.shouldAbandon) return undefined;
    const index = this.ladder.indexOf(representation);
    if (index <= 0) return undefined;
    const target = this.algorithm.shouldAbandon(this.context(state), {
      index,
      bytesLoaded: progress.bytesLoaded,
      bytesTotal: progress.bytesTotal,
      elapsedMs: progress.elapsedMs,
      segmentDurationSeconds,
    });
    if (target === undefined || target >= index || target < 0) return undefined;
    this.lastIndex = target;
    return this.ladder[target];
  }

  private context(state: AbrPlaybackState): AbrContext {
    const ladder = this.ladder;
    const sizeOf = state.segmentSizeBytes;
    return {
      representations: this.abrLadder,
      bufferLevelSeconds: state.bufferLevelSeconds,
      bufferGoalSeconds: state.bufferGoalSeconds,
      segmentDurationSeconds: state.segmentDurationSeconds,
      lastIndex: this.lastIndex,
      segmentSizeBytes: sizeOf ? (index, offset) => (ladder[index] ? sizeOf(ladder[index]!, offset) : undefined) : undefined,
      segmentsRemaining: state.segmentsRemaining,
      playbackRate: state.playbackRate,
      live: state.live,
      caps: this.caps,
      startup: state.startup,
      nowMs: state.nowMs,
    };
  }
}
