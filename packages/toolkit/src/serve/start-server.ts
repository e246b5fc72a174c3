import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { realpath, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { resolve as resolvePath } from 'node:path';
import { ExitCode } from '../cli-support/exit-codes';
import { UserError } from '../cli-support/user-error';
import { CONTROL_PREFIX, handleControlRequest } from './control-endpoints';
import { answerPreflight, applyCorsHeaders } from './cors';
import { createFaultInjector, type FaultInjector, type FaultRule } from './fault-injection';
import { readBody, sendText, sleep } from './http-helpers';
import { NetworkLink } from './network-link';
import { parseNetworkProfile, type NetworkProfile } from './network-profile';
import { parseRequestPath } from './request-path';
import { sendBodyThroughLink } from './response-body-flow';
import { matchRoute, type Route, type RouteContext } from './route';
import { ServerStats, type ServerStatsSnapshot } from './server-stats';
import { DEFAULT_CACHE_CONTROL, serveStaticFile, type StaticSite } from './static-files';

export interface ServerOptions {
  /** Directory to serve. */
  root: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: only this machine can connect. */
  host?: string;
  /** Network emulation from the start (default: none). */
  network?: NetworkProfile;
  /** Checked in order before the static files (after fault injection). */
  routes?: readonly Route[];
  /** Initial fault rules (see `server.faults`). */
  faults?: readonly FaultRule[];
  /** Cache-Control of static files: a value, or a function of the root-relative path. Default `no-cache`. */
  cacheControl?: string | ((relativePath: string) => string);
  /** Serve `/_tessera/*` (network, stats, faults). Default true. */
  controlEndpoints?: boolean;
  /**
   * Share one emulated access link between several servers (CDN origins behind the same
   * home connection). The server then neither owns nor closes it; `network`, if given, is set on it.
   */
  link?: NetworkLink;
  /** Unexpected handler errors (bugs), after a 500 was sent. Default: ignored. */
  onError?: (error: unknown, req: IncomingMessage) => void;
}

export interface TesseraServer {
  /** `http://host:port`, without a trailing slash. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** The served directory, symlinks resolved. */
  readonly root: string;
  /** A snapshot of the counters (control requests excluded). */
  readonly stats: ServerStatsSnapshot;
  resetStats(): void;
  readonly network: NetworkProfile | undefined;
  /** Changes the emulation now (the trace clock restarts at 0); undefined turns it off. */
  setNetwork(profile: NetworkProfile | undefined): void;
  readonly link: NetworkLink;
  readonly faults: FaultInjector;
  /** Stops listening and destroys every connection, in-flight downloads included. */
  close(): Promise<void>;
}

/**
 * A static media origin with CORS, byte ranges, network emulation, fault injection and
 * routes for the servers later built on it (licence, steering, telemetry collector).
 */
export async function startServer(options: ServerOptions): Promise<TesseraServer> {
  const realRoot = await checkedRoot(options.root);
  const host = options.host ?? '127.0.0.1';
  const ownsLink = options.link === undefined;
  const link = options.link ?? new NetworkLink();
  const initialProfile = parseNetworkProfile(options.network);
  if (ownsLink || initialProfile) link.setProfile(initialProfile);
  const stats = new ServerStats();
  const faults = createFaultInjector(options.faults);
  const routes: readonly Route[] = [faults.route, ...(options.routes ?? [])];
  const controlEnabled = options.controlEndpoints !== false;
  const cacheControl = options.cacheControl ?? DEFAULT_CACHE_CONTROL;
  const cacheControlFor = typeof cacheControl === 'function' ? cacheControl : () => cacheControl;
  // One controller per request in flight, aborted together on close (one listener each on a
  // shared server signal would trip Node's EventTarget leak warning past 10 requests).
  const inFlight = new Set<AbortController>();
  let isClosing = false;
  let baseUrl = '';

  const setNetwork = (profile: NetworkProfile | undefined): void => link.setProfile(parseNetworkProfile(profile));

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    applyCorsHeaders(res);
    const method = req.method ?? 'GET';
    const path = parseRequestPath(req.url ?? '/');
    if (!path.ok) {
      if (method === 'OPTIONS' && req.url === '*') return answerPreflight(req, res);
      return sendText(res, path.status, path.status === 403 ? 'Forbidden' : 'Bad Request');
    }
    const { pathname } = path;
    if (controlEnabled && pathname.startsWith(CONTROL_PREFIX)) {
      if (method === 'OPTIONS') return answerPreflight(req, res);
      return handleControlRequest(req, res, pathname, { link, stats, faults, setNetwork });
    }

    stats.recordRequest(pathname);
    res.once('close', () => stats.recordResponse(res.statusCode));
    const signal = requestSignal(res, inFlight, isClosing);
    // Every emulated response, errors and preflights included, costs one round trip.
    await sleep(link.currentLatencyMs(), signal);
    if (signal.aborted) return;
    if (method === 'OPTIONS') return answerPreflight(req, res);

    const url = new URL(baseUrl + (req.url ?? '/'));
    const site: StaticSite = {
      realRoot,
      link,
      cacheControl: cacheControlFor,
      onBytes: (bytes) => stats.recordBytes(pathname, bytes),
    };
    const serveStatic: RouteContext['serveStatic'] = (staticOptions) =>
      serveStaticFile(req, res, site, { segments: path.segments, trailingSlash: path.trailingSlash, search: url.search }, staticOptions);

    for (const route of routes) {
      const match = matchRoute(route, method, pathname);
      if (match === false) continue;
      const ctx: RouteContext = {
        url,
        pathname,
        match,
        signal,
        link,
        sleep: (ms) => sleep(ms, signal),
        readBody: (limitBytes) => readBody(req, limitBytes),
        send: (status, body, headers = {}) => {
          const data = typeof body === 'string' ? Buffer.from(body) : body ?? new Uint8Array(0);
          res.writeHead(status, { ...headers, 'Content-Length': String(data.byteLength) });
          if (method === 'HEAD' || status === 204 || status === 304) {
            res.end();
            return Promise.resolve();
          }
          return sendBodyThroughLink(res, link, { kind: 'buffer', data }, { onBytes: site.onBytes });
        },
        serveStatic,
      };
      if ((await route.handle(req, res, ctx)) !== false) return;
      if (signal.aborted) return;
    }
    await serveStatic();
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else sendText(res, 500, 'Internal Server Error');
      options.onError?.(error, req);
    });
  });

  await listen(server, options.port ?? 0, host);
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let closed: Promise<void> | undefined;
  return {
    url: baseUrl,
    host,
    port,
    root: realRoot,
    get stats() {
      return stats.snapshot();
    },
    resetStats: () => stats.reset(),
    get network() {
      return link.profile;
    },
    setNetwork,
    link,
    faults,
    close() {
      closed ??= new Promise<void>((resolve) => {
        isClosing = true;
        for (const controller of inFlight) controller.abort();
        server.close(() => resolve());
        // In-flight downloads and idle keep-alive sockets would otherwise hold close() open.
        server.closeAllConnections();
        if (ownsLink) link.close();
      });
      return closed;
    },
  };
}

async function checkedRoot(root: string): Promise<string> {
  const absolute = resolvePath(root);
  try {
    const real = await realpath(absolute);
    if ((await stat(real)).isDirectory()) return real;
  } catch {
    // reported below
  }
  throw new UserError(ExitCode.INPUT_UNREADABLE, `cannot serve ${absolute}: not a readable directory`);
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      const where = `${host}:${port}`;
      const reason =
        error.code === 'EADDRINUSE'
          ? 'the port is already in use (choose another port, or 0 for any free one)'
          : error.code === 'EACCES'
            ? 'permission denied (ports below 1024 need privileges)'
            : error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND'
              ? 'no such local address'
              : error.message;
      reject(new UserError(ExitCode.SERVER_FAILED, `cannot listen on ${where}: ${reason}`));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** Aborted when the response closes (client gone, or finished) or the server shuts down. */
function requestSignal(res: ServerResponse, inFlight: Set<AbortController>, isClosing: boolean): AbortSignal {
  const controller = new AbortController();
  if (isClosing) controller.abort();
  inFlight.add(controller);
  res.once('close', () => {
    inFlight.delete(controller);
    controller.abort();
  });
  return controller.signal;
}
