import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Response headers a player reads cross-origin. Listed, not `*`: the wildcard is only
 * understood since Chromium 65 and our TV targets start at 38.
 */
const EXPOSED_HEADERS = [
  'Accept-Ranges', 'Age', 'Cache-Control', 'Content-Length', 'Content-Range', 'Content-Type', 'Date',
  'ETag', 'Last-Modified', 'Retry-After', 'Server-Timing', 'Location',
].join(', ');

const ALLOWED_METHODS = 'GET, HEAD, POST, PUT, DELETE, OPTIONS';

/** Asked for by players, licence clients (auth), CMCD v2 headers mode and conditional requests. */
const DEFAULT_ALLOWED_HEADERS = [
  'Range', 'Content-Type', 'Authorization', 'X-Requested-With', 'If-Range', 'If-None-Match',
  'If-Modified-Since', 'Cache-Control', 'CMCD-Object', 'CMCD-Request', 'CMCD-Session', 'CMCD-Status',
];

const HEADER_LIST = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+(\s*,\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+)*$/;

/** Set on every response, errors included, before any handler runs. */
export function applyCorsHeaders(res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
}

/**
 * Answers an OPTIONS request (CORS preflight, Fetch §3.2.2). Requested headers are echoed so
 * custom licence-server headers work, on top of a default list for clients that ask nothing.
 */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  const requested = req.headers['access-control-request-headers']?.trim();
  const allowed = [...DEFAULT_ALLOWED_HEADERS];
  if (requested && HEADER_LIST.test(requested)) allowed.push(requested);
  res.statusCode = 204;
  res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
  res.setHeader('Access-Control-Allow-Headers', allowed.join(', '));
  res.setHeader('Access-Control-Max-Age', '600');
  res.setHeader('Allow', ALLOWED_METHODS);
  res.setHeader('Vary', 'Access-Control-Request-Headers');
  res.setHeader('Content-Length', '0');
  res.end();
}
