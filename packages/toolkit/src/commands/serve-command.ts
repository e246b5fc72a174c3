import { parseArgs } from 'node:util';
import { ExitCode } from '../cli-support/exit-codes';
import { UserError } from '../cli-support/user-error';
import type { CliIo, CommandRunner } from '../cli-support/cli-io';
import { loadTrace } from '../serve/load-trace';
import { describeNetworkProfile, type NetworkProfile } from '../serve/network-profile';
import { startServer } from '../serve/start-server';
import { createLicenseServer, DEFAULT_LICENSE_PATH, loadLicenseKeys } from '../serve/license-server';

const USAGE = `Usage: tessera serve <dir> [options]

Serve <dir> over HTTP with byte ranges, CORS and correct media types.

Options:
  --port N          port (default 8080; 0 picks a free one)
  --host ADDR       address to bind (default 127.0.0.1: this machine only)
  --rate-kbps N     emulate an access link of N kbit/s shared by all responses
  --rtt-ms N        round-trip time added before every response (with --rate-kbps)
  --trace FILE      play a bandwidth trace instead (corpus JSON or Pensieve text), looping
  --license-keys P  ClearKey licence server at ${DEFAULT_LICENSE_PATH} with the keys of keys.json
                    files (comma-separated files or directories searched for keys.json)
  --license-token T require 'Authorization: Bearer T' on licence requests
  --json            print {"url", ...} as one JSON line instead of text
  -h, --help        show this help

Runs until Ctrl+C (SIGINT) or SIGTERM. Control API: <url>/_tessera/{network,stats,faults}.
`;

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

export interface ServeInvocation {
  root: string;
  port: number;
  host: string;
  network: NetworkProfile | undefined;
  json: boolean;
  /** --license-keys paths (files or directories); undefined without a licence server. */
  licenseKeys?: string[];
  licenseToken?: string;
}

/** Parses argv into what to serve; throws UserError (USAGE, INPUT_UNREADABLE for --trace). 'help' for --help. */
export async function parseServeArgs(argv: string[]): Promise<ServeInvocation | 'help'> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'rate-kbps': { type: 'string' },
        'rtt-ms': { type: 'string' },
        trace: { type: 'string' },
        'license-keys': { type: 'string' },
        'license-token': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UserError(ExitCode.USAGE, `${(error as Error).message.split('\n')[0]} (see tessera serve --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length !== 1) {
    throw new UserError(ExitCode.USAGE, positionals.length === 0 ? 'missing <dir> to serve' : `expected one <dir>, got ${positionals.length}`);
  }
  const port = integerOption('--port', values.port ?? '8080', 0, 65535);
  const host = values.host ?? '127.0.0.1';
  if (host.trim() === '') throw new UserError(ExitCode.USAGE, '--host must not be empty');

  let network: NetworkProfile | undefined;
  if (values.trace !== undefined) {
    if (values['rate-kbps'] !== undefined || values['rtt-ms'] !== undefined) {
      throw new UserError(ExitCode.USAGE, '--trace carries its own rate and latency: do not combine it with --rate-kbps or --rtt-ms');
    }
    network = { kind: 'trace', trace: await loadTrace(values.trace), loop: true };
  } else if (values['rate-kbps'] !== undefined) {
    network = {
      kind: 'constant',
      rateKbps: numberOption('--rate-kbps', values['rate-kbps'], false),
      rttMs: values['rtt-ms'] === undefined ? 0 : numberOption('--rtt-ms', values['rtt-ms'], true),
    };
  } else if (values['rtt-ms'] !== undefined) {
    throw new UserError(ExitCode.USAGE, '--rtt-ms needs --rate-kbps');
  }
  const invocation: ServeInvocation = { root: positionals[0]!, port, host, network, json: values.json };
  if (values['license-keys'] !== undefined) invocation.licenseKeys = values['license-keys'].split(',').map((p) => p.trim()).filter(Boolean);
  if (values['license-token'] !== undefined) {
    if (!invocation.licenseKeys) throw new UserError(ExitCode.USAGE, '--license-token needs --license-keys');
    if (values['license-token'].trim() === '') throw new UserError(ExitCode.USAGE, '--license-token must not be empty');
    invocation.licenseToken = values['license-token'];
  }
  return invocation;
}

function integerOption(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new UserError(ExitCode.USAGE, `${name} must be an integer from ${min} to ${max}, got '${text}'`);
  }
  return value;
}

function numberOption(name: string, text: string, allowZero: boolean): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new UserError(ExitCode.USAGE, `${name} must be a number ${allowZero ? '≥ 0' : 'above 0'}, got '${text}'`);
  }
  return value;
}

/** Resolves with the signal name on the first SIGINT or SIGTERM. */
export function waitForTermination(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** The command with its stop condition injected (tests pass a promise they resolve). */
export async function serveUntil(argv: string[], io: CliIo, stopped: () => Promise<unknown>): Promise<number> {
  const invocation = await parseServeArgs(argv);
  if (invocation === 'help') {
    io.stdout(USAGE);
    return ExitCode.OK;
  }
  const license = invocation.licenseKeys
    ? createLicenseServer({
        keys: await loadLicenseKeys(invocation.licenseKeys),
        token: invocation.licenseToken,
        log: invocation.json ? undefined : (line) => io.stdout(`${line}\n`),
      })
    : undefined;
  const server = await startServer({
    root: invocation.root,
    port: invocation.port,
    host: invocation.host,
    network: invocation.network,
    routes: license?.routes,
  });
  if (!LOOPBACK.test(invocation.host)) {
    io.stderr(`tessera serve: warning: listening on ${invocation.host}; other machines can read ${server.root}\n`);
  }
  if (invocation.json) {
    io.stdout(JSON.stringify({ url: server.url, root: server.root, network: server.network ?? null, ...(license ? { licenseUrl: server.url + license.path } : {}) }) + '\n');
  } else {
    io.stdout(`Serving ${server.root} at ${server.url}/ (${describeNetworkProfile(server.network)})\n`);
    if (license) io.stdout(`ClearKey licence server at ${server.url}${license.path}${invocation.licenseToken ? ' (token required)' : ''}\n`);
    io.stdout('Press Ctrl+C to stop.\n');
  }
  try {
    await stopped();
  } finally {
    await server.close();
  }
  return ExitCode.OK;
}

export const runServeCommand: CommandRunner = (argv, io) => serveUntil(argv, io, waitForTermination);
