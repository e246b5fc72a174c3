import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { NetworkProfile, TesseraServer } from '../../packages/toolkit/src/serve/index';
import { CHROMIUM_ARGS, resolveChromium } from '../../test-support/chromium';
import { epochNow, type RequestLog, type RequestRecord } from './bench-server';

export type PlayerId = 'tessera' | 'shaka' | 'hlsjs' | 'dashjs';
export type Protocol = 'dash' | 'hls';

/** One row of a benchmark table: a player on one manifest type. */
export interface PlayerRow {
  key: string;
  label: string;
  player: PlayerId;
  protocol: Protocol;
}

export const PLAYER_ROWS: Readonly<Record<string, PlayerRow>> = {
  tessera: { key: 'tessera', label: 'Tessera (DASH)', player: 'tessera', protocol: 'dash' },
  'tessera-hls': { key: 'tessera-hls', label: 'Tessera (HLS)', player: 'tessera', protocol: 'hls' },
  shaka: { key: 'shaka', label: 'shaka-player (DASH)', player: 'shaka', protocol: 'dash' },
  hlsjs: { key: 'hlsjs', label: 'hls.js (HLS)', player: 'hlsjs', protocol: 'hls' },
  dashjs: { key: 'dashjs', label: 'dash.js (DASH)', player: 'dashjs', protocol: 'dash' },
};

/** Parses `--players a,b` against PLAYER_ROWS. */
export function selectRows(list: string, fallback: readonly string[]): PlayerRow[] {
  const keys = list ? list.split(',').map((k) => k.trim()).filter(Boolean) : [...fallback];
  return keys.map((key) => {
    const row = PLAYER_ROWS[key];
    if (!row) throw new Error(`unknown player ${key} (known: ${Object.keys(PLAYER_ROWS).join(', ')})`);
    return row;
  });
}

/** [epochMs, mediaTime, height] */
export type FrameRecord = [number, number, number];
/** [epochMs, currentTime, paused, seeking, ended, readyState, bufferedEnd, playbackRate] */
export type SampleRecord = [number, number, boolean, boolean, boolean, number, number, number];

export interface PageErrorRecord {
  at: number;
  fatal: boolean;
  message: string;
}

/** What bench-driver.js recorded in the page. */
export interface PageLog {
  player: PlayerId;
  t0: number;
  loadSettledAt: number | null;
  frames: FrameRecord[];
  samples: SampleRecord[];
  errors: PageErrorRecord[];
  seek: { at: number; target: number; fromTime: number; targetWasBuffered: boolean } | null;
}

interface BenchApi {
  prepare(options: { tesseraAbr: string }): { abrName: string; version: string };
  begin(url: string): number;
  seek(target: number): NonNullable<PageLog['seek']>;
  findFrame(criteria: { afterEpoch?: number; minHeight?: number; minMediaTime?: number }): FrameRecord | null;
  fatalError(): string | null;
  status(): { currentTime: number; paused: boolean; ended: boolean; readyState: number; frames: number; fatal: string | null };
  isBuffered(t: number): boolean;
  playedTo(t: number): { currentTime: number } | null;
  finish(): PageLog;
}

interface BenchWindow {
  bench: BenchApi;
  benchReady?: boolean;
  benchLoadError?: string;
}

/** Page calls that should take milliseconds; a hung renderer must not hang the benchmark. */
const PAGE_CALL_TIMEOUT_MS = 15_000;

function withTimeout<T>(promise: Promise<T>, what: string, ms = PAGE_CALL_TIMEOUT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: resolveChromium(), args: CHROMIUM_ARGS, headless: true });
}

/** A live player session: its own browser context (empty cache), one page, one player. */
export interface Session {
  row: PlayerRow;
  context: BrowserContext;
  page: Page;
  /** load() call, epoch ms (page clock). */
  t0: number;
  /** When the server's emulation was (re)started for this session, epoch ms. */
  networkSetAt: number;
  abrName: string;
  version: string;
  pageErrors: string[];
}

export interface OpenSessionOptions {
  manifestUrl: string;
  network: NetworkProfile;
  /** 'default' (Player without abr option) or 'hybrid' (createHybridAbr when exported). */
  tesseraAbr: string;
  /** URL path of the Tessera ESM bundle (default /dist/tessera.full.js). */
  tesseraBundle?: string;
  readyTimeoutMs?: number;
}

/**
 * Isolates and starts one run: emulation off while the page and player scripts load (they are
 * not what is measured), server logs cleared, then the emulation set (trace clock at 0) right
 * before the timed load call.
 */
