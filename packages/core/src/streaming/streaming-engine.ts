import type { TesseraError } from '../errors/tessera-error';
import type { Presentation, Representation, Segment, SegmentIndexPart, SwitchingSet } from '../model/presentation';
import type { MediaSourceEngine, MediaType } from '../media/media-source-engine';
import { alignNewLivePlaylist } from './live-timeline';
import { bufferedAhead } from '../media/time-ranges';
import type { Clock } from '../util/clock';
import type { AbrController } from './abr-controller';
import type { FetchProgress, SegmentFetcher } from './segment-fetcher';
import { SegmentList } from './segment-list';
import { StreamScheduler, type StreamHost } from './stream-scheduler';

/** How far (s) one stream may fetch ahead of the other: a little under one usual segment. */
const MAX_LEAD_SECONDS = 3.5;

/** Callbacks to the player: the engine never touches the public API or events directly. */
export interface StreamingEngineListener {
  onRepresentationChange(type: MediaType, representation: Representation, previous: Representation | undefined, reason: string): void;
  onInitAppended(type: MediaType, init: Uint8Array, representation: Representation): void;
  onSegmentAppended(type: MediaType, info: { segment: Segment; representation: Representation; bytes: number }): void;
  onAllEnded(): void;
  onError(error: TesseraError): void;
  /** A media playlist revealed the duration the multivariant playlist could not give (HLS). */
  onDurationKnown(duration: number): void;
}

/** A resolved index part: its segments, and whether the list is final (VOD) or refreshes (live). */
export interface ResolvedPart {
  segments: Segment[];
  final: boolean;
}

export interface StreamingEngineOptions {
  presentation: Presentation;
  clock: Clock;
  mse: MediaSourceEngine;
  fetcher: SegmentFetcher;
  /** Resolves when media may be appended (DRM: MediaKeys attached). */
  appendGate: Promise<void>;
  abr: AbrController;
  /** Playhead and rate, read from the media element. */
  playhead(): number;
  playbackRate(): number;
  /** True until the first frame is shown. */
  isStarting(): boolean;
  bufferGoalSeconds(): number;
  budgetBytes(type: MediaType): number;
  backBufferSeconds(): number;
  /** Turns a pending index part (sidx, HLS playlist) into segments; may fetch. */
  resolvePart(part: SegmentIndexPart, representation: Representation): Promise<ResolvedPart>;
  /** Media time (s) of the first sample of a media segment, from its init + first bytes (tfdt). */
  mediaStartTime(init: Uint8Array, mediaHead: Uint8Array): number | undefined;
  listener: StreamingEngineListener;
}

/**
 * Owns one StreamScheduler per media type and everything they share: segment indexes,
 * the ABR controller, HLS timeline offsets, end of stream.
 */
export class StreamingEngine implements StreamHost {
  readonly clock: Clock;
  readonly mse: MediaSourceEngine;
  readonly fetcher: SegmentFetcher;
  readonly appendGate: Promise<void>;
  private readonly schedulers: Partial<Record<MediaType, StreamScheduler>> = {};
  private readonly indexes = new Map<Representation, Promise<SegmentList>>();
  private readonly resolved = new Map<Representation, SegmentList>();
  /** HLS: discontinuity sequence → timestampOffset, shared by audio and video for A/V sync. */
  private readonly offsets = new Map<number, number>();
  private readonly chosen: Partial<Record<MediaType, Representation>> = {};
  private endedSignalled = false;
  /** Representations whose index refreshes (HLS live playlists), with their playlist URL. */
  private readonly refreshable = new Map<Representation, string>();
  private liveValue = false;

  constructor(private readonly options: StreamingEngineOptions) {
    this.clock = options.clock;
    this.mse = options.mse;
    this.fetcher = options.fetcher;
    this.appendGate = options.appendGate;
  }

  start(sets: Partial<Record<MediaType, SwitchingSet>>, position: number): void {
    for (const type of ['video', 'audio'] as MediaType[]) {
      const set = sets[type];
      if (!set) continue;
      const scheduler = new StreamScheduler(type, set, this);
      this.schedulers[type] = scheduler;
      scheduler.start(position);
    }
  }

  stop(): void {
    for (const s of this.activeSchedulers()) s.stop();
  }

  seek(position: number): void {
    this.endedSignalled = false;
    this.options.abr.resetLast();
    for (const s of this.activeSchedulers()) s.seek(position);
  }

  /** Switch the audio (or video) switching set, replacing what is buffered ahead. */
  switchSet(type: MediaType, set: SwitchingSet, flushFrom: number): void {
    const scheduler = this.schedulers[type];
    if (!scheduler) return;
    this.endedSignalled = false;
    scheduler.replaceAhead(set, flushFrom);
  }

