import { readFile } from 'node:fs/promises';
import { ExitCode } from '../cli-support/exit-codes';
import { UserError } from '../cli-support/user-error';
import { validateTracePeriods, type TracePeriod } from './network-profile';

export interface ParseTraceOptions {
  /**
   * RTT for formats that carry none (Pensieve's text traces). Default 80 ms, Pensieve's
   * LINK_RTT in its simulator (sim/env.py).
   */
  latencyMs?: number;
  /** Named in error messages. */
  source?: string;
}

export const PENSIEVE_DEFAULT_LATENCY_MS = 80;

/**
 * Parses a bandwidth trace into corpus periods. Two formats:
 * - the corpus JSON: `[{"duration_ms", "bandwidth_kbps", "latency_ms"}, ...]` (sabre);
 * - Pensieve's text traces: one `time_s throughput_Mbps` sample per line. As in Pensieve's
 *   simulator, sample i is the throughput over (t[i-1], t[i]], so the first line only sets
 *   the time origin and N lines give N-1 periods.
 * Pure: no file access (the ABR simulator reuses it).
 */
export function parseTrace(text: string, options: ParseTraceOptions = {}): TracePeriod[] {
  const source = options.source ?? 'trace';
  const trimmed = text.trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      throw new UserError(ExitCode.INPUT_UNREADABLE, `${source}: not valid JSON (${(error as Error).message})`);
    }
    return asInputError(() => validateTracePeriods(value, source));
  }
  return parsePensieveText(trimmed, options.latencyMs ?? PENSIEVE_DEFAULT_LATENCY_MS, source);
}

function parsePensieveText(text: string, latencyMs: number, source: string): TracePeriod[] {
  const samples: Array<{ timeS: number; mbps: number }> = [];
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(/[\s,]+/);
    const timeS = Number(fields[0]);
    const mbps = Number(fields[1]);
    if (fields.length < 2 || !Number.isFinite(timeS) || !Number.isFinite(mbps) || mbps < 0) {
      throw new UserError(
        ExitCode.INPUT_UNREADABLE,
        `${source}: line ${index + 1} is not "<time s> <throughput Mbps>" (expected corpus JSON or a Pensieve text trace)`,
      );
    }
    samples.push({ timeS, mbps });
  });
  if (samples.length < 2) throw new UserError(ExitCode.INPUT_UNREADABLE, `${source}: a text trace needs at least two samples`);
  const periods: TracePeriod[] = [];
  for (let i = 1; i < samples.length; i++) {
    const durationMs = (samples[i]!.timeS - samples[i - 1]!.timeS) * 1000;
    if (!(durationMs > 0)) {
      throw new UserError(ExitCode.INPUT_UNREADABLE, `${source}: times must increase (sample ${i + 1})`);
    }
    periods.push({
      // Rounded to the microsecond: decimal seconds give float noise like 1000.0000000000002.
      duration_ms: Math.round(durationMs * 1000) / 1000,
      bandwidth_kbps: Math.round(samples[i]!.mbps * 1000 * 1000) / 1000,
      latency_ms: latencyMs,
    });
  }
  return asInputError(() => validateTracePeriods(periods, source));
}

/** Content problems of a trace file are input errors, whatever the validator's code. */
function asInputError<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof UserError) throw new UserError(ExitCode.INPUT_UNREADABLE, error.message);
    throw error;
  }
}

/**
 * Reads a trace from a file path, or parses `pathOrText` itself when it already is trace
 * text (starts with `[`/`{`, or spans several lines).
 */
export async function loadTrace(pathOrText: string, options: ParseTraceOptions = {}): Promise<TracePeriod[]> {
  const trimmed = pathOrText.trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{') || trimmed.includes('\n')) return parseTrace(pathOrText, options);
  let text: string;
  try {
    text = await readFile(pathOrText, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UserError(ExitCode.INPUT_UNREADABLE, `cannot read trace ${pathOrText}: ${reason}`);
  }
  return parseTrace(text, { ...options, source: options.source ?? pathOrText });
}
