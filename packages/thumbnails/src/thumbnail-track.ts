import { ErrorCode, TesseraError } from '@tessera/core';
import { findCue } from './find-cue';
import { LruCache } from './lru-cache';
import type { Abortable, Thumbnail, ThumbnailCue, ThumbnailFetcher, ThumbnailFormat, ThumbnailIndex } from './types';

export interface ThumbnailTrackOptions {
  fetcher: ThumbnailFetcher;
  /** Turns image bytes into a URL for <img>/CSS (see `objectUrls()`). */
  createUrl(data: Uint8Array): string;
  revokeUrl(url: string): void;
  /** Bytes of loaded images kept (compressed size). Default 8 MiB. */
  maxCacheBytes?: number;
  /** Images kept, whatever their size (each holds an object URL). Default 64. */
  maxCacheImages?: number;
  /** Images preloaded on each side of the one in focus. Default 1 for sprite sheets, 5 for one picture per image (BIF). */
  preloadRadius?: number;
  /** Loads at a time. Default 2. */
  maxConcurrentLoads?: number;
}

interface Waiter {
  resolve(url: string): void;
  reject(error: unknown): void;
}

/**
 * One thumbnail track, whatever its format: finds the picture for a time, loads it
 * (images cached in an LRU bounded by bytes and count), keeps the images around the
 * focus time loaded, nearest first, and cancels the loads nobody needs any more.
 *
 * DOM-free: downloads go through the injected fetcher, URLs come from `createUrl`.
 */
export class ThumbnailTrack {
  readonly format: ThumbnailFormat;
  readonly cues: ReadonlyArray<ThumbnailCue>;
  private readonly cache: LruCache<number, string>;
  private readonly loads: Record<number, Abortable<{ data: Uint8Array }>> = {};
  private readonly waiters: Record<number, Waiter[]> = {};
  private failed: Record<number, true> = {};
  private wanted: number[] = [];
  private focused = -1;
  private active = 0;
  private readonly radius: number;
  private destroyed = false;

  constructor(private readonly index: ThumbnailIndex, private readonly options: ThumbnailTrackOptions) {
    this.format = index.format;
    this.cues = index.cues;
    const radius = options.preloadRadius;
    this.radius = radius !== undefined && radius >= 0 ? radius : index.images.length >= index.cues.length ? 5 : 1;
    this.cache = new LruCache<number, string>(options.maxCacheBytes || 8 << 20, options.maxCacheImages || 64, (url) => options.revokeUrl(url));
  }

  /** End of the last cue, seconds. */
  get duration(): number {
    const last = this.cues[this.cues.length - 1];
    return last ? last.endTime : 0;
  }

  /** Bytes of images held. */
  get cachedBytes(): number {
    return this.cache.size;
  }

  /** Images being downloaded. */
  get loading(): number {
    return this.active;
  }

  /** Index of the cue for `time` (see findCue), -1 when none. */
  cueAt(time: number): number {
    return findCue(this.cues, time);
  }

  /** The thumbnail for `time` if its image is loaded, without loading anything. */
  peek(time: number): Thumbnail | undefined {
    const cue = this.cueAt(time);
    const url = cue < 0 ? undefined : this.cache.get(this.cues[cue]!.image);
    return url === undefined ? undefined : this.thumbnail(cue, url);
  }

  /**
   * The thumbnail for `time`, its image loaded. Moves the focus there: the images
   * around it are preloaded and loads outside that window are cancelled — their
   * promises reject with ABORTED (recoverable). Undefined when the track has no cue.
   */
  getThumbnail(time: number): Promise<Thumbnail | undefined> {
    const cue = this.cueAt(time);
    if (cue < 0 || this.destroyed) return Promise.resolve(undefined);
    const image = this.cues[cue]!.image;
    const cached = this.cache.get(image);
    if (cached !== undefined) {
      this.focus(image);
      return Promise.resolve(this.thumbnail(cue, cached));
    }
    const promise = new Promise<string>((resolve, reject) => (this.waiters[image] = this.waiters[image] || []).push({ resolve, reject }));
    delete this.failed[image];
    this.focus(image);
    return promise.then((url) => this.thumbnail(cue, url));
  }

  /** Preload around `time` (the playhead, a hovered time) and cancel loads outside that window. */
  preload(time: number): void {
    const cue = this.cueAt(time);
    if (cue >= 0 && !this.destroyed) this.focus(this.cues[cue]!.image);
  }

  /** Cancel every load in flight or queued. */
  cancel(): void {
    this.wanted = [];
    this.focused = -1;
    this.drop(() => true);
  }

  /** Cancel loads and release every image (object URLs revoked). */
  destroy(): void {
    this.destroyed = true;
    this.cancel();
    this.cache.clear();
  }

  private thumbnail(cue: number, url: string): Thumbnail {
    const c = this.cues[cue]!;
    const out: Thumbnail = { url, startTime: c.startTime, endTime: c.endTime, cue };
    if (c.rect) out.rect = c.rect;
    return out;
  }

  /** The window: the focus image, then alternately the next and the previous ones. */
  private focus(image: number): void {
    if (image !== this.focused) {
      this.focused = image;
      this.failed = {};
      const wanted = [image];
      for (let d = 1; d <= this.radius; d++) {
        if (image + d < this.index.images.length) wanted.push(image + d);
        if (image - d >= 0) wanted.push(image - d);
      }
      this.wanted = wanted;
      this.drop((key) => wanted.indexOf(key) < 0);
    }
    this.pump();
  }

  /** Cancels the loads and waiters of the images `which` selects. */
  private drop(which: (image: number) => boolean): void {
    for (const key in this.loads) {
      if (!which(+key)) continue;
      const load = this.loads[key]!;
      delete this.loads[key];
      this.active--;
      load.abort();
    }
    for (const key in this.waiters) if (which(+key)) this.settle(+key, undefined, aborted(this.index.images[+key]!.url));
  }

  /** Starts loads in window order; the focus image itself never waits for a free slot. */
  private pump(): void {
    for (let i = 0; i < this.wanted.length && (i === 0 || this.active < (this.options.maxConcurrentLoads || 2)); i++) {
      const image = this.wanted[i]!;
      if (!this.cache.has(image) && !this.loads[image] && !this.failed[image]) this.load(image);
    }
  }

  private load(image: number): void {
    const source = this.index.images[image]!;
    const load = source.data ? { promise: Promise.resolve({ data: source.data }), abort: () => undefined } : this.options.fetcher.bytes(source.url, source.byteRange);
    this.loads[image] = load;
    this.active++;
    const done = (data: Uint8Array | undefined, error?: unknown) => {
      if (this.loads[image] !== load) return; // cancelled meanwhile
      delete this.loads[image];
      this.active--;
      let url: string | undefined;
      if (data) {
        try {
          url = this.options.createUrl(data);
          this.cache.set(image, url, data.length);
        } catch (e) {
          error = e;
        }
      }
      if (url === undefined) this.failed[image] = true;
      this.settle(image, url, error);
      this.pump();
    };
    load.promise.then((response) => done(response.data), (error) => done(undefined, error));
  }

  private settle(image: number, url: string | undefined, error: unknown): void {
    const waiters = this.waiters[image] || [];
    delete this.waiters[image];
    for (let i = 0; i < waiters.length; i++) {
      if (url !== undefined) waiters[i]!.resolve(url);
      else waiters[i]!.reject(error);
    }
  }
}

function aborted(url: string): TesseraError {
  return new TesseraError(ErrorCode.ABORTED, 'recoverable', { url });
}
