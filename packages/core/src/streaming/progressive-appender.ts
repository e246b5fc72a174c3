import type { MediaSourceEngine, MediaType } from '../media/media-source-engine';

/**
 * Appends a media segment to a SourceBuffer while it downloads: chunks that arrive
 * while an append is running are coalesced into the next one. MSE's parser accepts
 * any byte boundary, so the first frames decode before the segment is complete.
 * `beforeFirstAppend` sees the first bytes once they hold a complete `moof` (HLS
 * derives timestampOffset from its tfdt) and may delay the first append.
 */
export class ProgressiveAppender {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private appending: Promise<void> = Promise.resolve();
  private started = false;
  private failed: unknown;
  private appendedBytes = 0;
  private pushedBytes = 0;

  constructor(
    private readonly mse: MediaSourceEngine,
    private readonly type: MediaType,
    private readonly beforeFirstAppend: (head: Uint8Array) => Promise<void> | void,
    /** Gather a complete `moof` before the first append. */
    private readonly needsMoof: boolean,
    /** False once the owner moved on (seek, switch): nothing more gets appended. */
    private readonly isCurrent: () => boolean,
  ) {}

  get bytesAppended(): number {
    return this.appendedBytes;
  }

  /** Bytes handed to push() so far (0 when the transport could not stream). */
  get bytesPushed(): number {
    return this.pushedBytes;
  }

  push(chunk: Uint8Array): void {
    if (this.failed !== undefined || chunk.length === 0) return;
    this.pushedBytes += chunk.length;
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (!this.started) {
      const head = this.concatPending(false);
      const moofEnd = completeMoofEnd(head);
      if (this.needsMoof && moofEnd < 0) return;
      this.started = true;
      this.pending = [head];
      // Only whole boxes are handed over: the mdat after the moof may still be arriving.
      const boxes = moofEnd > 0 ? head.subarray(0, moofEnd) : head;
      this.appending = this.appending.then(() => this.beforeFirstAppend(boxes));
    }
    this.flushSoon();
  }

  /** All data arrived: append the rest and resolve when the SourceBuffer has it all. */
  finish(): Promise<void> {
    if (!this.started && this.pendingBytes > 0) {
      this.started = true;
      const head = this.concatPending(false);
      this.pending = [head];
      const moofEnd = completeMoofEnd(head);
      this.appending = this.appending.then(() => this.beforeFirstAppend(moofEnd > 0 ? head.subarray(0, moofEnd) : head));
    }
    this.flushSoon();
    return this.appending.then(() => {
      if (this.failed !== undefined) throw this.failed;
    });
  }

  private flushSoon(): void {
    this.appending = this.appending.then(() => {
      if (this.failed !== undefined || this.pendingBytes === 0) return;
      if (!this.isCurrent()) {
        this.pending = [];
        this.pendingBytes = 0;
        return;
      }
      const data = this.concatPending(true);
      return this.mse.append(this.type, data).then(
        () => {
          this.appendedBytes += data.length;
        },
        (error: unknown) => {
          this.failed = error;
        },
      );
    });
  }

  private concatPending(clear: boolean): Uint8Array {
    let out: Uint8Array;
    if (this.pending.length === 1) out = this.pending[0]!;
    else {
      out = new Uint8Array(this.pendingBytes);
      let offset = 0;
      for (const part of this.pending) {
        out.set(part, offset);
        offset += part.length;
      }
    }
    if (clear) {
      this.pending = [];
      this.pendingBytes = 0;
    }
    return out;
  }
}

/**
 * Where the first complete top-level `moof` of `data` ends, or -1 when it has not fully
 * arrived (or the box structure cannot be walked: 64-bit/to-end sizes wait for all data).
 */
export function completeMoofEnd(data: Uint8Array): number {
  let offset = 0;
  while (offset + 8 <= data.length) {
    const size = ((data[offset]! << 24) >>> 0) + (data[offset + 1]! << 16) + (data[offset + 2]! << 8) + data[offset + 3]!;
    const type = String.fromCharCode(data[offset + 4]!, data[offset + 5]!, data[offset + 6]!, data[offset + 7]!);
    if (size < 8) return -1;
    if (type === 'moof') return offset + size <= data.length ? offset + size : -1;
    offset += size;
  }
  return -1;
}
