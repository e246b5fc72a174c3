/**
 * Small header helpers shared by the transports and the engine.
 */

/**
 * Parse `getAllResponseHeaders()` output (XHR §4.6: lines "name: value" joined by CRLF)
 * into a lower-case map; repeated names are joined with ", " as Fetch §2.2.2 does.
 */
export function parseRawHeaders(raw: string | null | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (!raw) return headers;
  const lines = raw.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] !== undefined ? headers[name] + ', ' + value : value;
  }
  return headers;
}

/** `Content-Range: bytes first-last/complete` (RFC 9110 §14.4). Undefined when absent or unsatisfied. */
export function parseContentRange(value: string | undefined): { start: number; end: number; total?: number } | undefined {
  if (!value) return undefined;
  const match = /^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i.exec(value);
  if (!match) return undefined;
  const start = Number(match[1]);
  const end = Number(match[2]);
  if (end < start) return undefined;
  return { start, end, total: match[3] === '*' ? undefined : Number(match[3]) };
}

/** A non-negative integer header such as Content-Length, or undefined. */
export function parseNonNegativeInteger(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  const n = Number(value);
  return isFinite(n) ? n : undefined;
}

/** Body length from Content-Length, unless Content-Encoding makes it count other (compressed) bytes. */
export function bodyLengthOf(headers: Record<string, string>): number | undefined {
  const encoding = headers['content-encoding'];
  return encoding !== undefined && encoding !== 'identity' ? undefined : parseNonNegativeInteger(headers['content-length']);
}

/** A thrown value's message (and its cause's, as fetch errors carry the reason there). */
export function errorMessage(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) {
    const cause = (error as { cause?: { message?: string } }).cause;
    return String((error as { message: unknown }).message) + (cause && cause.message ? ': ' + cause.message : '');
  }
  return String(error);
}

/**
 * `Retry-After` (RFC 9110 §10.2.3) in milliseconds: delay-seconds, or an HTTP-date measured
 * against the response's own `Date` header (so no wall clock is needed). Undefined when
 * absent or unparsable.
 */
export function parseRetryAfterMs(headers: Record<string, string>): number | undefined {
  const value = headers['retry-after'];
  if (value === undefined) return undefined;
  const seconds = parseNonNegativeInteger(value);
  if (seconds !== undefined) return seconds * 1000;
  const at = Date.parse(value);
  const serverNow = headers['date'] !== undefined ? Date.parse(headers['date']) : NaN;
  if (isNaN(at) || isNaN(serverNow)) return undefined;
  return Math.max(0, at - serverNow);
}
