import { ErrorCode } from '../errors/error-codes';
import { TesseraError, isTesseraError } from '../errors/tessera-error';
import { TypedEmitter, type Listener } from '../events/typed-emitter';
import { parseManifest } from '../manifest';
import { MediaSourceEngine, isTypeSupported, type MediaType } from '../media/media-source-engine';
import { bufferedAhead, intersectRanges, type TimeRange } from '../media/time-ranges';
import type { DrmInfo, Presentation, Representation, SwitchingSet } from '../model/presentation';
import { DEFAULT_DEVICE_PROFILE, type DeviceProfile } from '../plugins/device-profile';
import { AbrController } from '../streaming/abr-controller';
import { StreamingEngine } from '../streaming/streaming-engine';
import { TextEngine } from '../text/text-engine';
import { systemClock, type Clock } from '../util/clock';
import { createHybridAbr } from '@tessera/abr';
import { DEFAULT_PLAYER_CONFIG, type PlayerConfig } from './player-config';
import type { PlayerEventMap } from './player-events';
import { PlayerNetwork } from './player-network';
import { PlaybackMonitor } from './playback-monitor';
import { derivePlayerState, type PlayerState } from './player-state';
import type { PlayerStats } from './player-stats';
import { describeAudio, describeRepresentation, describeText, languageMatches, type AudioTrackInfo, type TextTrackInfo, type VideoRepresentationInfo } from './player-tracks';
import { resolveSegmentIndexPart, mediaStartTime } from './segment-index-resolver';
import { LiveRefresher } from './live-refresher';
import { liveSeekRange, liveStartPosition } from '../streaming/live-timeline';

export interface LoadSource {
  url: string;
  /** Start position in seconds (VOD). */
  startTime?: number;
  /** Extra WebVTT files not in the manifest. */
  textTracks?: Array<{ url: string; language: string; label?: string }>;
}

/** Everything one load() creates; torn down as a unit on unload. */
interface Session {
  id: number;
  presentation: Presentation;
  mse: MediaSourceEngine;
  streaming: StreamingEngine;
  text: TextEngine;
  video?: SwitchingSet;
  audio?: SwitchingSet;
  loadStartMs: number;
  live?: LiveRefresher;
  liveDelaySeconds: number;
}

/**
 * The public player. Owns a session per load(): MediaSource, streaming engine, text
 * engine, playback monitor. Plugins (ABR, DRM, device profile, telemetry) come in the config.
 */
export class Player {
  private readonly emitter = new TypedEmitter<PlayerEventMap>();
  private config: PlayerConfig;
  private readonly clock: Clock;
  private readonly device: DeviceProfile;
  private readonly abr: AbrController;
  private readonly network: PlayerNetwork;
  private readonly monitor: PlaybackMonitor;
  private session: Session | undefined;
  private loadCounter = 0;
  private loading = false;
  private failed = false;
  private destroyed = false;
  private stateValue: PlayerState = 'idle';
  private readonly mediaListeners: Array<[string, EventListener]> = [];
  private pendingStart: { start: number; id: number } | undefined;
  /** Licence time reported before this load's stats began (HLS resolves playlists first). */
  private earlyLicenseMs = 0;

  constructor(
    readonly media: HTMLMediaElement,
    config: Partial<PlayerConfig> = {},
  ) {
    this.config = { ...DEFAULT_PLAYER_CONFIG, ...config };
    this.clock = config.clock ?? systemClock;
    this.device = config.device ?? DEFAULT_DEVICE_PROFILE;
    this.abr = new AbrController(config.abr ?? createHybridAbr({ initialBandwidthBps: this.config.defaultBandwidthEstimateBps }));
    if (this.device.maxResolution) this.abr.setCaps({ maxWidth: this.device.maxResolution.width, maxHeight: this.device.maxResolution.height });
    this.network = new PlayerNetwork({
      clock: this.clock,
      timeoutMs: this.config.requestTimeoutMs,
      maxAttempts: this.config.maxRequestAttempts,
      telemetry: config.telemetry,
      onSample: (sample) => this.abr.algorithm.addSample(sample),
    });
    this.monitor = new PlaybackMonitor(media, this.clock, {
      config: () => this.config,
      ranges: () => this.playableRanges(),
      isLoaded: () => this.session !== undefined,
      emit: (type, payload) => this.emit(type, payload as never),
      updateState: () => this.updateState(),
      startupComplete: () => this.session?.streaming.poke(),
    });
    const listen = (type: string, handler: () => void): void => {
      media.addEventListener(type, handler);
      this.mediaListeners.push([type, handler]);
    };
    listen('seeking', () => this.onSeeking());
    listen('seeked', () => this.emit('seeked', { position: media.currentTime }));
    listen('ended', () => {
      this.updateState();
      this.emit('ended', {});
    });
    listen('error', () => this.onMediaError());
    for (const type of ['play', 'playing', 'pause', 'waiting', 'canplay', 'loadeddata']) listen(type, () => this.updateState());
  }

