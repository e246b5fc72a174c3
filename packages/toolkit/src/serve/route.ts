import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { NetworkLink } from './network-link';

/** Options of `ctx.serveStatic()` (used by fault injection). */
export interface StaticServeOptions {
  /** Close the connection after this many body bytes. */
  truncateAfterBytes?: number;
}

/** What a route handler gets besides the raw request and response. */
export interface RouteContext {
  /** The request URL, resolved against the server's URL. */
  readonly url: URL;
  /** Decoded path, already checked against traversal (no `..`, no encoded `/`). */
  readonly pathname: string;
  /** Result of a RegExp `path` (capture groups); null for a string path. */
  readonly match: RegExpExecArray | null;
  /** Aborted when the client goes away or the server closes: stop waiting and writing. */
  readonly signal: AbortSignal;
  /** The emulated access link this server sends through. */
  readonly link: NetworkLink;
  /** Waits `ms`, returning early when `signal` aborts. */
  sleep(ms: number): Promise<void>;
  /** Reads the request body; rejects when it exceeds `limitBytes` (default 8 MiB). */
  readBody(limitBytes?: number): Promise<Buffer>;
  /** Answers with `body` sent through the emulated link and counted in the stats. */
  send(status: number, body?: string | Uint8Array, headers?: OutgoingHttpHeaders): Promise<void>;
  /** Serves this request's static file, as if no route had matched. */
  serveStatic(options?: StaticServeOptions): Promise<void>;
}

/**
 * Returning `false` passes the request on to the next route, then to the static files
 * (a fault rule that only delays, a licence server that ignores some paths).
 */
export type RouteResult = void | boolean;

/**
 * An extension point checked before the static files, in order: licence server, steering
 * server, telemetry collector, fault injection. CORS headers are already set, the network
 * RTT already waited, and the path already checked when `handle` runs.
 */
export interface Route {
  /** Methods this route answers (default: all). */
  method?: string | readonly string[];
  /** Exact decoded pathname, or a RegExp tested against it. */
  path: string | RegExp;
  handle(req: IncomingMessage, res: ServerResponse, ctx: RouteContext): RouteResult | Promise<RouteResult>;
}

/** The RegExp match (or null for a string path) when the route applies, false otherwise. */
export function matchRoute(route: Route, method: string, pathname: string): RegExpExecArray | null | false {
  if (route.method !== undefined) {
    const methods = typeof route.method === 'string' ? [route.method] : route.method;
    if (!methods.some((allowed) => allowed.toUpperCase() === method)) return false;
  }
  if (typeof route.path === 'string') return route.path === pathname ? null : false;
  route.path.lastIndex = 0; // a /g or /y RegExp keeps state between calls
  return route.path.exec(pathname) ?? false;
}
