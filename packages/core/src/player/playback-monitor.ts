import { bufferedAhead, type TimeRange } from '../media/time-ranges';
import { planPlayheadRecovery } from '../playhead/playhead-recovery';
import type { Clock, TimerHandle } from '../util/clock';
import type { PlayerConfig } from './player-config';
import type { PlayerEventMap } from './player-events';
import type { PlayerStats } from './player-stats';

export interface PlaybackMonitorHost {
  config(): PlayerConfig;
  /** Ranges playable now (all active types buffered). */
  ranges(): TimeRange[];
  isLoaded(): boolean;
  emit<K extends keyof PlayerEventMap>(type: K, payload: PlayerEventMap[K]): void;
  updateState(): void;
  startupComplete(): void;
}

const STARTUP_POLL_MS = 20;
const STEADY_POLL_MS = 250;
const STATS_EVERY_MS = 1000;

/**
 * Watches the media element while a session is loaded: starts playback once the
 * startup buffer is in, detects the first frame, jumps gaps and unsticks the playhead,
 * measures rebuffering, and keeps the stats.
 */
export class PlaybackMonitor {
  private timer: TimerHandle | undefined;
  private loadStartMs = 0;
  private firstFrameMs: number | undefined;
  private pendingAutoplay = false;
  private lastTime = 0;
  private lastProgressMs = 0;
  private rebufferStartMs: number | undefined;
  private rebufferCount = 0;
  private rebufferTimeMs = 0;
  private switches = 0;
  private bytes = 0;
  private licenseTimeMs: number | undefined;
  private playTimeMs = 0;
  private lastTickMs = 0;
  private lastStatsMs = 0;
  private seekingSinceMs: number | undefined;
  private active = false;

  constructor(
    private readonly media: HTMLMediaElement,
    private readonly clock: Clock,
    private readonly host: PlaybackMonitorHost,
  ) {}

  get hasRenderedFirstFrame(): boolean {
    return this.firstFrameMs !== undefined;
  }

  get autoplayPending(): boolean {
    return this.pendingAutoplay;
  }

  begin(loadStartMs: number, autoplay: boolean, startPosition: number): void {
    this.end();
    this.active = true;
    this.loadStartMs = loadStartMs;
    this.firstFrameMs = undefined;
    this.pendingAutoplay = autoplay;
    this.lastTime = startPosition;
    this.lastProgressMs = this.clock.now();
    this.lastTickMs = this.lastProgressMs;
    this.rebufferStartMs = undefined;
    this.rebufferCount = 0;
    this.rebufferTimeMs = 0;
    this.switches = 0;
    this.bytes = 0;
    this.licenseTimeMs = undefined;
    this.playTimeMs = 0;
    this.watchFirstFrame();
    this.schedule(0);
  }

  end(): void {
    this.active = false;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.pendingAutoplay = false;
  }

  destroy(): void {
    this.end();
  }

  onSeek(): void {
    this.seekingSinceMs = this.clock.now();
    // A seek is not a stall: close any open rebuffer without counting the seek time.
    if (this.rebufferStartMs !== undefined) this.finishRebuffer();
  }

  countSwitch(): void {
    if (this.firstFrameMs !== undefined) this.switches++;
  }

  countBytes(bytes: number): void {
    this.bytes += bytes;
  }

  recordLicense(durationMs: number): void {
    this.licenseTimeMs = (this.licenseTimeMs ?? 0) + durationMs;
  }

  stats(extra: { bandwidthEstimateBps?: number; videoBandwidthBps?: number }): PlayerStats {
    const video = this.media as HTMLVideoElement;
    const quality = typeof video.getVideoPlaybackQuality === 'function' ? video.getVideoPlaybackQuality() : undefined;
    return {
      startupTimeMs: this.firstFrameMs !== undefined ? this.firstFrameMs - this.loadStartMs : undefined,
      bandwidthEstimateBps: extra.bandwidthEstimateBps,
      videoBandwidthBps: extra.videoBandwidthBps,
      width: video.videoWidth || undefined,
      height: video.videoHeight || undefined,
      decodedFrames: quality?.totalVideoFrames,
      droppedFrames: quality?.droppedVideoFrames,
      bufferAheadSeconds: bufferedAhead(this.host.ranges(), this.media.currentTime),
      rebufferCount: this.rebufferCount,
      rebufferTimeMs: this.rebufferTimeMs + (this.rebufferStartMs !== undefined ? this.clock.now() - this.rebufferStartMs : 0),
      videoSwitches: this.switches,
      bytesDownloaded: this.bytes,
      licenseTimeMs: this.licenseTimeMs,
      playTimeMs: this.playTimeMs,
    };
  }

