import { AbrInputError } from './abr-input-error';

/** One period of a network trace: the link holds this bandwidth and latency for `durationMs`. */
export interface TracePeriod {
  durationMs: number;
  bandwidthKbps: number;
  /** Round-trip latency paid once per request started in this period. */
  latencyMs: number;
}

/** A bandwidth trace; played in order and looped when the session outlasts it. */
export interface NetworkTrace {
  name: string;
  periods: TracePeriod[];
}

export interface ParseTraceOptions {
  /** Name for messages and reports (usually the file name). */
  name?: string;
  /** Latency for formats that carry none (Pensieve's two-column text): default 80 ms, Pensieve's link RTT. */
  defaultLatencyMs?: number;
}

/**
 * Parses a trace from text: either the JSON array of `{duration_ms, bandwidth_kbps, latency_ms}` periods
 * (sabre, ../shared/corpus/traces) or Pensieve's two-column text (time in seconds, throughput in Mbps,
 * one sample per line; each sample holds until the next one's time).
 */
export function parseTrace(text: string, options: ParseTraceOptions = {}): NetworkTrace {
  const name = options.name ?? 'trace';
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') fail(name, 'the file is empty');
  const periods = trimmed[0] === '[' || trimmed[0] === '{' ? parseJsonPeriods(trimmed, name, options) : parseTwoColumn(trimmed, name, options.defaultLatencyMs ?? 80);
  let bandwidthTotal = 0;
  for (let i = 0; i < periods.length; i++) bandwidthTotal += periods[i]!.bandwidthKbps * periods[i]!.durationMs;
  if (!(bandwidthTotal > 0)) fail(name, 'the bandwidth is zero throughout, nothing could ever download');
  return { name, periods };
}

function fail(name: string, reason: string): never {
  throw new AbrInputError('TRACE_INVALID', `trace ${name}: ${reason}`);
}

function parseJsonPeriods(text: string, name: string, options: ParseTraceOptions): TracePeriod[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    fail(name, `not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(data)) fail(name, 'expected a JSON array of {duration_ms, bandwidth_kbps, latency_ms} periods');
  if (data.length === 0) fail(name, 'the trace has no periods');
  const periods: TracePeriod[] = [];
  for (let i = 0; i < data.length; i++) {
    const item = data[i] as Record<string, unknown> | null;
    if (item === null || typeof item !== 'object') fail(name, `period ${i} is not an object`);
    const durationMs = item.duration_ms;
    const bandwidthKbps = item.bandwidth_kbps;
    const latencyMs = item.latency_ms === undefined ? (options.defaultLatencyMs ?? 80) : item.latency_ms;
    if (typeof durationMs !== 'number' || !(durationMs > 0) || !isFinite(durationMs)) fail(name, `period ${i}: duration_ms must be a positive number`);
    if (typeof bandwidthKbps !== 'number' || !(bandwidthKbps >= 0) || !isFinite(bandwidthKbps)) fail(name, `period ${i}: bandwidth_kbps must be a number >= 0`);
    if (typeof latencyMs !== 'number' || !(latencyMs >= 0) || !isFinite(latencyMs)) fail(name, `period ${i}: latency_ms must be a number >= 0`);
    periods.push({ durationMs, bandwidthKbps, latencyMs });
  }
  return periods;
}

function parseTwoColumn(text: string, name: string, latencyMs: number): TracePeriod[] {
  const times: number[] = [];
  const mbps: number[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '' || line[0] === '#') continue;
    const fields = line.split(/[\s,;]+/);
    const time = Number(fields[0]);
    const value = Number(fields[1]);
    if (fields.length < 2 || !isFinite(time) || !isFinite(value)) fail(name, `line ${i + 1}: expected "<time s> <throughput Mbps>", got "${line.slice(0, 40)}"`);
    if (value < 0) fail(name, `line ${i + 1}: negative throughput`);
    if (times.length > 0 && !(time > times[times.length - 1]!)) fail(name, `line ${i + 1}: time ${time} does not increase`);
    times.push(time);
    mbps.push(value);
  }
  if (times.length === 0) fail(name, 'no samples');
  const periods: TracePeriod[] = [];
  for (let i = 0; i < times.length; i++) {
    // The last sample lasts as long as the typical step before it (1 s for a single sample).
    const durationS = i + 1 < times.length ? times[i + 1]! - times[i]! : times.length > 1 ? (times[i]! - times[0]!) / (times.length - 1) : 1;
    periods.push({ durationMs: durationS * 1000, bandwidthKbps: mbps[i]! * 1000, latencyMs });
  }
  return periods;
}
