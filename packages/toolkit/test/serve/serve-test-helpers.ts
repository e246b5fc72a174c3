import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '@tessera/core';

/** A temporary directory, removed by the returned cleanup. */
export async function makeTempDir(prefix = 'tessera-serve-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Sends bytes exactly as given over TCP: fetch and http.request normalize `..` and
 * percent-encodings, which is precisely what a traversal test must not do.
 */
export function rawRequest(port: number, requestTarget: string, method = 'GET', extraHeaders = ''): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error('raw request timed out')));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const data = Buffer.concat(chunks);
      const split = data.indexOf('\r\n\r\n');
      const head = data.subarray(0, split === -1 ? data.length : split).toString('latin1');
      const [statusLine, ...headerLines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({
        status: Number(/^HTTP\/1\.\d (\d{3})/.exec(statusLine ?? '')?.[1] ?? 0),
        headers,
        body: split === -1 ? Buffer.alloc(0) : data.subarray(split + 4),
      });
    });
    socket.write(`${method} ${requestTarget} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${extraHeaders}\r\n`);
  });
}

/** Reads a whole response body, returning when each byte arrived relative to `startMs`. */
export async function readTimed(response: Response, startMs: number): Promise<{ bytes: number; doneMs: number; samples: Array<[number, number]> }> {
  const reader = response.body!.getReader();
  const samples: Array<[number, number]> = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    samples.push([performance.now() - startMs, bytes]);
  }
  return { bytes, doneMs: performance.now() - startMs, samples };
}

/** A clock the test advances by hand; timers fire in order during advance(). */
export class ManualClock implements Clock {
  private time = 0;
  private timers: Array<{ at: number; callback: () => void; id: number }> = [];
  private nextId = 1;

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, delayMs: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.time + delayMs, callback, id });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.time = next.at;
      next.callback();
    }
    this.time = end;
  }
}
