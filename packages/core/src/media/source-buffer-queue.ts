/**
 * Serialises operations on one SourceBuffer: MSE allows one at a time (`updating`), and
 * each finishes with `updateend` (after `error` when it failed). An operation either
 * starts async work on the SourceBuffer (append/remove: wait for updateend), completes
 * synchronously (timestampOffset), or returns a promise the queue waits for (barriers
 * shared across SourceBuffers, e.g. endOfStream). Operations after a failure still run.
 */
type Operation = {
  name: string;
  start: (sb: SourceBuffer) => void | Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
};

export class SourceBufferQueue {
  private readonly queue: Operation[] = [];
  private current: Operation | undefined;
  private destroyed = false;
  private failedAwaitingUpdateEnd = false;

  constructor(private readonly sourceBuffer: SourceBuffer) {
    sourceBuffer.addEventListener('updateend', this.onUpdateEnd);
    sourceBuffer.addEventListener('error', this.onError);
  }

  get buffer(): SourceBuffer {
    return this.sourceBuffer;
  }

  enqueue(name: string, start: (sb: SourceBuffer) => void | Promise<void>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.destroyed) {
        reject(new Error('SourceBuffer queue destroyed'));
        return;
      }
      this.queue.push({ name, start, resolve, reject });
      this.next();
    });
  }

  /** Drop queued (not started) operations whose name matches; they resolve without running. */
  cancelPending(predicate: (name: string) => boolean): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const op = this.queue[i]!;
      if (predicate(op.name)) {
        this.queue.splice(i, 1);
        op.resolve();
      }
    }
  }

  destroy(): void {
    this.destroyed = true;
    this.sourceBuffer.removeEventListener('updateend', this.onUpdateEnd);
    this.sourceBuffer.removeEventListener('error', this.onError);
    const pending = this.queue.splice(0);
    if (this.current) pending.unshift(this.current);
    this.current = undefined;
    for (const op of pending) op.reject(new Error('SourceBuffer queue destroyed'));
  }

  private next(): void {
    while (!this.current && !this.failedAwaitingUpdateEnd && this.queue.length > 0 && !this.destroyed) {
      const op = this.queue.shift()!;
      this.current = op;
      let result: void | Promise<void>;
      try {
        result = op.start(this.sourceBuffer);
      } catch (error) {
        this.current = undefined;
        op.reject(error);
        continue;
      }
      if (result && typeof (result as Promise<void>).then === 'function') {
        (result as Promise<void>).then(
          () => this.finish(op, undefined),
          (error: unknown) => this.finish(op, error === undefined ? new Error(op.name) : error),
        );
        return;
      }
      if (!this.sourceBuffer.updating) {
        this.current = undefined;
        op.resolve();
      }
    }
  }

  private finish(op: Operation, error: unknown): void {
    if (this.current !== op) return;
    this.current = undefined;
    if (error !== undefined) op.reject(error);
    else op.resolve();
    this.next();
  }

  private readonly onUpdateEnd = (): void => {
    if (this.failedAwaitingUpdateEnd) {
      // The failed operation's own updateend: the buffer is free again.
      this.failedAwaitingUpdateEnd = false;
      this.next();
      return;
    }
    const op = this.current;
    if (op) this.finish(op, undefined);
  };

  private readonly onError = (): void => {
    const op = this.current;
    if (!op) return;
    this.current = undefined;
    op.reject(new Error(`SourceBuffer ${op.name} failed`));
    // Per spec `updateend` follows `error`; start the next operation only then.
    this.failedAwaitingUpdateEnd = true;
  };
}
