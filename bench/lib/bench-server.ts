import { startServer, type Route, type TesseraServer } from '../../packages/toolkit/src/serve/index';
import { REPO_ROOT, SNAPSHOT_URL_PREFIX } from './sample-title';

/** Epoch milliseconds with sub-ms precision: the same clock as the page's timeOrigin + now(). */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

/** One media request as the server saw it. */
export interface RequestRecord {
  path: string;
  /** When the response started (after the emulated RTT), epoch ms. */
  startedAt: number;
  /** When the response closed (finished or aborted), epoch ms. */
  endedAt?: number;
  /** The whole body was handed to the socket (false: aborted by the client or cut). */
  complete: boolean;
  status?: number;
}

/**
 * A pass-through route that logs every request for the benchmark media (path and times) and lets
 * the static files answer it: the player-neutral record of what each player fetched and when.
 */
export class RequestLog {
  private records: RequestRecord[] = [];

  readonly route: Route = {
    path: new RegExp(`^${SNAPSHOT_URL_PREFIX.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`),
    handle: (_req, res, ctx) => {
      const record: RequestRecord = { path: ctx.pathname, startedAt: epochNow(), complete: false };
      this.records.push(record);
      res.once('finish', () => {
        record.complete = true;
      });
      res.once('close', () => {
        record.endedAt = epochNow();
        record.status = res.statusCode;
      });
      return false;
    },
  };

  clear(): void {
    this.records = [];
  }

  /** A copy of the records so far. */
  snapshot(): RequestRecord[] {
    return this.records.map((r) => ({ ...r }));
  }
}

/** `tessera serve` on the repo root (bundles, peers in node_modules, the media snapshot, bench pages), no emulation yet. */
export async function startBenchServer(): Promise<{ server: TesseraServer; requestLog: RequestLog }> {
  const requestLog = new RequestLog();
  const server = await startServer({ root: REPO_ROOT, port: 0, routes: [requestLog.route] });
  return { server, requestLog };
}
