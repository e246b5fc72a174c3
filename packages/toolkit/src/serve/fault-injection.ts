import { ExitCode } from '../cli-support/exit-codes';
import { UserError } from '../cli-support/user-error';
import { sendText } from './http-helpers';
import type { Route } from './route';

/**
 * One fault for the player's fault matrix. The first rule that matches a request (and has
 * `times` left) applies; several effects combine in this order: `delayMs`, then
 * `dropConnection` or `status` or `truncateAfterBytes`. A rule with only `delayMs` delays
 * the request and lets it through (a slow origin; a huge delay is a timeout).
 */
export interface FaultRule {
  /** Tested against the decoded pathname. A string is a RegExp source (JSON cannot carry RegExps). */
  match: RegExp | string;
  /** Only for this method (default: any). */
  method?: string;
  /** Answer with this status instead of the resource (404, 500, 503...). */
  status?: number;
  /** Wait this long first. */
  delayMs?: number;
  /** Serve the static file but close the connection after this many body bytes. */
  truncateAfterBytes?: number;
  /** Destroy the connection without any response (a network error in the browser). */
  dropConnection?: boolean;
  /** Apply to the first N matching requests only, then pass them through (default: every time). */
  times?: number;
}

/** A rule with its counters, as reported by `GET /_tessera/faults`. */
export interface FaultRuleState {
  match: string;
  method?: string;
  status?: number;
  delayMs?: number;
  truncateAfterBytes?: number;
  dropConnection?: boolean;
  times?: number;
  /** How many requests this rule has faulted. */
  hits: number;
}

export interface FaultInjector {
  /** Put it before the routes it should be able to fault (startServer puts its own first). */
  readonly route: Route;
  setRules(rules: readonly FaultRule[]): void;
  clear(): void;
  readonly rules: FaultRuleState[];
}

interface CompiledRule {
  rule: FaultRule;
  pattern: RegExp;
  hits: number;
}

function invalid(index: number, message: string): UserError {
  return new UserError(ExitCode.USAGE, `fault rule ${index}: ${message}`);
}

function optionalCount(value: unknown, name: string, index: number): void {
  if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
    throw invalid(index, `${name} must be a number ≥ 0`);
  }
}

/** Validates rules from untrusted JSON (the control endpoint) or from code. */
export function parseFaultRules(value: unknown): FaultRule[] {
  if (!Array.isArray(value)) throw new UserError(ExitCode.USAGE, 'fault rules: expected an array');
  return value.map((raw: unknown, index) => {
    if (typeof raw !== 'object' || raw === null) throw invalid(index, 'expected an object');
    const rule = raw as Record<string, unknown>;
    if (!(rule.match instanceof RegExp) && typeof rule.match !== 'string') throw invalid(index, 'match must be a RegExp or its source');
    if (typeof rule.match === 'string') {
      try {
        new RegExp(rule.match);
      } catch {
        throw invalid(index, `match is not a valid RegExp: ${rule.match}`);
      }
    }
    if (rule.method !== undefined && typeof rule.method !== 'string') throw invalid(index, 'method must be a string');
    if (rule.status !== undefined && !(Number.isInteger(rule.status) && (rule.status as number) >= 200 && (rule.status as number) <= 599)) {
      throw invalid(index, 'status must be an HTTP status 200–599');
    }
    optionalCount(rule.delayMs, 'delayMs', index);
    optionalCount(rule.truncateAfterBytes, 'truncateAfterBytes', index);
    optionalCount(rule.times, 'times', index);
    if (rule.dropConnection !== undefined && typeof rule.dropConnection !== 'boolean') throw invalid(index, 'dropConnection must be a boolean');
    return rule as unknown as FaultRule;
  });
}

/** Fault injection as a Route: the player fault matrix drives it through code or `POST /_tessera/faults`. */
export function createFaultInjector(initialRules: readonly FaultRule[] = []): FaultInjector {
  let compiled: CompiledRule[] = [];

  const setRules = (rules: readonly FaultRule[]): void => {
    compiled = parseFaultRules(rules).map((rule) => ({
      rule,
      pattern: typeof rule.match === 'string' ? new RegExp(rule.match) : new RegExp(rule.match.source, rule.match.flags.replace(/[gy]/g, '')),
      hits: 0,
    }));
  };
  setRules(initialRules);

  const route: Route = {
    path: /^/,
    async handle(req, res, ctx) {
      const method = req.method ?? 'GET';
      const entry = compiled.find(
        ({ rule, pattern, hits }) =>
          (rule.times === undefined || hits < rule.times) &&
          (rule.method === undefined || rule.method.toUpperCase() === method) &&
          pattern.test(ctx.pathname),
      );
      if (!entry) return false;
      entry.hits++;
      const { rule } = entry;
      if (rule.delayMs) await ctx.sleep(rule.delayMs);
      if (ctx.signal.aborted) return true;
      if (rule.dropConnection) {
        req.socket.destroy();
        return true;
      }
      if (rule.status !== undefined) {
        sendText(res, rule.status, `Injected fault: ${rule.status}`);
        return true;
      }
      if (rule.truncateAfterBytes !== undefined) {
        await ctx.serveStatic({ truncateAfterBytes: rule.truncateAfterBytes });
        return true;
      }
      return false;
    },
  };

  return {
    route,
    setRules,
    clear: () => setRules([]),
    get rules() {
      return compiled.map(({ rule, pattern, hits }) => ({
        ...rule,
        match: typeof rule.match === 'string' ? rule.match : pattern.source,
        hits,
      }));
    },
  };
}
