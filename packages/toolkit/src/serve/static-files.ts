import { stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { relative, sep } from 'node:path';
import { decideRange } from './byte-ranges';
import { sendText } from './http-helpers';
import { contentTypeFor } from './mime-types';
import type { NetworkLink } from './network-link';
import { resolveInsideRoot } from './request-path';
import { sendBodyThroughLink } from './response-body-flow';
import type { StaticServeOptions } from './route';

/** What the static handler needs from its server. */
export interface StaticSite {
  /** The root after realpath (symlinks resolved), so containment checks compare like with like. */
  realRoot: string;
  link: NetworkLink;
  /** Cache-Control for a file, from its root-relative POSIX path. */
  cacheControl: (relativePath: string) => string;
  onBytes: (bytes: number) => void;
}

export interface StaticRequest {
  segments: readonly string[];
  trailingSlash: boolean;
  /** Query string with its `?`, kept on redirects. */
  search: string;
}

/**
 * Default caching: always revalidate. Content in a working tree changes between
 * `tessera package` runs, and a revalidation with an ETag costs one RTT and no body.
 */
export const DEFAULT_CACHE_CONTROL = 'no-cache';

/**
 * GET/HEAD of a file under the root: byte ranges (RFC 9110 §14), conditional requests
 * (§13), `index.html` for directories, and the body sent through the emulated link.
 */
export async function serveStaticFile(
  req: IncomingMessage,
  res: ServerResponse,
  site: StaticSite,
  request: StaticRequest,
  options: StaticServeOptions = {},
): Promise<void> {
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    sendText(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD, OPTIONS' });
    return;
  }
  // Dot files (.git, caches of the packager) are not content.
  if (request.segments.some((segment) => segment.startsWith('.'))) {
    sendText(res, 403, 'Forbidden');
    return;
  }
  let filePath = await resolveInsideRoot(site.realRoot, request.segments);
  if (filePath === 'outside') return sendText(res, 403, 'Forbidden');
  let stats = filePath ? await statOrUndefined(filePath) : undefined;
  if (!filePath || !stats) return sendText(res, 404, 'Not Found');

  if (stats.isDirectory()) {
    const indexPath = await resolveInsideRoot(site.realRoot, [...request.segments, 'index.html']);
    const indexStats = typeof indexPath === 'string' ? await statOrUndefined(indexPath) : undefined;
    if (typeof indexPath !== 'string' || !indexStats?.isFile()) return sendText(res, 404, 'Not Found');
    if (!request.trailingSlash && request.segments.length > 0) {
      // Relative URLs in the page must resolve inside the directory.
      const location = '/' + request.segments.map(encodeURIComponent).join('/') + '/' + request.search;
      return sendText(res, 301, `Moved to ${location}`, { Location: location });
    }
    filePath = indexPath;
    stats = indexStats;
  }
  // Only regular files: opening a FIFO or a device would hang or leak.
  if (!stats.isFile()) return sendText(res, 404, 'Not Found');

  const size = stats.size;
  const etag = `"${size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
  const lastModified = stats.mtime.toUTCString();
  const relativePath = relative(site.realRoot, filePath).split(sep).join('/');
  res.setHeader('Content-Type', contentTypeFor(filePath));
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('ETag', etag);
  res.setHeader('Last-Modified', lastModified);
  res.setHeader('Cache-Control', site.cacheControl(relativePath));
  res.setHeader('X-Content-Type-Options', 'nosniff');

  if (isNotModified(req, etag, stats)) {
    res.statusCode = 304;
    res.removeHeader('Content-Type');
    res.end();
    return;
  }

  // If-Range (§13.1.5): the range only applies to the version the client already has.
  const ifRange = req.headers['if-range'];
  const rangeHeader = ifRange === undefined || ifRange === etag || ifRange === lastModified ? req.headers.range : undefined;
  const decision = decideRange(rangeHeader, size);
  if (decision.kind === 'unsatisfiable') {
    res.removeHeader('Content-Type');
    return sendText(res, 416, 'Range Not Satisfiable', { 'Content-Range': `bytes */${size}` });
  }
  let start = 0;
  let end = size - 1;
  if (decision.kind === 'partial') {
    ({ start, end } = decision.range);
    res.statusCode = 206;
    res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
  } else {
    res.statusCode = 200;
  }
  res.setHeader('Content-Length', String(end - start + 1));
  if (method === 'HEAD') {
    res.end();
    return;
  }
  await sendBodyThroughLink(res, site.link, { kind: 'file', path: filePath, start, end }, {
    truncateAfterBytes: options.truncateAfterBytes,
    onBytes: site.onBytes,
  });
}

async function statOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch {
    return undefined;
  }
}

/** If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2). */
function isNotModified(req: IncomingMessage, etag: string, stats: Stats): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() === '*') return true;
    return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
  }
  const ifModifiedSince = req.headers['if-modified-since'];
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  // HTTP dates have one-second precision.
  return Number.isFinite(since) && Math.floor(stats.mtimeMs / 1000) * 1000 <= since;
}
