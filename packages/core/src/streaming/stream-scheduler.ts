import { ErrorCode } from '../errors/error-codes';
import { TesseraError, isTesseraError } from '../errors/tessera-error';
import type { InitSegment, Representation, Segment, SwitchingSet } from '../model/presentation';
import { QuotaExceeded, type MediaSourceEngine, type MediaType } from '../media/media-source-engine';
import { bufferedAhead, bufferedEnd, rangeAt } from '../media/time-ranges';
import type { Clock, TimerHandle } from '../util/clock';
import { dropRange, planEviction, type BufferedSegment } from './buffer-budget';
import { ProgressiveAppender } from './progressive-appender';
import type { FetchProgress, SegmentFetch, SegmentFetcher } from './segment-fetcher';
import type { SegmentList } from './segment-list';

/** What a stream asks of its owner (the StreamingEngine). Small on purpose. */
export interface StreamHost {
  readonly clock: Clock;
  readonly mse: MediaSourceEngine;
  readonly fetcher: SegmentFetcher;
  /** Resolves when media may be appended (DRM: MediaKeys attached). */
  readonly appendGate: Promise<void>;
  /** Live and not ended: running out of segments means "wait for the next refresh". */
  isLive(): boolean;
  /** False while this stream is a segment ahead of the other one (it gets poked to go on). */
  mayFetch(type: MediaType, position: number): boolean;
  playhead(): number;
  /** Representation for the segment starting at `time` (ABR decides for video). */
  chooseRepresentation(type: MediaType, set: SwitchingSet, time: number): Representation;
  segmentsOf(representation: Representation): Promise<SegmentList>;
  /** HLS: timestampOffset for a discontinuity, derived from the first media bytes once. */
  derivedTimestampOffset(segment: Segment, init: Uint8Array, mediaHead: Uint8Array): number;
  bufferGoalSeconds(type: MediaType): number;
  budgetBytes(type: MediaType): number;
  backBufferSeconds(): number;
  /** During a download: a lower representation to refetch at, or undefined. */
  abandonTo(type: MediaType, representation: Representation, progress: FetchProgress, segment: Segment): Representation | undefined;
  onInitAppended(type: MediaType, init: Uint8Array, representation: Representation): void;
  onSegmentAppended(type: MediaType, info: { segment: Segment; representation: Representation; bytes: number }): void;
  onEnded(type: MediaType): void;
  onError(type: MediaType, error: TesseraError): void;
}

const MAX_SEGMENT_FAILURES = 3;
const IDLE_POLL_MS = 250;
const LIVE_POLL_MS = 500;

/**
 * Fills one SourceBuffer (video or audio): picks the next segment, fetches init and
 * media in parallel, appends progressively, keeps within the byte budget, and restarts
 * cleanly on seek or track switch. Every async step checks `generation` so results of
 * an abandoned position are dropped.
 */
export class StreamScheduler {
  private set: SwitchingSet;
  private generation = 0;
  private busy = false;
  private stopped = true;
  private timer: TimerHandle | undefined;
  /** Position to (re)start from after start/seek/switch; undefined = continue after lastEnd. */
  private nextTime: number | undefined;
  private lastEnd = 0;
  private lastInitKey = '';
  private lastCodecs = '';
  private inFlight: SegmentFetch[] = [];
  private accounting: BufferedSegment[] = [];
  private failures = 0;
  private quotaGoal: number | undefined;
  private forcedRepresentation: Representation | undefined;
  private readonly initCache = new Map<string, Uint8Array>();
  ended = false;
  current: Representation | undefined;

  constructor(
    readonly type: MediaType,
    set: SwitchingSet,
    private readonly host: StreamHost,
  ) {
    this.set = set;
  }

  get switchingSet(): SwitchingSet {
    return this.set;
  }

  /** Where the next segment this stream fetches starts (s). */
  get nextPosition(): number {
    return this.nextTime ?? this.lastEnd;
  }

  start(position: number): void {
    this.stopped = false;
    this.restartAt(position);
  }

