import { createReadStream, type ReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { LinkFlow, NetworkLink } from './network-link';

/** Where a body comes from: a byte range of a file (end inclusive) or bytes in memory. */
export type BodySource =
  | { kind: 'file'; path: string; start: number; end: number }
  | { kind: 'buffer'; data: Uint8Array };

export interface SendBodyOptions {
  /** Close the connection after this many body bytes (fault injection: a truncated response). */
  truncateAfterBytes?: number;
  /** Called with every chunk size handed to the socket (server stats). */
  onBytes?: (bytes: number) => void;
}

const READ_CHUNK_BYTES = 256 * 1024;
// Read ahead enough for several shaper slices at 100+ Mbit/s, without holding whole files.
const PAUSE_READ_AT_BYTES = 1024 * 1024;
const RESUME_READ_BELOW_BYTES = 512 * 1024;

/**
 * Sends a response body (headers must be set) through the shared link.
 * Resolves when the body was handed to the socket, or the response closed early
 * (client went away, server closing). Never rejects: failures destroy the response.
 */
export function sendBodyThroughLink(
  res: ServerResponse,
  link: NetworkLink,
  source: BodySource,
  options: SendBodyOptions = {},
): Promise<void> {
  return new Promise((resolve) => {
    new ResponseBodyFlow(res, link, source, options, resolve).start();
  });
}

class ResponseBodyFlow implements LinkFlow {
  private readonly queue: Buffer[] = [];
  private queuedBytes = 0;
  private sentBytes = 0;
  private readonly limitBytes: number;
  private readonly truncated: boolean;
  private blocked = false;
  private done = false;
  private sourceEnded = false;
  private stream: ReadStream | undefined;

  constructor(
    private readonly res: ServerResponse,
    private readonly link: NetworkLink,
    private readonly source: BodySource,
    private readonly options: SendBodyOptions,
    private readonly resolve: () => void,
  ) {
    const totalBytes = source.kind === 'file' ? Math.max(0, source.end - source.start + 1) : source.data.byteLength;
    const cut = options.truncateAfterBytes;
    this.limitBytes = cut !== undefined && cut < totalBytes ? Math.max(0, Math.floor(cut)) : totalBytes;
    this.truncated = this.limitBytes < totalBytes;
  }

  start(): void {
    if (this.res.destroyed) return this.finish('aborted');
    this.res.on('close', this.onResponseClose);
    this.res.on('drain', this.onDrain);
    if (this.limitBytes === 0) return this.finish('complete');
    if (this.source.kind === 'buffer') {
      this.enqueue(Buffer.from(this.source.data.buffer, this.source.data.byteOffset, this.limitBytes));
      this.sourceEnded = true;
    } else {
      const stream = createReadStream(this.source.path, {
        start: this.source.start,
        end: this.source.start + this.limitBytes - 1,
        highWaterMark: READ_CHUNK_BYTES,
      });
      this.stream = stream;
      stream.on('data', (chunk) => {
        this.enqueue(chunk as Buffer);
        if (this.queuedBytes >= PAUSE_READ_AT_BYTES) stream.pause();
        this.link.wake();
      });
      stream.on('end', () => {
        this.sourceEnded = true;
        // The file shrank under us: the promised Content-Length cannot be met.
        if (this.queuedBytes === 0 && this.sentBytes < this.limitBytes) this.finish('failed');
      });
      stream.on('error', () => this.finish('failed'));
    }
    this.link.attach(this);
  }

  readyBytes(): number {
    return this.blocked || this.done ? 0 : this.queuedBytes;
  }

  send(bytes: number): void {
    if (this.done || bytes <= 0) return;
    const chunk = this.dequeue(Math.min(bytes, this.queuedBytes));
    this.sentBytes += chunk.byteLength;
    this.options.onBytes?.(chunk.byteLength);
    if (!this.res.write(chunk)) this.blocked = true;
    if (this.stream?.isPaused() && this.queuedBytes < RESUME_READ_BELOW_BYTES) this.stream.resume();
    if (this.sentBytes >= this.limitBytes) this.finish('complete');
    else if (this.sourceEnded && this.queuedBytes === 0) this.finish('failed');
  }

  private enqueue(chunk: Buffer): void {
    this.queue.push(chunk);
    this.queuedBytes += chunk.byteLength;
  }

  private dequeue(bytes: number): Buffer {
    const parts: Buffer[] = [];
    let needed = bytes;
    while (needed > 0) {
      const head = this.queue[0]!;
      if (head.byteLength <= needed) {
        parts.push(head);
        this.queue.shift();
        needed -= head.byteLength;
      } else {
        parts.push(head.subarray(0, needed));
        this.queue[0] = head.subarray(needed);
        needed = 0;
      }
    }
    this.queuedBytes -= bytes;
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, bytes);
  }

  private readonly onDrain = (): void => {
    this.blocked = false;
    this.link.wake();
  };

  private readonly onResponseClose = (): void => this.finish('aborted');

  private finish(outcome: 'complete' | 'aborted' | 'failed'): void {
    if (this.done) return;
    this.done = true;
    this.link.detach(this);
    this.stream?.destroy();
    this.queue.length = 0;
    this.queuedBytes = 0;
    this.res.off('close', this.onResponseClose);
    this.res.off('drain', this.onDrain);
    if (outcome === 'complete' && !this.truncated) {
      this.res.end();
    } else if (outcome === 'complete') {
      // Truncation fault: headers promised more bytes; flush what was written, then FIN.
      // The client sees a premature end of the body, like a CDN connection dropping.
      this.res.flushHeaders();
      this.res.socket?.end();
    } else if (outcome === 'failed') {
      this.res.destroy();
    }
    this.resolve();
  }
}
