import { timingSafeEqual } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { KEYS_FILE_NAME, normalizeHex16, readKeysFile } from '../encrypt/keys-file';
import type { FaultRule } from './fault-injection';
import { matchRoute, type Route, type RouteContext } from './route';

/** Where `tessera serve --license-keys` answers, and what the sample titles' manifests point at. */
export const DEFAULT_LICENSE_PATH = '/license/clearkey';

export interface LicenseServerOptions {
  /** Key ID → key, both hex (32 digits). */
  keys: ReadonlyMap<string, string>;
  /** Default {@link DEFAULT_LICENSE_PATH}. */
  path?: string;
  /**
   * When set, every licence request must carry it: `Authorization: Bearer <token>`, or the
   * bare token in `tokenHeader`. Missing → 401, wrong → 403.
   */
  token?: string;
  /** Header carrying the token (default 'authorization', with the `Bearer ` prefix). */
  tokenHeader?: string;
  /** One line per request (status, key counts, time). Never keys, key IDs, tokens or bodies. */
  log?: (line: string) => void;
}

export interface LicenseServerStats {
  requests: number;
  /** Licences granted (200). */
  granted: number;
  /** Answers by status. */
  byStatus: Record<number, number>;
}

export interface LicenseServer {
  /** The licence route, then a guard refusing keys.json downloads from the static files. */
  readonly routes: readonly Route[];
  readonly path: string;
  readonly stats: LicenseServerStats;
  resetStats(): void;
  /** A fault rule for this licence path (`server.faults.setRules([...])` or `POST /_tessera/faults`). */
  faultRule(fault: Omit<FaultRule, 'match'>): FaultRule;
}

/** base64url without padding (RFC 4648 §5), as W3C ClearKey JSON uses (EME §9.1.4). */
export function toBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  return new Uint8Array(Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** W3C ClearKey licence request (EME §9.1.3): `{"kids": [base64url...], "type": ...}`. */
function parseLicenseRequest(body: Buffer): { kids: string[]; type: string } | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  const request = json as { kids?: unknown; type?: unknown };
  if (!json || typeof json !== 'object' || !Array.isArray(request.kids) || request.kids.length === 0 || request.kids.length > 64) return undefined;
  const kids: string[] = [];
  for (const kid of request.kids) {
    const bytes = typeof kid === 'string' ? fromBase64Url(kid) : undefined;
    if (!bytes || bytes.length !== 16) return undefined;
    kids.push(Buffer.from(bytes).toString('hex'));
  }
  const type = request.type === 'persistent-license' ? 'persistent-license' : 'temporary';
  return { kids, type };
}

/**
 * A W3C ClearKey licence server (EME §9.1.3-9.1.4) as a `tessera serve` route: checks the
 * auth token, answers the key IDs it knows as a JSON Web Key Set (base64url), and logs
 * counts only. Failures for tests come from fault rules on its path ({@link LicenseServer.faultRule}).
 */