  stop(): void {
    this.stopped = true;
    this.generation++;
    this.abortInFlight();
    if (this.timer !== undefined) this.host.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Seek: continue from the end of what is buffered at `position`, or fetch the segment containing it. */
  seek(position: number): void {
    const end = bufferedEnd(this.host.mse.buffered(this.type), position, 0.05);
    this.restartAt(end !== undefined ? end + 0.02 : position);
  }

  /**
   * Switch to another switching set (audio language) or refetch ahead (manual quality):
   * media from `flushFrom` on is removed and refetched.
   */
  replaceAhead(set: SwitchingSet, flushFrom: number): void {
    this.set = set;
    this.lastInitKey = '';
    this.generation++;
    this.abortInFlight();
    const from = Math.max(flushFrom, 0);
    this.accounting = dropRange(this.accounting, { start: from, end: Infinity });
    void this.host.mse
      .abortParser(this.type)
      .then(() => this.host.mse.remove(this.type, from, Infinity))
      .catch(() => undefined);
    this.restartAt(from);
  }

  /** Wake the loop now (buffer goal changed, playhead moved a lot...). */
  poke(): void {
    this.schedule(0);
  }

  private restartAt(position: number): void {
    this.generation++;
    const hadInFlight = this.inFlight.length > 0; // downloading, or appending what was downloaded
    this.abortInFlight();
    // A half-appended segment leaves the parser mid-box: reset it.
    if (hadInFlight) void this.host.mse.abortParser(this.type).catch(() => undefined);
    this.nextTime = position;
    this.ended = false;
    this.failures = 0;
    this.forcedRepresentation = undefined;
    this.busy = false;
    this.schedule(0);
  }

  private abortInFlight(): void {
    const inFlight = this.inFlight;
    this.inFlight = [];
    for (const f of inFlight) f.abort();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer !== undefined) this.host.clock.clearTimeout(this.timer);
    this.timer = this.host.clock.setTimeout(() => {
      this.timer = undefined;
      void this.tick();
    }, delayMs);
  }

  private async tick(): Promise<void> {
    if (this.stopped || this.busy) return;
    const generation = this.generation;
    const playhead = this.host.playhead();
    const ranges = this.host.mse.buffered(this.type);
    const goal = Math.min(this.host.bufferGoalSeconds(this.type), this.quotaGoal ?? Infinity);
    // Buffer goal reached: nothing to do until the playhead moves on.
    if (this.nextTime === undefined && bufferedAhead(ranges, playhead) >= goal) {
      this.schedule(IDLE_POLL_MS);
      return;
    }
    if (this.ended && this.nextTime === undefined) return;
    // Audio and video advance together: a stream that runs ahead of the other takes link capacity
    // the other needs (at startup audio would otherwise fetch its whole goal before the first
    // video segment is in). The engine pokes this stream when the other one appends.
    if (!this.host.mayFetch(this.type, this.nextPosition)) return;

    this.busy = true;
    let delayMs = 0;
    try {
      delayMs = (await this.fetchNext(generation, playhead)) ?? 0;
    } catch (error) {
      if (generation === this.generation) delayMs = this.handleFailure(error);
    } finally {
      if (generation === this.generation) {
        this.busy = false;
        if (!this.ended && !this.stopped) this.schedule(delayMs);
      }
    }
  }