  /** Refetch video ahead of `flushFrom` (manual quality change that should show quickly). */
  refetchAhead(type: MediaType, flushFrom: number): void {
    const scheduler = this.schedulers[type];
    if (!scheduler) return;
    this.endedSignalled = false;
    scheduler.replaceAhead(scheduler.switchingSet, flushFrom);
  }

  poke(): void {
    for (const s of this.activeSchedulers()) s.poke();
  }

  /** The timeline offset applied to a discontinuity's media, once known (HLS text uses it). */
  offsetFor(discontinuity: number): number | undefined {
    return this.offsets.get(discontinuity);
  }

  currentSet(type: MediaType): SwitchingSet | undefined {
    return this.schedulers[type]?.switchingSet;
  }

  currentRepresentation(type: MediaType): Representation | undefined {
    return this.chosen[type];
  }

  /** Resolve (and cache) a representation's segments. Also used to prefetch other rungs' playlists. */
  segmentsOf(representation: Representation): Promise<SegmentList> {
    let index = this.indexes.get(representation);
    if (!index) {
      index = Promise.all(
        representation.segmentIndex.map((part) => (part.kind === 'segments' ? { segments: part.segments, final: true } : this.options.resolvePart(part, representation))),
      ).then((parts) => {
        parts.forEach((p, i) => {
          const part = representation.segmentIndex[i];
          if (!p.final && part?.kind === 'hls-playlist') this.refreshable.set(representation, part.url);
        });
        let segments = ([] as Segment[]).concat(...parts.map((p) => p.segments));
        if (this.refreshable.has(representation)) segments = this.alignLivePlaylist(representation, segments);
        const list = new SegmentList(segments);
        this.resolved.set(representation, list);
        const presentation = this.options.presentation;
        if (!(presentation.duration > 0) && parts.every((p) => p.final) && list.last) {
          presentation.duration = list.last.endTime;
          this.options.listener.onDurationKnown(presentation.duration);
        }
        return list;
      });
      // A failed resolution is retried next time rather than cached.
      index.catch(() => this.indexes.delete(representation));
      this.indexes.set(representation, index);
    }
    return index;
  }

  /**
   * HLS live: a playlist resolved after another one is placed on the timeline already in
   * use (preferably one of the same media type; see alignNewLivePlaylist).
   */
  private alignLivePlaylist(representation: Representation, segments: Segment[]): Segment[] {
    const type = this.typeOf(representation);
    let fallback: Segment[] | undefined;
    for (const [other] of this.refreshable) {
      const list = other !== representation ? this.resolved.get(other) : undefined;
      if (!list || list.length === 0) continue;
      const aligned = alignNewLivePlaylist(list.all, segments);
      if (!aligned) continue;
      if (this.typeOf(other) === type) return aligned;
      fallback ??= aligned;
    }
    return fallback ?? segments;
  }

  private typeOf(representation: Representation): MediaType | undefined {
    const inSet = (type: MediaType): boolean => (this.schedulers[type]?.switchingSet.representations.indexOf(representation) ?? -1) >= 0;
    return inSet('video') ? 'video' : inSet('audio') ? 'audio' : undefined;
  }

  /** Live (set by the player once known): schedulers wait for new segments instead of ending. */
  setLive(live: boolean): void {
    this.liveValue = live;
    if (!live) this.poke();
  }

  isLive(): boolean {
    return this.liveValue;
  }

  /** HLS live: representations whose media playlist must be re-fetched, with its URL. */
  refreshableRepresentations(): Array<{ representation: Representation; url: string }> {
    return Array.from(this.refreshable, ([representation, url]) => ({ representation, url }));
  }

  /** The resolved list of a representation, if resolved. */
  resolvedSegments(representation: Representation): SegmentList | undefined {
    return this.resolved.get(representation);
  }

  /** Live refresh: merge newly parsed segments into a representation's list. */
  updateSegments(representation: Representation, segments: readonly Segment[], windowStart: number): void {
    const list = this.resolved.get(representation);
    if (list) list.merge(segments, windowStart);
    else this.indexes.set(representation, Promise.resolve(new SegmentList(segments)));
  }

  /** The representation a stream would start with, without committing to it (no events). */
  predictRepresentation(type: MediaType, set: SwitchingSet): Representation {
    if (type === 'audio') return this.chooseAudio(set);
    const choice = this.options.abr.choose(this.abrState(0)).representation;
    return set.representations.indexOf(choice) >= 0 ? choice : set.representations[0]!;
  }

  // ---- StreamHost -------------------------------------------------------------------

  playhead(): number {
    return this.options.playhead();
  }

