import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server with the failure modes the loader must survive. Every answer carries
 * CORS headers so jsdom's XMLHttpRequest (page origin http://localhost:3000) can read it.
 *
 * Routes (query parameters in brackets; `tag` groups hit counts):
 *   /bytes[size, ignoreRange]       200, or 206 for a Range; body byte i = i % 251
 *   /text                           UTF-8 text
 *   /status[code]                   that status, small body
 *   /flaky[fail, code, size]        `fail` times `code`, then /bytes
 *   /retry-after[secs, size]        once 503 + Retry-After, then /bytes
 *   /slow[size, chunk, interval]    body in chunks every `interval` ms
 *   /delay[ms, size]                headers after `ms`
 *   /stall[size, send]              Content-Length size, `send` bytes, then silence
 *   /truncate[size, send, fin]      Content-Length size, `send` bytes, then socket reset (or FIN)
 *   /short-range[size]              206 claiming `size` bytes in Content-Range, sending half
 *   /redirect[to]                   302 to `to`
 *   /echo                           JSON of method, body, request headers
 */
export interface TestServer {
  origin: string;
  url(path: string): string;
  /** Non-preflight requests seen for `key`. */
  hits(key: string): number;
  /** Server-side arrival times (Date.now) of the requests for `key`. */
  hitTimes(key: string): number[];
  /** Open sockets (leak checks). */
  openConnections(): number;
  close(): Promise<void>;
}

export function bodyBytes(size: number, offset = 0): Buffer {
  const out = Buffer.alloc(size);
  for (let i = 0; i < size; i++) out[i] = (i + offset) % 251;
  return out;
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Content-Range, Content-Length, Retry-After, X-Test, Date',
};

export async function startTestServer(): Promise<TestServer> {
  const hits = new Map<string, number[]>();
  const timers = new Set<NodeJS.Timeout>();
  let sockets = 0;
  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => { timers.delete(t); fn(); }, ms);
    timers.add(t);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const q = (name: string, fallback: number): number => (url.searchParams.has(name) ? Number(url.searchParams.get(name)) : fallback);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...CORS,
        'Access-Control-Allow-Methods': 'GET, POST',
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
        'Access-Control-Max-Age': '600',
      });
      res.end();
      return;
    }
    const key = url.searchParams.get('tag') ?? url.pathname;
    const list = hits.get(key) ?? [];
    list.push(Date.now());
    hits.set(key, list);
    const count = list.length;

    const sendBytes = (size: number): void => {
      const full = bodyBytes(size);
      const range = /^bytes=(\d+)-(\d*)$/.exec(String(req.headers.range ?? ''));
      if (range && !url.searchParams.has('ignoreRange')) {
        const start = Number(range[1]);
        const end = Math.min(size - 1, range[2] === '' ? size - 1 : Number(range[2]));
        if (start >= size) {
          res.writeHead(416, { ...CORS, 'Content-Range': `bytes */${size}` });
          res.end();
          return;
        }
        res.writeHead(206, { ...CORS, 'Content-Type': 'application/octet-stream', 'Content-Length': end - start + 1, 'Content-Range': `bytes ${start}-${end}/${size}` });
        res.end(full.subarray(start, end + 1));
        return;
      }
      res.writeHead(200, { ...CORS, 'Content-Type': 'application/octet-stream', 'Content-Length': size, 'X-Test': 'yes' });
      res.end(full);
    };

    switch (url.pathname) {
      case '/bytes':
        sendBytes(q('size', 1000));
        return;
      case '/text': {
        const text = Buffer.from('WEBVTT\n\nhéllo ✓', 'utf8');
        res.writeHead(200, { ...CORS, 'Content-Type': 'text/vtt; charset=utf-8', 'Content-Length': text.length });
        res.end(text);
        return;
      }
      case '/status':
        res.writeHead(q('code', 500), { ...CORS, 'Content-Type': 'text/plain' });
        res.end('status body');
        return;
      case '/flaky':
        if (count <= q('fail', 1)) {
          res.writeHead(q('code', 503), { ...CORS });
          res.end('try again');
        } else sendBytes(q('size', 100));
        return;
      case '/retry-after':
        if (count === 1) {
          res.writeHead(503, { ...CORS, 'Retry-After': String(q('secs', 1)) });
          res.end();
        } else sendBytes(q('size', 100));
        return;
      case '/slow': {
        const size = q('size', 10000);
        const chunk = q('chunk', 1000);
        const interval = q('interval', 20);
        const full = bodyBytes(size);
        res.writeHead(200, { ...CORS, 'Content-Length': size });
        let sent = 0;
        let closed = false;
        res.on('close', () => { closed = true; });
        const pump = (): void => {
          if (closed) return;
          const next = Math.min(size, sent + chunk);
          res.write(full.subarray(sent, next));
          sent = next;
          if (sent >= size) res.end();
          else later(interval, pump);
        };
        later(interval, pump);
        return;
      }
      case '/delay':
        later(q('ms', 1000), () => {
          if (!res.destroyed) sendBytes(q('size', 100));
        });
        return;
      case '/stall': {
        const size = q('size', 1000);
        res.writeHead(200, { ...CORS, 'Content-Length': size });
        res.write(bodyBytes(q('send', 100)));
        return; // never ends; closed by close()
      }
      case '/truncate': {
        const size = q('size', 1000);
        res.writeHead(200, { ...CORS, 'Content-Length': size });
        // fin=1: close the connection cleanly (FIN) instead of resetting it.
        const fin = url.searchParams.has('fin');
        res.write(bodyBytes(q('send', 500)), () => later(20, () => (fin ? res.socket?.end() : res.socket?.destroy())));
        return;
      }
      case '/short-range': {
        // A broken origin: 206 whose Content-Range promises more than the body holds.
        const size = q('size', 10000);
        const half = bodyBytes(size / 2);
        res.writeHead(206, { ...CORS, 'Content-Length': half.length, 'Content-Range': `bytes 0-${size - 1}/${size}` });
        res.end(half);
        return;
      }
      case '/redirect':
        res.writeHead(302, { ...CORS, Location: url.searchParams.get('to') ?? '/bytes' });
        res.end();
        return;
      case '/echo': {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const body = JSON.stringify({ method: req.method, body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
          res.writeHead(200, { ...CORS, 'Content-Type': 'application/json' });
          res.end(body);
        });
        return;
      }
      default:
        res.writeHead(404, { ...CORS });
        res.end('not found');
    }
  });

  server.on('connection', (socket) => {
    sockets++;
    socket.on('close', () => { sockets--; });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    url: (path) => origin + path,
    hits: (key) => (hits.get(key) ?? []).length,
    hitTimes: (key) => (hits.get(key) ?? []).slice(),
    openConnections: () => sockets,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An http URL on a port nothing listens on (connection refused). */
export async function refusedUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}/refused`;
}
