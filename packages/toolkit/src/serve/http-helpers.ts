import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

export const DEFAULT_BODY_LIMIT_BYTES = 8 * 1024 * 1024;

/** A short response written directly (errors, control endpoints): not shaped, not counted. */
export function sendText(res: ServerResponse, status: number, text: string, headers: OutgoingHttpHeaders = {}): void {
  if (res.headersSent || res.destroyed) return;
  // 204 and 304 never carry a body (RFC 9110 §15.3.5, §15.4.5).
  if (status === 204 || status === 304) {
    res.writeHead(status, { 'Cache-Control': 'no-store', ...headers });
    res.end();
    return;
  }
  const body = Buffer.from(text.endsWith('\n') ? text : `${text}\n`);
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(body.byteLength),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  sendText(res, status, JSON.stringify(value), { 'Content-Type': 'application/json' });
}

/** Reads a request body into memory, refusing more than `limitBytes`. */
export function readBody(req: IncomingMessage, limitBytes = DEFAULT_BODY_LIMIT_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    req.on('data', (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > limitBytes) {
        req.removeAllListeners('data');
        req.resume();
        reject(new RangeError(`request body over ${limitBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks, total)));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('request body aborted'));
    });
  });
}

/** A wait that ends early (without error) when `signal` aborts, so closing never waits on it. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