  chooseRepresentation(type: MediaType, set: SwitchingSet, time: number): Representation {
    const previous = this.chosen[type];
    let representation: Representation;
    let reason: string;
    if (type === 'video') {
      const choice = this.options.abr.choose(this.abrState(time));
      representation = choice.representation;
      reason = choice.reason;
      if (set.representations.indexOf(representation) < 0) {
        representation = set.representations[0]!;
        reason = 'set';
      }
    } else {
      representation = this.chooseAudio(set);
      reason = 'audio';
    }
    if (representation !== previous) {
      this.chosen[type] = representation;
      this.options.listener.onRepresentationChange(type, representation, previous, previous ? reason : 'startup:' + reason);
    }
    return representation;
  }

  derivedTimestampOffset(segment: Segment, init: Uint8Array, mediaHead: Uint8Array): number {
    const known = this.offsets.get(segment.discontinuity);
    if (known !== undefined) return known;
    const mediaTime = this.options.mediaStartTime(init, mediaHead);
    // Unreadable timing: assume media time = playlist time, but do not pin it for the others.
    if (mediaTime === undefined) return 0;
    const offset = segment.startTime - mediaTime;
    this.offsets.set(segment.discontinuity, offset);
    return offset;
  }

  bufferGoalSeconds(): number {
    return this.options.bufferGoalSeconds();
  }

  mayFetch(type: MediaType, position: number): boolean {
    const other = this.schedulers[type === 'video' ? 'audio' : 'video'];
    if (!other || other.ended) return true;
    // One segment of lead is allowed, so both first segments load in parallel.
    return position < other.nextPosition + MAX_LEAD_SECONDS;
  }

  budgetBytes(type: MediaType): number {
    return this.options.budgetBytes(type);
  }

  backBufferSeconds(): number {
    return this.options.backBufferSeconds();
  }

  abandonTo(type: MediaType, representation: Representation, progress: FetchProgress, segment: Segment): Representation | undefined {
    if (type !== 'video') return undefined;
    const lower = this.options.abr.abandonTo(this.abrState(segment.startTime), representation, progress, segment.endTime - segment.startTime);
    if (lower) {
      const previous = this.chosen.video;
      this.chosen.video = lower;
      this.options.listener.onRepresentationChange('video', lower, previous, 'abandon');
    }
    return lower;
  }

  onInitAppended(type: MediaType, init: Uint8Array, representation: Representation): void {
    this.options.listener.onInitAppended(type, init, representation);
  }

  onSegmentAppended(type: MediaType, info: { segment: Segment; representation: Representation; bytes: number }): void {
    // The other stream may have been waiting for this one to catch up.
    this.schedulers[type === 'video' ? 'audio' : 'video']?.poke();
    this.options.listener.onSegmentAppended(type, info);
  }

  onEnded(): void {
    const schedulers = this.activeSchedulers();
    if (this.endedSignalled || !schedulers.every((s) => s.ended)) return;
    this.endedSignalled = true;
    this.options.listener.onAllEnded();
  }

  onError(_type: MediaType, error: TesseraError): void {
    if (error.severity === 'fatal') this.stop();
    this.options.listener.onError(error);
  }

  // ---- helpers ----------------------------------------------------------------------

  private activeSchedulers(): StreamScheduler[] {
    return (['video', 'audio'] as MediaType[]).map((t) => this.schedulers[t]).filter((s): s is StreamScheduler => s !== undefined);
  }

  private chooseAudio(set: SwitchingSet): Representation {
    const reps = set.representations.slice().sort((a, b) => a.bandwidth - b.bandwidth);
    const estimate = this.options.abr.algorithm.getBandwidthEstimate();
    if (estimate === undefined) return reps[0]!;
    // Audio takes a small share of the link; video adapts around it.
    let pick = reps[0]!;
    for (const r of reps) if (r.bandwidth <= estimate * 0.1) pick = r;
    return pick;
  }

  private abrState(time: number) {
    const videoSet = this.schedulers.video?.switchingSet;
    const sample = videoSet ? this.resolved.get(this.chosen.video ?? videoSet.representations[0]!) : undefined;
    const segmentDuration = sample && sample.length > 0 ? sample.averageDuration() : 4;
    const playhead = this.options.playhead();
    const remaining = sample ? Math.max(0, sample.length - Math.max(0, sample.indexAt(time))) : Infinity;
    const resolved = this.resolved;
    return {
      bufferLevelSeconds: bufferedAhead(this.mse.buffered('video'), playhead),
      bufferGoalSeconds: this.options.bufferGoalSeconds(),
      segmentDurationSeconds: segmentDuration,
      segmentsRemaining: this.options.presentation.live ? Infinity : remaining,
      playbackRate: this.options.playbackRate(),
      live: this.options.presentation.live !== undefined,
      startup: this.options.isStarting(),
      nowMs: this.clock.now(),
      segmentSizeBytes: (representation: Representation, offset: number) => {
        const list = resolved.get(representation);
        if (!list) return undefined;
        const i = list.indexAt(time);
        return i < 0 ? undefined : list.all[i + offset]?.sizeBytes;
      },
    };
  }
}
