import { parseHlsMediaPlaylist, parseManifest } from '../manifest';
import type { Presentation, Segment } from '../model/presentation';
import { alignRefreshedSegments } from '../streaming/live-timeline';
import type { StreamingEngine } from '../streaming/streaming-engine';
import type { Clock, TimerHandle } from '../util/clock';

export interface LiveRefresherOptions {
  clock: Clock;
  presentation: Presentation;
  streaming: StreamingEngine;
  fetchText(urls: string[]): Promise<{ text: string; url: string }>;
  /** The presentation ended (MPD became static / every playlist has EXT-X-ENDLIST). */
  onEnded(duration: number): void;
  /** A refresh failed (recoverable; the next refresh retries). */
  onError(error: unknown): void;
  /** Wall clock for the DASH availability window (epoch ms). */
  wallClockMs?: () => number;
}

const MIN_INTERVAL_MS = 1000;

/**
 * Keeps a live presentation's segment lists current: DASH re-fetches the MPD every
 * minimumUpdatePeriod (ISO 23009-1 §5.4) and merges each representation's segments; HLS
 * re-fetches each live media playlist every target duration (RFC 8216 §6.3.4) and aligns
 * the new window on media sequence numbers.
 */
export class LiveRefresher {
  private timer: TimerHandle | undefined;
  private stopped = false;
  private readonly wallClock: () => number;

  constructor(private readonly options: LiveRefresherOptions) {
    this.wallClock = options.wallClockMs ?? (() => Date.now());
  }

  start(): void {
    this.schedule(this.intervalMs());
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = undefined;
      void this.refresh().then(
        (ended) => {
          if (!ended) this.schedule(this.intervalMs());
        },
        (error: unknown) => {
          this.options.onError(error);
          this.schedule(this.intervalMs());
        },
      );
    }, delayMs);
  }

  private intervalMs(): number {
    const seconds = this.options.presentation.live?.refreshIntervalSeconds ?? this.hlsTargetDuration ?? 2;
    return Math.max(MIN_INTERVAL_MS, seconds * 1000);
  }

  private hlsTargetDuration: number | undefined;

  /** Returns true when the presentation has ended (no more refreshes). */
  private async refresh(): Promise<boolean> {
    return this.options.presentation.protocol === 'dash' ? this.refreshDash() : this.refreshHls();
  }

  private async refreshDash(): Promise<boolean> {
    const current = this.options.presentation;
    const url = current.locations[0] ?? current.url;
    const response = await this.options.fetchText([url]);
    if (this.stopped) return true;
    const next = parseManifest(response.text, response.url, { nowMs: this.wallClock() });
    const windowStart = next.live ? (this.wallClock() - next.live.availabilityStartTimeMs) / 1000 - next.live.timeShiftBufferDepth : -Infinity;
    for (const set of current.switchingSets) {
      const nextSet = next.switchingSets.find((s) => s.id === set.id && s.type === set.type);
      if (!nextSet) continue;
      for (const representation of set.representations) {
        const nextRep = nextSet.representations.find((r) => r.id === representation.id);
        if (!nextRep) continue;
        const segments: Segment[] = [];
        for (const part of nextRep.segmentIndex) if (part.kind === 'segments') segments.push(...part.segments);
        if (segments.length > 0) this.options.streaming.updateSegments(representation, segments, windowStart);
      }
    }
    current.live = next.live;
    if (!next.live || next.live.ended) {
      current.duration = next.duration;
      this.options.onEnded(next.duration);
      return true;
    }
    return false;
  }

  private async refreshHls(): Promise<boolean> {
    const streaming = this.options.streaming;
    const live = streaming.refreshableRepresentations();
    let allEnded = live.length > 0;
    let end = 0;
    await Promise.all(
      live.map(async ({ representation, url }) => {
        const response = await this.options.fetchText([url]);
        if (this.stopped) return;
        const playlist = parseHlsMediaPlaylist(response.text, response.url);
        this.hlsTargetDuration = playlist.targetDuration || this.hlsTargetDuration;
        const known = streaming.resolvedSegments(representation)?.all ?? [];
        const aligned = alignRefreshedSegments(known, playlist.segments);
        if (aligned && aligned.length > 0) {
          streaming.updateSegments(representation, aligned, aligned[0]!.startTime);
          end = Math.max(end, aligned[aligned.length - 1]!.endTime);
        }
        if (!playlist.endList) allEnded = false;
      }),
    );
    if (allEnded && !this.stopped) {
      this.options.presentation.duration = end;
      this.options.onEnded(end);
      return true;
    }
    return false;
  }
}
