import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AbrInputError, parseTrace, type NetworkTrace } from '@tessera/abr/sim';
import { ExitCode } from '../cli-support/exit-codes';
import { UserError } from '../cli-support/user-error';

/** Traces reported together (one table, one summary bar group). */
export interface TraceSet {
  name: string;
  traces: NetworkTrace[];
}

export interface LoadTracesOptions {
  /** Latency for Pensieve two-column traces, which carry none (ms). */
  defaultLatencyMs?: number;
}

const NOT_TRACES = /^(license|licence|readme|notice|copying|changelog)/i;

/**
 * Reads traces from files and directories. A directory holding trace files is one set (named after
 * it); each of its subdirectories holding trace files is a set of its own (so the corpus root gives
 * `sabre-3g` and `sabre-4g`). Files given directly form a set named after their directory.
 */
export async function loadTraceSets(paths: readonly string[], options: LoadTracesOptions = {}): Promise<TraceSet[]> {
  const sets = new Map<string, NetworkTrace[]>();
  const add = (setName: string, trace: NetworkTrace): void => {
    if (!sets.has(setName)) sets.set(setName, []);
    sets.get(setName)!.push(trace);
  };
  for (const path of paths) {
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
      throw new UserError(ExitCode.INPUT_UNREADABLE, `cannot read traces at ${path}: ${error.code ?? error.message}`);
    });
    if (info.isDirectory()) {
      const found = await loadDirectory(path, basename(path), options, add);
      if (found === 0) throw new UserError(ExitCode.INPUT_UNSUPPORTED, `no trace files in ${path}`);
    } else {
      add(basename(dirname(path)) || 'traces', await loadTraceFile(path, options));
    }
  }
  return [...sets].map(([name, traces]) => ({ name, traces }));
}

async function loadDirectory(dir: string, setName: string, options: LoadTracesOptions, add: (set: string, trace: NetworkTrace) => void): Promise<number> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  let found = 0;
  for (const entry of entries) {
    if (entry.name.startsWith('.') || NOT_TRACES.test(entry.name)) continue;
    if (entry.isFile()) {
      add(setName, await loadTraceFile(join(dir, entry.name), options));
      found++;
    }
  }
  for (const entry of entries) {
    if (entry.isDirectory() && !entry.name.startsWith('.')) found += await loadDirectory(join(dir, entry.name), entry.name, options, add);
  }
  return found;
}

export async function loadTraceFile(path: string, options: LoadTracesOptions = {}): Promise<NetworkTrace> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UserError(ExitCode.INPUT_UNREADABLE, `cannot read trace ${path}: ${error.code ?? error.message}`);
  });
  try {
    return parseTrace(text, { name: basename(path), defaultLatencyMs: options.defaultLatencyMs });
  } catch (error) {
    if (error instanceof AbrInputError) throw new UserError(ExitCode.INPUT_UNSUPPORTED, `${error.message} (${path})`);
    throw error;
  }
}
