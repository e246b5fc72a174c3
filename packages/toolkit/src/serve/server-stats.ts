/** Counters per path (decoded pathname, no query). */
export interface PathStats {
  requests: number;
  bytesSent: number;
}

/** A JSON-friendly copy of the counters; `/_tessera/*` control requests are not counted. */
export interface ServerStatsSnapshot {
  requests: number;
  /** Response body bytes handed to sockets (static files and `ctx.send`). */
  bytesSent: number;
  /** Requests currently being answered. */
  inFlight: number;
  byPath: Record<string, PathStats>;
  /** Responses by status code. */
  byStatus: Record<string, number>;
}

export class ServerStats {
  private requests = 0;
  private bytesSent = 0;
  private inFlight = 0;
  private byPath = new Map<string, PathStats>();
  private byStatus = new Map<number, number>();

  recordRequest(pathname: string): void {
    this.requests++;
    this.inFlight++;
    this.entry(pathname).requests++;
  }

  recordBytes(pathname: string, bytes: number): void {
    this.bytesSent += bytes;
    this.entry(pathname).bytesSent += bytes;
  }

  recordResponse(status: number): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
  }

  /** Clears the totals (a benchmark's session start); requests in flight stay counted in `inFlight`. */
  reset(): void {
    this.requests = 0;
    this.bytesSent = 0;
    this.byPath = new Map();
    this.byStatus = new Map();
  }

  snapshot(): ServerStatsSnapshot {
    const byPath: Record<string, PathStats> = {};
    for (const [path, stats] of this.byPath) byPath[path] = { ...stats };
    const byStatus: Record<string, number> = {};
    for (const [status, count] of this.byStatus) byStatus[String(status)] = count;
    return { requests: this.requests, bytesSent: this.bytesSent, inFlight: this.inFlight, byPath, byStatus };
  }

  private entry(pathname: string): PathStats {
    let stats = this.byPath.get(pathname);
    if (!stats) {
      stats = { requests: 0, bytesSent: 0 };
      this.byPath.set(pathname, stats);
    }
    return stats;
  }
}