  /** Fetches and appends one segment; returns a delay before the next try when there is nothing to fetch yet. */
  private async fetchNext(generation: number, playhead: number): Promise<number | void> {
    // Played past what we planned (e.g. a gap jump): restart at the playhead.
    let position = this.nextTime ?? this.lastEnd;
    if (this.nextTime === undefined && position < playhead - 1 && !rangeAt(this.host.mse.buffered(this.type), playhead, 0.05)) {
      position = playhead;
      this.nextTime = playhead;
    }
    const representation = this.forcedRepresentation ?? this.host.chooseRepresentation(this.type, this.set, position);
    this.forcedRepresentation = undefined;
    const list = await this.host.segmentsOf(representation);
    if (generation !== this.generation) return;
    const segment = this.nextTime !== undefined ? list.find(position) : list.after(this.lastEnd);
    if (!segment) {
      // Live: the next segment is not published yet; the refresher will add it.
      if (this.host.isLive()) return LIVE_POLL_MS;
      this.ended = true;
      this.nextTime = undefined;
      this.host.onEnded(this.type);
      return;
    }

    await this.makeRoom(segment, representation, playhead);
    if (generation !== this.generation) return;
    if (this.quotaGoal !== undefined && this.nextTime === undefined && bufferedAhead(this.host.mse.buffered(this.type), playhead) >= this.quotaGoal) return;

    this.current = representation;
    const initKey = keyOf(segment.init);
    const initFetch = segment.init && initKey !== this.lastInitKey ? this.fetchInit(segment.init) : undefined;
    // Awaited only once media bytes arrive; a seek may abort both before that.
    initFetch?.catch(() => undefined);
    const appender = new ProgressiveAppender(
      this.host.mse,
      this.type,
      async (head) => {
        await this.host.appendGate;
        const init = initFetch ? await initFetch : this.initCache.get(initKey);
        if (generation !== this.generation) throw abortedError(segment);
        if (init && initFetch) await this.appendInit(init, initKey, representation);
        const offset = segment.timestampOffset ?? (init ? this.host.derivedTimestampOffset(segment, init, head) : 0);
        await this.host.mse.setTimestampOffset(this.type, offset);
      },
      segment.timestampOffset === undefined,
      () => generation === this.generation,
    );
    const media = this.host.fetcher.fetch({
      urls: segment.urls,
      byteRange: segment.byteRange,
      contentType: this.type,
      retry: false,
      onData: (chunk) => {
        if (generation === this.generation) appender.push(chunk);
      },
      onProgress: (progress) => this.checkAbandon(generation, representation, progress, segment),
    });
    // In flight until its last byte is appended, not only downloaded: a seek while the appender
    // still works through the body must reset the parser (restartAt), or the next segment lands
    // on a half-appended one (CHUNK_DEMUXER_ERROR_APPEND_FAILED).
    this.inFlight.push(media);
    let bytes: number;
    try {
      const data = await media.promise;
      bytes = data.length;
      // Transports that cannot stream (XHR on old TVs) deliver the body only at the end.
      if (appender.bytesPushed === 0 && generation === this.generation) appender.push(data);
      if (generation !== this.generation) return;
      await appender.finish();
    } finally {
      this.inFlight = this.inFlight.filter((f) => f !== media);
    }
    if (generation !== this.generation) return;

    this.failures = 0;
    this.nextTime = undefined;
    this.lastEnd = segment.endTime;
    this.accounting = dropRange(this.accounting, { start: segment.startTime, end: segment.endTime });
    this.accounting.push({ start: segment.startTime, end: segment.endTime, bytes });
    this.accounting.sort((a, b) => a.start - b.start);
    this.host.onSegmentAppended(this.type, { segment, representation, bytes });
  }

  private fetchInit(init: InitSegment): Promise<Uint8Array> {
    const key = keyOf(init);
    const cached = this.initCache.get(key);
    if (cached) return Promise.resolve(cached);
    const fetch = this.host.fetcher.fetch({ urls: init.urls, byteRange: init.byteRange, contentType: 'init', retry: true });
    this.inFlight.push(fetch);
    return fetch.promise.then(
      (data) => {
        this.inFlight = this.inFlight.filter((f) => f !== fetch);
        // A handful of inits (one per rung) is all a title has; keep them for switches.
        if (this.initCache.size > 16) this.initCache.clear();
        this.initCache.set(key, data);
        return data;
      },
      (error: unknown) => {
        this.inFlight = this.inFlight.filter((f) => f !== fetch);
        throw error;
      },
    );
  }

  private async appendInit(init: Uint8Array, key: string, representation: Representation): Promise<void> {
    if (representation.codecs !== this.lastCodecs && this.lastCodecs !== '') {
      await this.host.mse.changeType(this.type, representation.mimeType, representation.codecs);
    }
    await this.host.mse.append(this.type, init, 'init');
    this.lastInitKey = key;
    this.lastCodecs = representation.codecs;
    this.host.onInitAppended(this.type, init, representation);
  }

