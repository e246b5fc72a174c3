import type { IncomingMessage, ServerResponse } from 'node:http';
import { UserError } from '../cli-support/user-error';
import type { FaultInjector } from './fault-injection';
import { readBody, sendJson, sendText } from './http-helpers';
import type { NetworkLink } from './network-link';
import { parseNetworkProfile, type NetworkProfile } from './network-profile';
import type { ServerStats } from './server-stats';

/** Control requests live under this prefix; they skip emulation, faults and stats. */
export const CONTROL_PREFIX = '/_tessera/';

/** Answer of `GET|POST /_tessera/network`. */
export interface NetworkState {
  profile: NetworkProfile | null;
  /** Time since the profile was set: the trace position before looping. */
  profileTimeMs: number;
  rateKbps: number | null;
  latencyMs: number;
  activeFlows: number;
}

export interface ControlTarget {
  link: NetworkLink;
  stats: ServerStats;
  faults: FaultInjector;
  setNetwork(profile: NetworkProfile | undefined): void;
}

export function networkState(link: NetworkLink): NetworkState {
  return {
    profile: link.profile ?? null,
    profileTimeMs: Math.round(link.profileTimeMs()),
    rateKbps: link.currentRateKbps() ?? null,
    latencyMs: link.currentLatencyMs(),
    activeFlows: link.activeFlows,
  };
}

type ControlHandler = (req: IncomingMessage, res: ServerResponse, target: ControlTarget) => Promise<void> | void;

/**
 * The JSON control API, so a browser benchmark can drive the server it loads from:
 *   GET  /_tessera/network        current profile, trace position, rate and RTT
 *   POST /_tessera/network        body = profile JSON → set it; `null` → no emulation;
 *                                 empty body → restart the current profile's clock at 0
 *   GET  /_tessera/stats          request and byte counters
 *   POST /_tessera/stats/reset    zero the counters
 *   GET  /_tessera/faults         fault rules with their hit counts
 *   POST /_tessera/faults         body = array of rules (match = RegExp source) → replace
 *   DELETE /_tessera/faults       remove every rule
 */
const CONTROL_ROUTES = new Map<string, Partial<Record<string, ControlHandler>>>(Object.entries({
  network: {
    GET: (_req, res, target) => sendJson(res, 200, networkState(target.link)),
    POST: async (req, res, target) => {
      const text = (await readBody(req)).toString('utf8').trim();
      target.setNetwork(text === '' ? target.link.profile : parseNetworkProfile(parseJson(text)));
      sendJson(res, 200, networkState(target.link));
    },
  },
  stats: {
    GET: (_req, res, target) => sendJson(res, 200, target.stats.snapshot()),
  },
  'stats/reset': {
    POST: (_req, res, target) => {
      target.stats.reset();
      sendText(res, 204, '');
    },
  },
  faults: {
    GET: (_req, res, target) => sendJson(res, 200, target.faults.rules),
    POST: async (req, res, target) => {
      target.faults.setRules(parseJson((await readBody(req)).toString('utf8')) as never);
      sendJson(res, 200, target.faults.rules);
    },
    DELETE: (_req, res, target) => {
      target.faults.clear();
      sendText(res, 204, '');
    },
  },
} satisfies Record<string, Partial<Record<string, ControlHandler>>>));

class BadRequest extends Error {}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequest('body is not valid JSON');
  }
}

export async function handleControlRequest(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  target: ControlTarget,
): Promise<void> {
  res.setHeader('Cache-Control', 'no-store');
  const routes = CONTROL_ROUTES.get(pathname.slice(CONTROL_PREFIX.length).replace(/\/$/, ''));
  if (!routes) return sendJson(res, 404, { error: `unknown control endpoint ${pathname}` });
  const handler = Object.prototype.hasOwnProperty.call(routes, req.method ?? '') ? routes[req.method!] : undefined;
  if (!handler) {
    res.setHeader('Allow', Object.keys(routes).join(', '));
    return sendJson(res, 405, { error: `${req.method} not allowed on ${pathname}` });
  }
  try {
    await handler(req, res, target);
  } catch (error) {
    // Bad input from the caller (invalid profile or rule, bad JSON, body too large) is a 400.
    if (error instanceof UserError || error instanceof BadRequest || error instanceof RangeError) {
      return sendJson(res, 400, { error: error.message });
    }
    throw error;
  }
}
