import { ErrorCode } from '../errors/error-codes';
import { TesseraError } from '../errors/tessera-error';
import { SourceBufferQueue } from './source-buffer-queue';
import { toRanges, type TimeRange } from './time-ranges';

export type MediaType = 'video' | 'audio';

/** Thrown (rejected) by `append` when the browser's SourceBuffer is full. */
export class QuotaExceeded extends Error {
  constructor(readonly type: MediaType) {
    super(`QuotaExceededError on ${type}`);
    Object.setPrototypeOf(this, QuotaExceeded.prototype);
  }
}

function getMediaSourceCtor(): typeof MediaSource | undefined {
  if (typeof window === 'undefined') return undefined;
  const w = window as unknown as { MediaSource?: typeof MediaSource; WebKitMediaSource?: typeof MediaSource };
  return w.MediaSource ?? w.WebKitMediaSource;
}

/** Can this browser play `mimeType; codecs="..."` through MSE? */
export function isTypeSupported(mimeType: string, codecs: string): boolean {
  const ctor = getMediaSourceCtor();
  if (!ctor) return false;
  return ctor.isTypeSupported(codecs ? `${mimeType}; codecs="${codecs}"` : mimeType);
}

/**
 * The thin layer over MediaSource: one SourceBuffer per type behind an operation queue.
 * Everything above it (what to append, when to evict) is decided elsewhere.
 */
export class MediaSourceEngine {
  private mediaSource: MediaSource | undefined;
  private objectUrl: string | undefined;
  private readonly queues: Partial<Record<MediaType, SourceBufferQueue>> = {};
  private readonly mimeTypes: Partial<Record<MediaType, string>> = {};
  private readonly offsets: Partial<Record<MediaType, number>> = {};
  private opened: Promise<void> | undefined;

  constructor(private readonly media: HTMLMediaElement) {}

  /** Creates the MediaSource and attaches it; resolves on `sourceopen`. */
  open(): Promise<void> {
    if (this.opened) return this.opened;
    const Ctor = getMediaSourceCtor();
    if (!Ctor) return Promise.reject(new TesseraError(ErrorCode.MSE_UNSUPPORTED, 'fatal', {}));
    const mediaSource = new Ctor();
    this.mediaSource = mediaSource;
    this.opened = new Promise<void>((resolve) => {
      const onOpen = (): void => {
        mediaSource.removeEventListener('sourceopen', onOpen);
        resolve();
      };
      mediaSource.addEventListener('sourceopen', onOpen);
    });
    this.objectUrl = URL.createObjectURL(mediaSource);
    this.media.src = this.objectUrl;
    return this.opened;
  }

  get readyState(): string {
    return this.mediaSource?.readyState ?? 'closed';
  }

  hasType(type: MediaType): boolean {
    return this.queues[type] !== undefined;
  }

  addSourceBuffer(type: MediaType, mimeType: string, codecs: string): void {
    const full = codecs ? `${mimeType}; codecs="${codecs}"` : mimeType;
    if (!this.mediaSource) throw new TesseraError(ErrorCode.INVALID_STATE, 'fatal', { method: 'addSourceBuffer', state: 'closed' });
    let sourceBuffer: SourceBuffer;
    try {
      sourceBuffer = this.mediaSource.addSourceBuffer(full);
    } catch (error) {
      throw new TesseraError(ErrorCode.CODEC_UNSUPPORTED, 'fatal', { mimeType, codecs }, undefined, error);
    }
    this.queues[type] = new SourceBufferQueue(sourceBuffer);
    this.mimeTypes[type] = full;
  }

  /** Switch codec within a SourceBuffer when the browser supports changeType (Chrome 70+). */
  changeType(type: MediaType, mimeType: string, codecs: string): Promise<void> {
    const full = codecs ? `${mimeType}; codecs="${codecs}"` : mimeType;
    if (this.mimeTypes[type] === full) return Promise.resolve();
    this.mimeTypes[type] = full;
    return this.queue(type).enqueue(
      'changeType',
      (sb) => {
        const withChangeType = sb as SourceBuffer & { changeType?: (type: string) => void };
        if (withChangeType.changeType) withChangeType.changeType(full);
      },
    );
  }

  /**
   * Queue an append. `init` appends are never cancelled by `abortParser()`: a stream that
   * believes an init segment is in the buffer must not find it silently dropped.
   */
  append(type: MediaType, data: Uint8Array, kind: 'init' | 'media' = 'media'): Promise<void> {
    return this.queue(type)
      .enqueue(`append-${kind}`, (sb) => sb.appendBuffer(data as unknown as ArrayBuffer))
      .catch((error: unknown) => {
        if (error && (error as { name?: string }).name === 'QuotaExceededError') throw new QuotaExceeded(type);
        throw new TesseraError(ErrorCode.APPEND_FAILED, 'recoverable', { type, reason: String((error as Error)?.message ?? error) }, undefined, error);
      });
  }