export async function openSession(
  browser: Browser,
  server: TesseraServer,
  requestLog: RequestLog,
  row: PlayerRow,
  options: OpenSessionOptions,
): Promise<Session> {
  server.setNetwork(undefined);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('crash', () => pageErrors.push('page crashed'));
    const bundle = options.tesseraBundle ? `&bundle=${encodeURIComponent(options.tesseraBundle)}` : '';
    await page.goto(`${server.url}/bench/pages/bench.html?player=${row.player}${bundle}`, { timeout: options.readyTimeoutMs ?? 30_000 });
    await page.waitForFunction(
      () => (window as unknown as BenchWindow).benchReady === true || (window as unknown as BenchWindow).benchLoadError !== undefined,
      null,
      { timeout: options.readyTimeoutMs ?? 30_000 },
    );
    const loadError = await page.evaluate(() => (window as unknown as BenchWindow).benchLoadError);
    if (loadError) throw new Error(`bench page for ${row.player}: ${loadError}`);
    const info = await withTimeout(page.evaluate((tesseraAbr) => (window as unknown as BenchWindow).bench.prepare({ tesseraAbr }), options.tesseraAbr), 'creating the player');
    requestLog.clear();
    server.resetStats();
    server.setNetwork(options.network);
    const networkSetAt = epochNow();
    const t0 = await withTimeout(page.evaluate((url) => (window as unknown as BenchWindow).bench.begin(url), options.manifestUrl), 'the load call');
    return { row, context, page, t0, networkSetAt, abrName: info.abrName, version: info.version, pageErrors };
  } catch (error) {
    await context.close().catch(() => undefined);
    throw error;
  }
}

/** Page-side queries that waitInPage can poll (methods of window.bench in bench-driver.js). */
export type PageQuery =
  | { method: 'findFrame'; arg: { afterEpoch?: number; minHeight?: number; minMediaTime?: number } }
  | { method: 'playedTo'; arg: number };

/**
 * Polls a page query every `intervalMs` until it answers non-null, a fatal player error is
 * recorded, or `timeoutMs` passes. Never throws on timeout: the caller reports it.
 */
export async function waitInPage<T>(session: Session, query: PageQuery, timeoutMs: number, intervalMs = 100): Promise<{ value: T | null; fatal: string | null; timedOut: boolean }> {
  try {
    const handle = await session.page.waitForFunction(
      ({ method, arg }) => {
        const api = (window as unknown as BenchWindow).bench;
        const fatal = api.fatalError();
        if (fatal) return { fatal };
        const query = (api as unknown as Record<string, (a: unknown) => unknown>)[method]!;
        const value = query(arg);
        return value === null || value === undefined ? null : { value };
      },
      query,
      { polling: intervalMs, timeout: timeoutMs },
    );
    const result = (await handle.jsonValue()) as { value?: T; fatal?: string };
    await handle.dispose();
    return { value: result.value ?? null, fatal: result.fatal ?? null, timedOut: false };
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') return { value: null, fatal: null, timedOut: true };
    throw error;
  }
}

export async function seekInPage(session: Session, target: number): Promise<NonNullable<PageLog['seek']>> {
  return withTimeout(session.page.evaluate((t) => (window as unknown as BenchWindow).bench.seek(t), target), 'the seek call');
}

/** Stops recording, returns the page log, closes the context (always). */
async function closeSession(session: Session): Promise<PageLog | undefined> {
  try {
    return await withTimeout(session.page.evaluate(() => (window as unknown as BenchWindow).bench.finish()), 'collecting the page log');
  } catch (error) {
    session.pageErrors.push(`page log lost: ${(error as Error).message}`);
    return undefined;
  } finally {
    await withTimeout(session.context.close(), 'closing the browser context').catch(() => undefined);
  }
}

/**
 * The end of every benchmark session: closes it (if it opened), adds the page's errors to
 * `errors`, and returns the page log with the server's request log.
 */
export async function finishSession(session: Session | undefined, requestLog: RequestLog, errors: string[]): Promise<{ log: PageLog | undefined; requests: RequestRecord[] }> {
  let log: PageLog | undefined;
  if (session) {
    log = await closeSession(session);
    errors.push(...session.pageErrors.map((m) => `pageerror: ${m}`));
  }
  return { log, requests: requestLog.snapshot() };
}

/** Versions of the peers as installed (package.json of each). */
export async function peerVersions(): Promise<Record<string, string>> {
  const { readFileSync } = await import('node:fs');
  const { REPO_ROOT } = await import('./sample-title');
  const version = (name: string): string => {
    try {
      return (JSON.parse(readFileSync(`${REPO_ROOT}node_modules/${name}/package.json`, 'utf8')) as { version: string }).version;
    } catch {
      return 'unknown';
    }
  };
  return { 'shaka-player': version('shaka-player'), 'hls.js': version('hls.js'), dashjs: version('dashjs') };
}