  // ---- events ------------------------------------------------------------------------

  on<K extends keyof PlayerEventMap>(type: K, listener: Listener<PlayerEventMap[K]>): () => void {
    return this.emitter.on(type, listener);
  }

  once<K extends keyof PlayerEventMap>(type: K, listener: Listener<PlayerEventMap[K]>): () => void {
    return this.emitter.once(type, listener);
  }

  off<K extends keyof PlayerEventMap>(type: K, listener: Listener<PlayerEventMap[K]>): void {
    this.emitter.off(type, listener);
  }

  // ---- lifecycle ---------------------------------------------------------------------

  /** Change configuration; takes effect from the next decision (buffer goals, ABR caps...). */
  configure(config: Partial<PlayerConfig>): void {
    this.config = { ...this.config, ...config };
    this.session?.streaming.poke();
  }

  getConfig(): Readonly<PlayerConfig> {
    return this.config;
  }

  /**
   * Load a DASH or HLS presentation. Resolves once the manifest is parsed and streaming
   * has started (playback starts by itself when `autoplay`); rejects with a TesseraError.
   * A later load() or destroy() interrupts it (LOAD_INTERRUPTED).
   */
  async load(source: string | LoadSource): Promise<void> {
    this.assertAlive('load');
    const src = typeof source === 'string' ? { url: source } : source;
    const id = ++this.loadCounter;
    const loadStartMs = this.clock.now();
    this.earlyLicenseMs = 0;
    this.unloadSession();
    this.failed = false;
    this.loading = true;
    this.updateState();
    const mse = new MediaSourceEngine(this.media);
    try {
      // The MediaSource opens while the manifest downloads.
      const opened = mse.open();
      const manifest = await this.network.fetchText([src.url], 'manifest');
      this.assertCurrent(id);
      const presentation = parseManifest(manifest.text, manifest.url);
      this.assertCurrent(id);
      const { video, audio } = this.chooseInitialSets(presentation);
      if (!video && !audio) {
        throw new TesseraError(ErrorCode.NO_PLAYABLE_STREAMS, 'fatal', { url: src.url, reason: 'no audio or video this browser can decode' });
      }
      const appendGate = this.attachDrm(presentation, id);
      await opened;
      this.assertCurrent(id);
      for (const [type, set] of [['video', video], ['audio', audio]] as Array<[MediaType, SwitchingSet | undefined]>) {
        if (set) mse.addSourceBuffer(type, set.representations[0]!.mimeType, set.representations[0]!.codecs);
      }
      await mse.setDuration(isFinite(presentation.duration) ? presentation.duration : Infinity);
      if (video) this.abr.setRepresentations(video.representations);
      const streaming = this.createStreamingEngine(presentation, mse, appendGate, loadStartMs);
      const text = new TextEngine({
        media: this.media,
        fetchText: async (urls) => (await this.network.fetchText(urls, 'text')).text,
        segmentsOf: async (rep) => (await streaming.segmentsOf(rep)).all,
        offsetFor: (d) => streaming.offsetFor(d),
        onError: (error) => this.reportError(toTesseraError(error, ErrorCode.TEXT_PARSE_FAILED)),
      });
      const { live, start, liveDelaySeconds } = await this.resolveStart(presentation, streaming, { video, audio }, src.startTime);
      this.assertCurrent(id);
      this.session = { id, presentation, mse, streaming, text, video, audio, loadStartMs, liveDelaySeconds };
      if (live) this.startLive(this.session);
      this.monitor.begin(loadStartMs, this.config.autoplay, start);
      if (this.earlyLicenseMs) this.monitor.recordLicense(this.earlyLicenseMs);
      if (start > 0) this.applyStartPosition(start, id);
      streaming.start({ video, audio }, start);
      this.selectInitialText(presentation);
      this.loading = false;
      this.updateState();
      this.emit('loaded', { presentation });
      this.emitTracks();
    } catch (error) {
      if (id !== this.loadCounter) {
        mse.destroy();
        throw new TesseraError(ErrorCode.LOAD_INTERRUPTED, 'recoverable', {});
      }
      this.loading = false;
      if (!this.session) mse.destroy();
      const fatal = toTesseraError(error, ErrorCode.MANIFEST_UNKNOWN_FORMAT).withSeverity('fatal');
      this.fail(fatal);
      throw fatal;
    }
  }