export function createLicenseServer(options: LicenseServerOptions): LicenseServer {
  const path = options.path ?? DEFAULT_LICENSE_PATH;
  const tokenHeader = (options.tokenHeader ?? 'authorization').toLowerCase();
  const keys = new Map<string, string>();
  for (const [keyId, key] of options.keys) {
    const id = normalizeHex16(keyId);
    const k = normalizeHex16(key);
    if (!id || !k) throw new Error('licence server: key IDs and keys must be 32 hex digits');
    keys.set(id, k);
  }
  const stats: LicenseServerStats = { requests: 0, granted: 0, byStatus: {} };
  const log = options.log ?? (() => undefined);

  const answer = async (ctx: RouteContext, status: number, value: unknown, startedMs: number, detail: string): Promise<void> => {
    stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
    if (status === 200) stats.granted++;
    log(`licence ${status} ${detail} in ${Math.round(performance.now() - startedMs)} ms`);
    await ctx.send(status, JSON.stringify(value), { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  };

  const licenseRoute: Route = {
    method: 'POST',
    path,
    async handle(req, _res, ctx) {
      const startedMs = performance.now();
      stats.requests++;
      if (options.token !== undefined) {
        const raw = req.headers[tokenHeader];
        const value = Array.isArray(raw) ? raw[0] : raw;
        const given = value === undefined ? undefined : tokenHeader === 'authorization' ? /^Bearer\s+(.+)$/i.exec(value)?.[1] : value;
        if (given === undefined) return answer(ctx, 401, { error: 'licence token required' }, startedMs, 'no token');
        if (!sameSecret(given.trim(), options.token)) return answer(ctx, 403, { error: 'licence token refused' }, startedMs, 'bad token');
      }
      let body: Buffer;
      try {
        body = await ctx.readBody(64 * 1024);
      } catch {
        return answer(ctx, 413, { error: 'licence request too large' }, startedMs, 'too large');
      }
      const request = parseLicenseRequest(body);
      if (!request) return answer(ctx, 400, { error: 'expected a W3C ClearKey licence request {"kids": [...]}' }, startedMs, 'bad request');
      const granted = request.kids.filter((kid) => keys.has(kid));
      const detail = `${granted.length}/${request.kids.length} keys (${request.type})`;
      if (granted.length === 0) return answer(ctx, 404, { error: 'no key for the requested key IDs' }, startedMs, detail);
      const jwks = granted.map((kid) => ({
        kty: 'oct',
        kid: toBase64Url(Buffer.from(kid, 'hex')),
        k: toBase64Url(Buffer.from(keys.get(kid)!, 'hex')),
      }));
      return answer(ctx, 200, { keys: jwks, type: request.type }, startedMs, detail);
    },
  };

  // Keys files sit next to the manifests they protect: never serve them from the same origin.
  const keysFileGuard: Route = {
    path: new RegExp(`(^|/)${escapeRegExp(KEYS_FILE_NAME)}$`),
    async handle(_req, _res, ctx) {
      await ctx.send(404, 'Not Found\n', { 'Content-Type': 'text/plain; charset=utf-8' });
    },
  };

  return {
    routes: [licenseRoute, keysFileGuard],
    path,
    stats,
    resetStats() {
      stats.requests = 0;
      stats.granted = 0;
      stats.byStatus = {};
    },
    faultRule: (fault) => ({ ...fault, match: `^${escapeRegExp(path)}$`, method: fault.method ?? 'POST' }),
  };
}

/**
 * Key ID → key from keys.json files; a directory is searched (depth-first, up to 6 levels)
 * for every keys.json below it, e.g. a whole `tessera sample` catalog.
 */
export async function loadLicenseKeys(paths: readonly string[]): Promise<Map<string, string>> {
  const files: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      if (entry.isDirectory() && depth < 6) await walk(join(dir, entry.name), depth + 1);
      else if (entry.isFile() && entry.name === KEYS_FILE_NAME) files.push(join(dir, entry.name));
    }
  };
  for (const path of paths) {
    let isDirectory = false;
    try {
      isDirectory = (await stat(path)).isDirectory();
    } catch {
      // readKeysFile reports the unreadable path
    }
    if (isDirectory) await walk(path, 0);
    else files.push(path);
  }
  const keys = new Map<string, string>();
  for (const file of files) for (const key of (await readKeysFile(file)).keys) keys.set(key.keyId, key.key);
  return keys;
}

/**
 * The licence server as one Route (for callers that take a single route, like `npm start`):
 * the keys of every keys.json under `keysDirectory` (and/or `keysFiles`), and the keys.json guard.
 */
export async function createLicenseRoute(options: Omit<LicenseServerOptions, 'keys'> & { keysDirectory?: string; keysFiles?: string[] }): Promise<Route> {
  const sources = [...(options.keysDirectory ? [options.keysDirectory] : []), ...(options.keysFiles ?? [])];
  const server = createLicenseServer({ ...options, keys: await loadLicenseKeys(sources) });
  return {
    path: /^\//,
    handle(req, res, ctx) {
      for (const route of server.routes) {
        const match = matchRoute(route, req.method ?? 'GET', ctx.pathname);
        if (match !== false) return route.handle(req, res, { ...ctx, match });
      }
      return false;
    },
  };
}
