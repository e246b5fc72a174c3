import { ErrorCode, TesseraError, type ErrorCodeValue, type ErrorData } from '../errors';
import type { ParseWarning } from '../model';
import { DEFAULT_MAX_SEGMENTS, type ParseOptions } from './parse-options';

/** Warnings past this count are summarised by one 'warnings-truncated' entry. */
const MAX_WARNINGS = 100;

/** State shared by one parse: where warnings go, the clock, and the segment budget. */
export interface ParseContext {
  url: string;
  warnings: ParseWarning[];
  nowMs: number;
  maxSegments: number;
  /** Segments still allowed for the whole presentation. */
  segmentBudget: number;
  /** Why renditions were dropped; the most telling one is thrown when nothing playable remains. */
  dropped: TesseraError[];
}

export function createParseContext(url: string, options: ParseOptions | undefined): ParseContext {
  const max = options && options.maxSegments !== undefined && options.maxSegments > 0 ? Math.floor(options.maxSegments) : DEFAULT_MAX_SEGMENTS;
  const nowMs = options && options.nowMs !== undefined && isFinite(options.nowMs) ? options.nowMs : Date.now();
  return { url, warnings: [], nowMs, maxSegments: max, segmentBudget: max * 10, dropped: [] };
}

export function warn(ctx: { warnings: ParseWarning[] }, kind: string, detail: string): void {
  const list = ctx.warnings;
  const text = detail.length > 300 ? detail.slice(0, 300) + '…' : detail;
  // Repeats of a recent warning add nothing (e.g. the same bad KID on every AdaptationSet).
  for (let k = list.length - 1; k >= 0 && k >= list.length - 8; k--) if (list[k].kind === kind && list[k].detail === text) return;
  if (list.length < MAX_WARNINGS) list.push({ kind, detail: text });
  else if (list.length === MAX_WARNINGS) list.push({ kind: 'warnings-truncated', detail: 'further warnings omitted' });
}

/** Throws a fatal manifest-category TesseraError. */
export function fail<C extends ErrorCodeValue>(code: C, data: ErrorData<C>, message?: string): never {
  throw new TesseraError(code, 'fatal', data, message);
}

/**
 * Rethrows a TesseraError as is; anything else is a bug in a parser, which must still
 * surface as the typed error the contract promises (`code` with reason "internal parser error").
 */
export function rethrowTyped(error: unknown, code: typeof ErrorCode.HLS_INVALID | typeof ErrorCode.DASH_INVALID, url: string): never {
  if (error instanceof TesseraError) throw error;
  const reason = 'internal parser error: ' + (error instanceof Error ? error.message : String(error));
  throw new TesseraError(code, 'fatal', { url, reason }, undefined, error);
}

/** Spends `count` segments of the presentation-wide budget, or throws TOO_MANY_SEGMENTS. */
export function spendSegments(ctx: ParseContext, count: number): void {
  if (count > ctx.segmentBudget) fail(ErrorCode.TOO_MANY_SEGMENTS, { url: ctx.url, count });
  ctx.segmentBudget -= count;
}

/** Order in which drop reasons explain an empty result: the most specific first. */
const DROP_PRIORITY: number[] = [
  ErrorCode.MPEG_TS_UNSUPPORTED,
  ErrorCode.UNSUPPORTED_URL_SCHEME,
  ErrorCode.TOO_MANY_SEGMENTS,
  ErrorCode.INVALID_DURATION,
  ErrorCode.DASH_INVALID,
  ErrorCode.HLS_INVALID,
];

/** Records a rendition dropped because of `error` (a warning now; thrown later if nothing remains). */
export function recordDrop(ctx: ParseContext, error: TesseraError, what: string): void {
  ctx.dropped.push(error);
  warn(ctx, 'rendition-dropped', what + ': ' + error.message);
}

/** Throws the error that best explains why no playable stream remains. */
export function failNothingPlayable(ctx: ParseContext, reason: string): never {
  for (let p = 0; p < DROP_PRIORITY.length; p++) {
    for (let k = 0; k < ctx.dropped.length; k++) if (ctx.dropped[k].code === DROP_PRIORITY[p]) throw ctx.dropped[k];
  }
  if (ctx.dropped.length) throw ctx.dropped[0];
  return fail(ErrorCode.NO_PLAYABLE_STREAMS, { url: ctx.url, reason });
}

/** Runs `build`; a TesseraError drops just that rendition (recorded), anything else propagates. */
export function tryBuild<T>(ctx: ParseContext, what: string, build: () => T): T | undefined {
  try {
    return build();
  } catch (error) {
    if (error instanceof TesseraError) {
      recordDrop(ctx, error, what);
      return undefined;
    }
    throw error;
  }
}