  play(): Promise<void> {
    this.assertAlive('play');
    const result = this.media.play();
    return result && typeof result.then === 'function' ? result : Promise.resolve();
  }

  pause(): void {
    this.assertAlive('pause');
    this.media.pause();
  }

  /** Seek to `seconds` (clamped to the seekable range). Repeated seeks: the last one wins. */
  seek(seconds: number): void {
    this.assertAlive('seek');
    const range = this.getSeekRange();
    const target = Math.max(range.start, Math.min(seconds, Math.max(range.start, range.end - 0.05)));
    this.media.currentTime = target;
  }

  /** Stops everything and releases MediaSource, object URLs, listeners, requests and DRM sessions. */
  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    this.loadCounter++;
    this.unloadSession();
    this.monitor.destroy();
    this.network.destroy();
    for (const [type, handler] of this.mediaListeners) this.media.removeEventListener(type, handler);
    this.mediaListeners.length = 0;
    if (this.config.drm) await this.config.drm.destroy().catch(() => undefined);
    this.stateValue = 'idle';
    this.emitter.removeAllListeners();
  }

  // ---- getters -----------------------------------------------------------------------

  get state(): PlayerState {
    return this.stateValue;
  }

  getPresentation(): Presentation | undefined {
    return this.session?.presentation;
  }

  getVideoRepresentations(): VideoRepresentationInfo[] {
    const s = this.session;
    if (!s?.video) return [];
    const active = s.streaming.currentRepresentation('video');
    return s.video.representations.slice().sort((a, b) => a.bandwidth - b.bandwidth).map((r) => describeRepresentation(r, active));
  }

  getAudioTracks(): AudioTrackInfo[] {
    const s = this.session;
    if (!s) return [];
    const active = s.streaming.currentSet('audio');
    return this.audioSets(s.presentation).map((set) => describeAudio(set, active));
  }

  getTextTracks(): TextTrackInfo[] {
    const s = this.session;
    if (!s) return [];
    const active = s.text.selectedSet;
    return s.presentation.switchingSets.filter((set) => set.type === 'text').map((set) => describeText(set, active));
  }

  getBufferedRanges(): { video: TimeRange[]; audio: TimeRange[]; playable: TimeRange[] } {
    const s = this.session;
    if (!s) return { video: [], audio: [], playable: [] };
    return { video: s.mse.buffered('video'), audio: s.mse.buffered('audio'), playable: this.playableRanges() };
  }

  getSeekRange(): { start: number; end: number } {
    const s = this.session;
    if (!s) return { start: 0, end: 0 };
    const p = s.presentation;
    if (s.streaming.isLive()) {
      const type: MediaType = s.video ? 'video' : 'audio';
      const rep = s.streaming.currentRepresentation(type);
      const list = rep ? s.streaming.resolvedSegments(rep) : undefined;
      return list ? liveSeekRange(list.all, s.liveDelaySeconds) : { start: 0, end: 0 };
    }
    if (isFinite(p.duration)) return { start: 0, end: p.duration };
    const seekable = this.media.seekable;
    if (seekable && seekable.length > 0) return { start: seekable.start(0), end: seekable.end(seekable.length - 1) };
    return { start: 0, end: this.media.duration || 0 };
  }

  getStats(): PlayerStats {
    return this.monitor.stats({
      bandwidthEstimateBps: this.abr.algorithm.getBandwidthEstimate(),
      videoBandwidthBps: this.session?.streaming.currentRepresentation('video')?.bandwidth,
    });
  }

  // ---- track selection ---------------------------------------------------------------

  /**
   * Lock video to one representation (`'auto'` returns to ABR). With `clearBuffer`
   * (default true) media buffered ahead is replaced so the change shows within a segment.
   */
  selectVideoRepresentation(id: string | 'auto', options: { clearBuffer?: boolean } = {}): void {
    const s = this.requireSession('selectVideoRepresentation');
    if (id === 'auto') {
      this.abr.setManual(undefined);
      return;
    }
    const representation = s.video?.representations.find((r) => r.id === id);
    if (!representation) throw new TesseraError(ErrorCode.TRACK_NOT_FOUND, 'recoverable', { id });
    this.abr.setManual(representation);
    if (options.clearBuffer !== false) s.streaming.refetchAhead('video', this.media.currentTime + this.switchMargin());
  }

  /** The manually locked video representation's id, or `'auto'` while ABR chooses. */
  getVideoSelection(): string {
    return this.abr.manualRepresentation?.id ?? 'auto';
  }

  /** Switch audio by track id or language, without stopping playback. */
  selectAudioTrack(idOrLanguage: string): void {
    const s = this.requireSession('selectAudioTrack');
    const sets = this.audioSets(s.presentation);
    const set = sets.find((x) => x.id === idOrLanguage) ?? sets.find((x) => languageMatches(x.language, idOrLanguage));
    if (!set) throw new TesseraError(ErrorCode.TRACK_NOT_FOUND, 'recoverable', { id: idOrLanguage });
    if (set === s.streaming.currentSet('audio')) return;
    s.audio = set;
    s.streaming.switchSet('audio', set, this.media.currentTime + this.switchMargin());
    this.emitTracks();
  }

  /** Show a text track by id or language; undefined hides subtitles. */
  selectTextTrack(idOrLanguage: string | undefined): void {
    const s = this.requireSession('selectTextTrack');
    if (idOrLanguage === undefined) {
      s.text.select(undefined);
    } else {
      const sets = s.presentation.switchingSets.filter((x) => x.type === 'text');
      const set = sets.find((x) => x.id === idOrLanguage) ?? sets.find((x) => languageMatches(x.language, idOrLanguage));
      if (!set) throw new TesseraError(ErrorCode.TRACK_NOT_FOUND, 'recoverable', { id: idOrLanguage });
      s.text.select(set);
    }
    this.emitTracks();
  }

  // ---- internals ---------------------------------------------------------------------

  private createStreamingEngine(presentation: Presentation, mse: MediaSourceEngine, appendGate: Promise<void>, loadStartMs: number): StreamingEngine {
    const budget = this.config.bufferBudgetBytes ?? this.device.bufferBudgetBytes;
    const streaming: StreamingEngine = new StreamingEngine({
      presentation,
      clock: this.clock,
      mse,
      fetcher: this.network,
      appendGate,
      abr: this.abr,
      playhead: () => this.media.currentTime,
      playbackRate: () => this.media.playbackRate || 1,
      // Playback waits for data (first frame, or the frame at a seek target): nothing drains the
      // buffer, so ABR starts as at load (fast-start rules) instead of guarding against a stall.
      isStarting: () => !this.monitor.hasRenderedFirstFrame || this.media.seeking,
      bufferGoalSeconds: () => this.config.bufferGoalSeconds,
      budgetBytes: (type) => budget[type],
      backBufferSeconds: () => this.config.backBufferSeconds,
      resolvePart: (part) => resolveSegmentIndexPart(part, this.network),
      mediaStartTime,
      listener: {
        onRepresentationChange: (type, representation, previous, reason) => {
          if (type === 'video' && previous) this.monitor.countSwitch();
          this.emit('representationchange', {
            type,
            representation: describeRepresentation(representation, representation),
            previous: previous ? describeRepresentation(previous, representation) : undefined,
            reason,
          });
        },
        onInitAppended: (type, init) => {
          const drm = this.config.drm;
          const set = this.session?.[type];
          if (drm && set) drm.onInitSegment(type, init, collectDrm(presentation, set));
        },
        onSegmentAppended: (type, info) => {
          this.tryPendingStart();
          this.monitor.countBytes(info.bytes);
          this.emit('segmentappended', {
            type,
            representationId: info.representation.id,
            startTime: info.segment.startTime,
            endTime: info.segment.endTime,
            bytes: info.bytes,
          });
          this.emitBufferUpdate();
          if (type === 'video' && streaming.currentRepresentation('video') && !this.monitor.hasRenderedFirstFrame) {
            this.prefetchOtherIndexes(streaming);
          }
        },
        onAllEnded: () => {
          void mse.endOfStream().catch(() => undefined);
        },
        onError: (error) => this.reportError(error),
        onDurationKnown: (duration) => void mse.setDuration(duration).catch(() => undefined),
      },
    });
    void loadStartMs;
    return streaming;
  }

  /** HLS: fetch the other rungs' playlists in the background so up-switches cost no RTT. */
  private prefetchOtherIndexes(streaming: StreamingEngine): void {
    const set = this.session?.video;
    if (!set) return;
    for (const r of set.representations) void streaming.segmentsOf(r).catch(() => undefined);
  }

  private attachDrm(presentation: Presentation, id: number): Promise<void> {
    const encrypted = presentation.drm.length > 0 || presentation.switchingSets.some((s) => s.drm.length > 0 || s.representations.some((r) => r.drm.length > 0));
    if (!encrypted) return Promise.resolve();
    const drm = this.config.drm;
    if (!drm) return Promise.reject(new TesseraError(ErrorCode.DRM_NOT_CONFIGURED, 'fatal', {}));
    const gate = drm.attach(this.media, presentation, {
      onRestrictionsChanged: (keyIds) => this.onKeyRestrictions(keyIds),
      onError: (error) => this.reportError(error),
      onLicenseAcquired: (info) => {
        if (id !== this.loadCounter) return;
        if (this.session?.id === id) this.monitor.recordLicense(info.durationMs);
        else this.earlyLicenseMs += info.durationMs;
      },
      device: this.device,
      onResolutionCap: (cap) => this.onDrmResolutionCap(cap),
    });
    // A DRM failure ends the load with one fatal error; the append gate then stays shut
    // (rejecting it would re-report the same error for every segment the engine queued).
    return gate.then(undefined, (error: unknown) => {
      if (id === this.loadCounter) this.fail(toTesseraError(error, ErrorCode.MEDIA_KEYS_FAILED).withSeverity('fatal'));
      return new Promise<void>(() => undefined);
    });
  }

  /** A DRM robustness/HDCP cap, combined with the device's own maximum resolution. */
  private onDrmResolutionCap(cap: { maxWidth?: number; maxHeight?: number } | undefined): void {
    const device = this.device.maxResolution;
    const min = (a?: number, b?: number): number | undefined => (a === undefined ? b : b === undefined ? a : Math.min(a, b));
    this.abr.setCaps({ maxWidth: min(device?.width, cap?.maxWidth), maxHeight: min(device?.height, cap?.maxHeight) });
    this.session?.streaming.poke();
  }

  private onKeyRestrictions(restrictedKeyIds: ReadonlySet<string>): void {
    const s = this.session;
    if (!s?.video) return;
    // The most specific DRM info names a representation's key (DASH keys per rung group sit on the Representation).
    const keyInfo = (r: Representation): DrmInfo[] => (r.drm.length ? r.drm : collectDrm(s.presentation, s.video!));
    const blocked = s.video.representations.filter((r) => keyInfo(r).some((d) => d.defaultKeyIds.some((k) => restrictedKeyIds.has(k))));
    this.abr.setRestricted(blocked, s.video.representations);
    if (this.abr.representations.length === 0) {
      this.fail(new TesseraError(ErrorCode.KEYS_UNUSABLE, 'fatal', { keyIds: Array.from(restrictedKeyIds) }));
      return;
    }
    const current = s.streaming.currentRepresentation('video');
    if (current && blocked.indexOf(current) >= 0) s.streaming.refetchAhead('video', this.media.currentTime + this.switchMargin());
  }

  private chooseInitialSets(presentation: Presentation): { video?: SwitchingSet; audio?: SwitchingSet } {
    const playable = (set: SwitchingSet): SwitchingSet | undefined => {
      const reps = set.representations.filter((r) => isTypeSupported(r.mimeType, r.codecs));
      return reps.length ? { ...set, representations: reps } : undefined;
    };
    // Filter once, and keep the filtered sets in the presentation so every lookup agrees.
    presentation.switchingSets = presentation.switchingSets
      .map((set) => (set.type === 'video' || set.type === 'audio' ? playable(set) : set))
      .filter((set): set is SwitchingSet => set !== undefined);
    const video = presentation.switchingSets.find((s) => s.type === 'video');
    const audioSets = this.audioSets(presentation);
    const preferred = this.config.preferredAudioLanguage;
    const audio =
      (preferred ? audioSets.find((s) => languageMatches(s.language, preferred)) : undefined) ??
      audioSets.find((s) => s.isDefault) ??
      audioSets[0];
    return { video, audio };
  }

  private audioSets(presentation: Presentation): SwitchingSet[] {
    return presentation.switchingSets.filter((s) => s.type === 'audio');
  }

  private selectInitialText(presentation: Presentation): void {
    const preferred = this.config.preferredTextLanguage;
    if (!preferred || !this.session) return;
    const set = presentation.switchingSets.find((s) => s.type === 'text' && languageMatches(s.language, preferred));
    if (set) this.session.text.select(set);
  }

  /**
   * VOD or live, and where to start. HLS multivariant playlists say neither, so the first
   * media playlists are resolved here (the streams would fetch them first anyway); live
   * starts `liveDelaySeconds` behind the newest segment.
   */
  private async resolveStart(
    presentation: Presentation,
    streaming: StreamingEngine,
    sets: { video?: SwitchingSet; audio?: SwitchingSet },
    requested: number | undefined,
  ): Promise<{ live: boolean; start: number; liveDelaySeconds: number }> {
    const wanted = requested ?? this.config.startTime;
    let live = presentation.live !== undefined && !presentation.live.ended;
    if (!live && presentation.duration > 0) {
      return { live: false, start: wanted === undefined ? 0 : Math.max(0, Math.min(wanted, presentation.duration - 0.5)), liveDelaySeconds: 0 };
    }
    const lists = await Promise.all(
      (['video', 'audio'] as MediaType[])
        .filter((type) => sets[type])
        .map((type) => streaming.segmentsOf(streaming.predictRepresentation(type, sets[type]!))),
    );
    live = live || streaming.refreshableRepresentations().length > 0;
    const list = lists[0];
    if (!live || !list) return { live: false, start: Math.max(0, wanted ?? 0), liveDelaySeconds: 0 };
    const segmentDuration = list.averageDuration() || 4;
    const delay = this.config.liveDelaySeconds ?? presentation.live?.suggestedPresentationDelay ?? 3 * segmentDuration;
    const start = wanted !== undefined ? wanted : liveStartPosition(list.all, delay);
    return { live: true, start, liveDelaySeconds: delay };
  }

  /**
   * The element ignores a currentTime set before it has metadata (MSE resets it to 0) or
   * outside its seekable range (live, Infinity duration: nothing buffered yet). Keep the
   * start position pending and apply it on `loadedmetadata` and after each append.
   */
  private applyStartPosition(start: number, id: number): void {
    this.pendingStart = { start, id };
    this.tryPendingStart();
    if (this.pendingStart) {
      const onMetadata = (): void => {
        this.media.removeEventListener('loadedmetadata', onMetadata);
        this.tryPendingStart();
      };
      this.media.addEventListener('loadedmetadata', onMetadata);
    }
  }

  private tryPendingStart(): void {
    const pending = this.pendingStart;
    if (!pending) return;
    if (pending.id !== this.loadCounter || this.destroyed) {
      this.pendingStart = undefined;
      return;
    }
    if (this.media.readyState < 1) return;
    const seekable = this.media.seekable;
    let covered = false;
    for (let i = 0; seekable && i < seekable.length; i++) if (seekable.start(i) <= pending.start && pending.start <= seekable.end(i)) covered = true;
    if (!covered) return;
    this.pendingStart = undefined;
    if (Math.abs(this.media.currentTime - pending.start) > 0.01) this.media.currentTime = pending.start;
  }

  private startLive(session: Session): void {
    session.streaming.setLive(true);
    session.live = new LiveRefresher({
      clock: this.clock,
      presentation: session.presentation,
      streaming: session.streaming,
      fetchText: (urls) => this.network.fetchText(urls, 'manifest'),
      onEnded: (duration) => {
        session.streaming.setLive(false);
        void session.mse.setDuration(duration).catch(() => undefined);
      },
      onError: (error) => this.reportError(toTesseraError(error, ErrorCode.MANIFEST_REFRESH_FAILED)),
    });
    session.live.start();
  }

  private onSeeking(): void {
    const s = this.session;
    if (!s) return;
    const position = this.media.currentTime;
    s.streaming.seek(position);
    this.monitor.onSeek();
    this.emit('seeking', { position });
    this.updateState();
  }

  private onMediaError(): void {
    const error = this.media.error;
    if (!error || !this.session) return;
    this.fail(new TesseraError(ErrorCode.MEDIA_ELEMENT_ERROR, 'fatal', { mediaErrorCode: error.code, message: error.message || '' }));
  }

  private playableRanges(): TimeRange[] {
    const s = this.session;
    if (!s) return [];
    const video = s.video ? s.mse.buffered('video') : undefined;
    const audio = s.audio ? s.mse.buffered('audio') : undefined;
    if (video && audio) return intersectRanges(video, audio);
    return video ?? audio ?? [];
  }

  private switchMargin(): number {
    // Keep what is about to play; replace the rest (a short margin avoids a visible stall).
    return 1;
  }

  private reportError(error: TesseraError): void {
    if (error.severity === 'fatal') {
      this.fail(error);
      return;
    }
    this.emit('error', { error });
  }

  private fail(error: TesseraError): void {
    if (this.failed) return;
    this.failed = true;
    this.session?.streaming.stop();
    this.updateState();
    this.emit('error', { error });
  }

  private unloadSession(): void {
    const s = this.session;
    this.session = undefined;
    this.monitor.end();
    if (!s) return;
    s.live?.stop();
    s.streaming.stop();
    s.text.destroy();
    s.mse.destroy();
    this.abr.setManual(undefined);
    this.abr.resetLast();
    this.abr.algorithm.reset?.({ keepEstimate: true });
  }

  private updateState(): void {
    const next = derivePlayerState({
      loaded: this.session !== undefined,
      loading: this.loading,
      failed: this.failed,
      seeking: this.media.seeking,
      paused: this.media.paused && !this.monitor.autoplayPending,
      ended: this.media.ended,
      canPlay: this.media.readyState >= 3 || this.media.ended,
    });
    if (next === this.stateValue) return;
    const previous = this.stateValue;
    this.stateValue = next;
    this.emit('statechange', { state: next, previous });
  }

  private emitTracks(): void {
    this.emit('trackschange', { audio: this.getAudioTracks(), text: this.getTextTracks() });
  }

  private emitBufferUpdate(): void {
    const s = this.session;
    if (!s) return;
    const playable = this.playableRanges();
    this.emit('bufferupdate', { video: s.mse.buffered('video'), audio: s.mse.buffered('audio'), aheadSeconds: bufferedAhead(playable, this.media.currentTime) });
  }

  private emit<K extends keyof PlayerEventMap>(type: K, payload: PlayerEventMap[K]): void {
    if (!this.destroyed) this.emitter.emit(type, payload);
  }

  private requireSession(method: string): Session {
    this.assertAlive(method);
    if (!this.session) throw new TesseraError(ErrorCode.INVALID_STATE, 'recoverable', { method, state: this.stateValue });
    return this.session;
  }

  private assertAlive(method: string): void {
    if (this.destroyed) throw new TesseraError(ErrorCode.INVALID_STATE, 'recoverable', { method, state: 'destroyed' });
  }

  private assertCurrent(id: number): void {
    if (id !== this.loadCounter || this.destroyed) throw new TesseraError(ErrorCode.LOAD_INTERRUPTED, 'recoverable', {});
  }
}

/** DRM info that applies to a representation: its own, its set's, and the presentation's. */
function collectDrm(presentation: Presentation, set: SwitchingSet, representation?: Representation): DrmInfo[] {
  return [...(representation?.drm ?? []), ...set.drm, ...presentation.drm];
}

function toTesseraError(error: unknown, fallback: number): TesseraError {
  if (isTesseraError(error)) return error;
  return new TesseraError(fallback as never, 'recoverable', { reason: String((error as Error)?.message ?? error) } as never, undefined, error);
}