  remove(type: MediaType, start: number, end: number): Promise<void> {
    const from = Math.max(0, start);
    if (!(end > from)) return Promise.resolve();
    return this.queue(type).enqueue('remove', (sb) => {
      // End clamped to the media duration: remove() throws past it.
      const duration = this.mediaSource && isFinite(this.mediaSource.duration) ? this.mediaSource.duration : Infinity;
      const to = Math.min(end, duration);
      if (to > from) sb.remove(from, to);
    });
  }

  /** Queued so it applies between the right appends; skipped when unchanged. */
  setTimestampOffset(type: MediaType, offset: number): Promise<void> {
    if (this.offsets[type] === offset) return Promise.resolve();
    this.offsets[type] = offset;
    return this.queue(type).enqueue('timestampOffset', (sb) => {
      sb.timestampOffset = offset;
    });
  }

  /** Resets the parser after an interrupted append (and forgets the offset we set). */
  abortParser(type: MediaType): Promise<void> {
    const queue = this.queues[type];
    if (!queue) return Promise.resolve();
    queue.cancelPending((name) => name === 'append-media');
    return queue.enqueue(
      'abort',
      (sb) => {
        if (this.mediaSource?.readyState === 'open') sb.abort();
        // abort() resets timestampOffset handling only for sequence mode; re-apply ours.
        const offset = this.offsets[type];
        if (offset !== undefined) sb.timestampOffset = offset;
      },
    );
  }

  buffered(type: MediaType): TimeRange[] {
    const queue = this.queues[type];
    if (!queue || this.mediaSource?.readyState === 'closed') return [];
    try {
      return toRanges(queue.buffer.buffered);
    } catch {
      return []; // InvalidStateError once the SourceBuffer is detached
    }
  }

  setDuration(seconds: number): Promise<void> {
    const ms = this.mediaSource;
    if (!ms || ms.readyState !== 'open') return Promise.resolve();
    // duration must not change while any SourceBuffer is updating: queue on all.
    const types = Object.keys(this.queues) as MediaType[];
    const apply = (): void => {
      if (ms.readyState === 'open' && ms.duration !== seconds) ms.duration = seconds;
    };
    if (types.length === 0) {
      apply();
      return Promise.resolve();
    }
    return this.onAllQueues('duration', apply);
  }

  endOfStream(): Promise<void> {
    const ms = this.mediaSource;
    if (!ms) return Promise.resolve();
    return this.onAllQueues('endOfStream', () => {
      if (ms.readyState === 'open') ms.endOfStream();
    });
  }

  /** Detaches and releases everything: queues, SourceBuffers, the object URL. */
  destroy(): void {
    for (const type of Object.keys(this.queues) as MediaType[]) this.queues[type]!.destroy();
    const ms = this.mediaSource;
    if (ms && ms.readyState === 'open') {
      try {
        for (let i = ms.sourceBuffers.length - 1; i >= 0; i--) {
          const sb = ms.sourceBuffers[i]!;
          if (!sb.updating) ms.removeSourceBuffer(sb);
        }
      } catch {
        // detaching anyway
      }
    }
    if (this.objectUrl) {
      this.media.removeAttribute('src');
      this.media.load();
      URL.revokeObjectURL(this.objectUrl);
    }
    this.objectUrl = undefined;
    this.mediaSource = undefined;
  }

  private queue(type: MediaType): SourceBufferQueue {
    const queue = this.queues[type];
    if (!queue) throw new TesseraError(ErrorCode.INVALID_STATE, 'fatal', { method: `sourceBuffer(${type})`, state: 'missing' });
    return queue;
  }

  /**
   * Runs `action` when every SourceBuffer is idle at the same point: each queue holds a
   * barrier operation (blocking later appends) until all have reached theirs.
   */
  private onAllQueues(name: string, action: () => void): Promise<void> {
    const queues = Object.keys(this.queues).map((t) => this.queues[t as MediaType]!);
    let release: (error?: unknown) => void = () => {};
    const released = new Promise<void>((resolve, reject) => {
      release = (error) => (error === undefined ? resolve() : reject(error));
    });
    let reached = 0;
    const barriers = queues.map((queue) =>
      queue.enqueue(name, () => {
        reached++;
        if (reached === queues.length) {
          try {
            action();
            release();
          } catch (error) {
            release(error);
          }
        }
        return released;
      }),
    );
    return Promise.all(barriers).then(() => undefined);
  }
}
