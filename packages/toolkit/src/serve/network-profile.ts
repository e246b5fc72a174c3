import { ExitCode } from '../cli-support/exit-codes';
import { UserError } from '../cli-support/user-error';

/**
 * One period of a bandwidth trace, in the format of the shared corpus
 * (`corpus/traces/sabre-*`, from UMass-LIDS/sabre). Snake case on purpose: it is a file format.
 */
export interface TracePeriod {
  duration_ms: number;
  bandwidth_kbps: number;
  /** Applied once per request as its round-trip time (as sabre does). */
  latency_ms: number;
}

/** A fixed access link: every response waits `rttMs`, then all bodies share `rateKbps`. */
export interface ConstantNetworkProfile {
  kind: 'constant';
  rateKbps: number;
  /** Default 0. */
  rttMs?: number;
}

/**
 * A trace played from the moment the profile is set (startServer, setNetwork or
 * `POST /_tessera/network`). Loops by default; with `loop: false` the last period holds.
 */
export interface TraceNetworkProfile {
  kind: 'trace';
  trace: TracePeriod[];
  loop?: boolean;
}

export type NetworkProfile = ConstantNetworkProfile | TraceNetworkProfile;

function invalid(message: string): UserError {
  return new UserError(ExitCode.USAGE, `invalid network profile: ${message}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonNegative(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/**
 * Checks trace periods (corpus format). Zero-length periods are dropped; a trace that
 * never carries a byte is refused because every download on it would hang forever.
 */
export function validateTracePeriods(value: unknown, source = 'trace'): TracePeriod[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new UserError(ExitCode.USAGE, `${source}: expected a non-empty array of {duration_ms, bandwidth_kbps, latency_ms}`);
  }
  const periods: TracePeriod[] = [];
  value.forEach((period: unknown, index) => {
    if (
      !isRecord(period) ||
      !nonNegative(period.duration_ms) ||
      !nonNegative(period.bandwidth_kbps) ||
      !nonNegative(period.latency_ms ?? 0)
    ) {
      throw new UserError(
        ExitCode.USAGE,
        `${source}: period ${index} must have non-negative numbers duration_ms, bandwidth_kbps, latency_ms`,
      );
    }
    if (period.duration_ms === 0) return;
    periods.push({
      duration_ms: period.duration_ms,
      bandwidth_kbps: period.bandwidth_kbps as number,
      latency_ms: (period.latency_ms as number | undefined) ?? 0,
    });
  });
  if (!periods.some((period) => period.bandwidth_kbps > 0)) {
    throw new UserError(ExitCode.USAGE, `${source}: no period has a bandwidth above 0 kbps`);
  }
  return periods;
}

/**
 * Validates a profile from untrusted JSON (control endpoint, CLI, API callers).
 * `null`, `undefined` and `{ kind: 'none' }` mean "no emulation" and return undefined.
 */
export function parseNetworkProfile(value: unknown): NetworkProfile | undefined {
  if (value === null || value === undefined) return undefined;
  if (!isRecord(value)) throw invalid('expected an object with a "kind"');
  switch (value.kind) {
    case 'none':
      return undefined;
    case 'constant': {
      if (!nonNegative(value.rateKbps) || value.rateKbps === 0) throw invalid('rateKbps must be a number above 0');
      if (value.rttMs !== undefined && !nonNegative(value.rttMs)) throw invalid('rttMs must be a number ≥ 0');
      return { kind: 'constant', rateKbps: value.rateKbps, rttMs: (value.rttMs as number | undefined) ?? 0 };
    }
    case 'trace': {
      if (value.loop !== undefined && typeof value.loop !== 'boolean') throw invalid('loop must be a boolean');
      const trace = validateTracePeriods(value.trace, 'invalid network profile: trace');
      return { kind: 'trace', trace, loop: value.loop !== false };
    }
    default:
      throw invalid('kind must be "constant", "trace" or "none"');
  }
}

/** One line for logs and the CLI banner. */
export function describeNetworkProfile(profile: NetworkProfile | undefined): string {
  if (!profile) return 'no network emulation';
  if (profile.kind === 'constant') return `${profile.rateKbps} kbps, ${profile.rttMs ?? 0} ms RTT`;
  const totalMs = profile.trace.reduce((sum, period) => sum + period.duration_ms, 0);
  return `trace of ${profile.trace.length} periods (${(totalMs / 1000).toFixed(1)} s${profile.loop === false ? '' : ', looping'})`;
}
