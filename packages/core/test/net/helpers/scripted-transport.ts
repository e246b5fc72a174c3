import type { Transport, TransportCallbacks, TransportRequest } from '@tessera/core/net';
import type { FakeClock } from './fake-clock';

/** What one attempt against a URL does, on the fake clock. */
export type Step =
  | {
      kind: 'respond';
      status?: number;
      headers?: Record<string, string>;
      body?: Uint8Array;
      /** Delay before the headers. Default 10 ms. */
      headersAfterMs?: number;
      /** Body chunk size; default the whole body in one chunk. */
      chunkBytes?: number;
      /** Delay between chunks (and before the first). Default 10 ms. */
      chunkIntervalMs?: number;
      /** Send this many bytes, then go silent forever (a stalled body). */
      stallAfterBytes?: number;
      /** Send this many bytes, then fail with a network error (connection reset). */
      errorAfterBytes?: number;
      /** false: report progress without chunk data, like XHR. Default true. */
      streams?: boolean;
    }
  | { kind: 'network-error'; afterMs?: number }
  | { kind: 'hang' }
  | { kind: 'throw' };

export interface SentRequest extends TransportRequest {
  atMs: number;
}

/**
 * A transport double: each URL has a queue of steps, one per attempt (the last step
 * repeats). Everything happens on the FakeClock, so timing assertions are exact.
 */
export class ScriptedTransport implements Transport {
  readonly name = 'scripted';
  readonly sent: SentRequest[] = [];
  aborts = 0;
  private readonly scripts = new Map<string, Step[]>();
  private live = 0;

  constructor(private readonly clock: FakeClock) {}

  script(url: string, ...steps: Step[]): this {
    this.scripts.set(url, steps);
    return this;
  }

  /** Exchanges started and neither finished nor aborted. */
  get liveExchanges(): number {
    return this.live;
  }

  hits(url: string): number {
    return this.sent.filter((r) => r.url === url).length;
  }

  send(request: TransportRequest, callbacks: TransportCallbacks): { abort(): void } {
    this.sent.push({ ...request, headers: { ...request.headers }, atMs: this.clock.now() });
    const steps = this.scripts.get(request.url) ?? [{ kind: 'network-error' } as Step];
    const step = steps.length > 1 ? steps.shift()! : steps[0];
    if (step.kind === 'throw') throw new Error('transport exploded for ' + request.url);

    let done = false;
    const timers: unknown[] = [];
    this.live++;
    const finish = (): boolean => {
      if (done) return false;
      done = true;
      this.live--;
      return true;
    };
    const at = (delayMs: number, fn: () => void): void => {
      timers.push(this.clock.setTimeout(() => { if (!done) fn(); }, delayMs));
    };

    if (step.kind === 'network-error') {
      at(step.afterMs ?? 10, () => { if (finish()) callbacks.onError({ kind: 'network', message: 'connection refused ' + request.url }); });
    } else if (step.kind === 'respond') {
      const body = step.body ?? new Uint8Array(0);
      const headersAfter = step.headersAfterMs ?? 10;
      const interval = step.chunkIntervalMs ?? 10;
      const chunk = Math.max(1, step.chunkBytes ?? Math.max(1, body.byteLength));
      const headers = { 'content-length': String(body.byteLength), ...(step.headers ?? {}) };
      at(headersAfter, () => {
        callbacks.onHeaders({ status: step.status ?? 200, url: request.url, headers });
        if (done) return;
        let sent = 0;
        const pump = (): void => {
          if (step.errorAfterBytes !== undefined && sent >= step.errorAfterBytes) {
            if (finish()) callbacks.onError({ kind: 'network', message: 'reset' });
            return;
          }
          if (step.stallAfterBytes !== undefined && sent >= step.stallAfterBytes) return;
          if (sent >= body.byteLength) {
            if (finish()) callbacks.onComplete(body);
            return;
          }
          const from = sent;
          sent = Math.min(body.byteLength, sent + chunk);
          callbacks.onData(sent, body.byteLength, step.streams === false ? undefined : body.subarray(from, sent));
          if (!done) at(interval, pump);
        };
        at(interval, pump);
      });
    }
    // 'hang': nothing ever happens.

    return {
      abort: () => {
        if (finish()) this.aborts++;
        for (const t of timers) this.clock.clearTimeout(t);
      },
    };
  }
}

export function bytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = i % 251;
  return out;
}