  /** Evict before appending so the SourceBuffer never goes over its byte budget. */
  private async makeRoom(segment: Segment, representation: Representation, playhead: number): Promise<void> {
    const incoming = segment.sizeBytes ?? Math.ceil((representation.bandwidth * (segment.endTime - segment.startTime)) / 8);
    const plan = planEviction({
      segments: this.accounting,
      playhead,
      incomingBytes: incoming,
      budgetBytes: this.host.budgetBytes(this.type),
      backBufferSeconds: this.host.backBufferSeconds(),
    });
    for (const range of plan.remove) {
      await this.host.mse.remove(this.type, range.start, range.end);
      this.accounting = dropRange(this.accounting, range);
    }
    if (plan.overBudget) {
      // Ahead of the playhead is all that is left: buffer less far ahead instead.
      const ahead = bufferedAhead(this.host.mse.buffered(this.type), playhead);
      this.quotaGoal = Math.max(2, ahead);
    } else if (this.quotaGoal !== undefined && plan.bytesAfter < this.host.budgetBytes(this.type) * 0.7) {
      this.quotaGoal = undefined;
    }
  }

  private checkAbandon(generation: number, representation: Representation, progress: FetchProgress, segment: Segment): void {
    if (generation !== this.generation || this.nextTime !== undefined) return;
    const lower = this.host.abandonTo(this.type, representation, progress, segment);
    if (!lower || lower === representation) return;
    // Refetch the same segment lower; what was appended of it gets overwritten.
    this.forcedRepresentation = lower;
    const from = segment.startTime;
    this.generation++;
    this.abortInFlight();
    void this.host.mse.abortParser(this.type).catch(() => undefined);
    this.nextTime = from;
    this.busy = false;
    this.schedule(0);
  }

  /** Decides what a failed fetch/append means; returns the delay before the next try. */
  private handleFailure(error: unknown): number {
    if (isTesseraError(error) && error.code === ErrorCode.ABORTED) return 0;
    void this.host.mse.abortParser(this.type).catch(() => undefined);
    if (error instanceof QuotaExceeded) {
      // The browser's own limit is below our budget: drop played media, shrink the goal, retry.
      const playhead = this.host.playhead();
      const ahead = bufferedAhead(this.host.mse.buffered(this.type), playhead);
      const shrunk = Math.max(2, Math.min(this.quotaGoal ?? Infinity, ahead) * 0.8);
      if (this.quotaGoal !== undefined && this.quotaGoal <= 2 && ++this.failures > MAX_SEGMENT_FAILURES) {
        this.fail(new TesseraError(ErrorCode.QUOTA_EXCEEDED, 'fatal', { type: this.type, bufferedSeconds: ahead }));
        return 0;
      }
      this.quotaGoal = shrunk;
      this.accounting = dropRange(this.accounting, { start: 0, end: playhead - 1 });
      void this.host.mse.remove(this.type, 0, playhead - 1).catch(() => undefined);
      this.nextTime = this.nextTime ?? this.lastEnd;
      return 200;
    }
    const tessera = isTesseraError(error)
      ? error
      : new TesseraError(ErrorCode.APPEND_FAILED, 'recoverable', { type: this.type, reason: String((error as Error)?.message ?? error) }, undefined, error);
    if (tessera.code === ErrorCode.APPEND_FAILED || tessera.code === ErrorCode.CODEC_UNSUPPORTED) {
      this.fail(tessera.withSeverity('fatal'));
      return 0;
    }
    this.failures++;
    if (this.failures > MAX_SEGMENT_FAILURES) {
      this.fail(tessera.withSeverity('fatal'));
      return 0;
    }
    this.host.onError(this.type, tessera.withSeverity('recoverable'));
    // Retry the same position after a backoff; playback continues from the buffer meanwhile.
    this.nextTime = this.nextTime ?? this.lastEnd + 0.01;
    return Math.min(4000, 500 * Math.pow(2, this.failures - 1));
  }

  private fail(error: TesseraError): void {
    this.stop();
    this.host.onError(this.type, error);
  }
}

function keyOf(init: InitSegment | undefined): string {
  if (!init) return '';
  return `${init.urls[0] ?? ''}#${init.byteRange ? `${init.byteRange.start}-${init.byteRange.end}` : ''}`;
}

function abortedError(segment: Segment): TesseraError {
  return new TesseraError(ErrorCode.ABORTED, 'recoverable', { url: segment.urls[0] ?? '' });
}