  private schedule(delayMs: number): void {
    if (!this.active) return;
    this.timer = this.clock.setTimeout(() => this.tick(), delayMs);
  }

  private tick(): void {
    this.timer = undefined;
    if (!this.active || !this.host.isLoaded()) return;
    const now = this.clock.now();
    const config = this.host.config();
    const media = this.media;
    const time = media.currentTime;
    const ranges = this.host.ranges();

    if (this.pendingAutoplay) this.maybeAutoplay(ranges, config);

    const playing = !media.paused && !media.seeking && !media.ended;
    if (playing && this.firstFrameMs !== undefined && this.rebufferStartMs === undefined) this.playTimeMs += now - this.lastTickMs;
    this.lastTickMs = now;
    if (time !== this.lastTime) {
      this.lastTime = time;
      this.lastProgressMs = now;
      if (this.rebufferStartMs !== undefined) this.finishRebuffer();
      if (!media.seeking) this.seekingSinceMs = undefined;
    }

    // Stalls: after the first frame, playing but no data at the playhead.
    if (playing && this.firstFrameMs !== undefined && this.seekingSinceMs === undefined && this.rebufferStartMs === undefined && media.readyState < 3 && now - this.lastProgressMs > 100) {
      this.rebufferStartMs = now;
      this.rebufferCount++;
      this.host.emit('rebuffer', { phase: 'start', position: time });
    }

    const action = planPlayheadRecovery({
      time,
      paused: media.paused,
      seeking: media.seeking,
      ended: media.ended,
      ranges,
      stalledForMs: now - this.lastProgressMs,
      stallTimeoutMs: config.stallTimeoutMs,
      maxGapSeconds: config.maxGapJumpSeconds,
      duration: media.duration,
    });
    if (action.action === 'jump') {
      this.host.emit('playheadrecovery', { from: time, to: action.to, reason: action.reason });
      media.currentTime = action.to;
      this.lastProgressMs = now;
    }

    this.host.updateState();
    if (now - this.lastStatsMs >= STATS_EVERY_MS) {
      this.lastStatsMs = now;
      this.host.emit('stats', this.stats({}));
    }
    this.schedule(this.firstFrameMs === undefined || this.pendingAutoplay ? STARTUP_POLL_MS : STEADY_POLL_MS);
  }

  private maybeAutoplay(ranges: TimeRange[], config: PlayerConfig): void {
    const media = this.media;
    const ahead = bufferedAhead(ranges, media.currentTime);
    const remaining = isFinite(media.duration) ? media.duration - media.currentTime : Infinity;
    if (ahead + 0.05 < Math.min(config.startupBufferSeconds, remaining)) return;
    this.pendingAutoplay = false;
    const result = media.play();
    if (result && typeof result.catch === 'function') {
      result.catch(() => {
        // Autoplay blocked by the browser policy: the app calls play() on a gesture.
        this.host.updateState();
      });
    }
  }

  private watchFirstFrame(): void {
    const media = this.media as HTMLVideoElement & { requestVideoFrameCallback?: (cb: () => void) => number };
    const loadStart = this.loadStartMs;
    const done = (): void => {
      if (!this.active || this.firstFrameMs !== undefined || loadStart !== this.loadStartMs) return;
      this.firstFrameMs = this.clock.now();
      this.host.emit('firstframe', { timeSinceLoadMs: this.firstFrameMs - this.loadStartMs, height: media.videoHeight || 0 });
      this.host.startupComplete();
    };
    if (typeof media.requestVideoFrameCallback === 'function') {
      media.requestVideoFrameCallback(done);
    } else {
      const onPlaying = (): void => {
        media.removeEventListener('playing', onPlaying);
        done();
      };
      media.addEventListener('playing', onPlaying);
    }
  }

  private finishRebuffer(): void {
    if (this.rebufferStartMs === undefined) return;
    const durationMs = this.clock.now() - this.rebufferStartMs;
    this.rebufferTimeMs += durationMs;
    this.rebufferStartMs = undefined;
    this.host.emit('rebuffer', { phase: 'end', position: this.media.currentTime, durationMs });
  }
}
