import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ABR_ALGORITHMS, type AbrAlgorithmName } from '@tessera/abr';
import { DEFAULT_MAX_BUFFER_SECONDS, DEFAULT_STARTUP_THRESHOLD_SECONDS } from '@tessera/abr/sim';
import type { CliIo, CommandRunner } from '../cli-support/cli-io';
import { ExitCode } from '../cli-support/exit-codes';
import { UserError } from '../cli-support/user-error';
import { formatReportTables } from '../abr-sim/format-report';
import { loadTraceSets } from '../abr-sim/load-traces';
import { loadSimVideo } from '../abr-sim/load-video';
import { openOptimalPlanCache } from '../abr-sim/optimal-plan-cache';
import { runAbrSim, type RunAbrSimOptions } from '../abr-sim/run-abr-sim';
import { renderSessionChart } from '../abr-sim/session-chart';
import { renderSummaryChart } from '../abr-sim/summary-chart';

const ALGORITHM_NAMES = Object.keys(ABR_ALGORITHMS) as AbrAlgorithmName[];

const USAGE = `Usage: tessera abr-sim --traces <dir|file>... --video <file|dir> [options]

Run ABR algorithms over network traces and compare them with the offline optimum.

Options:
  --traces PATH        trace file or directory (repeatable, or comma-separated); each directory
                       of trace files is one trace set. Formats: JSON [{duration_ms, bandwidth_kbps,
                       latency_ms}] or Pensieve text (time s, throughput Mbps per line)
  --video PATH         sabre-style JSON {segment_duration_ms, bitrates_kbps, segment_sizes_bits},
                       or a title directory written by \`tessera package\`
  --algorithms LIST    comma-separated, from: ${ALGORITHM_NAMES.join(', ')} (default: all)
  --json               print the report as JSON instead of tables
  --out DIR            write SVG charts (summary.svg, one per trace) and report.json to DIR
  --no-optimal         skip the offline optimum (dynamic programming; the slow part)
  --optimal-cache FILE remember optimal plans in FILE to skip the optimum on later runs
  --max-buffer S       buffer cap in seconds (default ${DEFAULT_MAX_BUFFER_SECONDS})
  --startup S          buffer needed to start and to resume playback (default ${DEFAULT_STARTUP_THRESHOLD_SECONDS})
  --latency-ms N       request latency for Pensieve traces, which carry none (default 80)
  -h, --help           show this help
`;

export interface AbrSimInvocation {
  traces: string[];
  video: string;
  algorithms: AbrAlgorithmName[];
  json: boolean;
  out?: string;
  optimal: boolean;
  optimalCache?: string;
  maxBufferSeconds: number;
  startupThresholdSeconds: number;
  latencyMs: number;
}

/** Parses argv; throws UserError(USAGE) on anything wrong. */
export function parseAbrSimArgs(argv: string[]): AbrSimInvocation | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      strict: true,
      options: {
        traces: { type: 'string', multiple: true },
        video: { type: 'string' },
        algorithms: { type: 'string' },
        json: { type: 'boolean', default: false },
        out: { type: 'string' },
        'no-optimal': { type: 'boolean', default: false },
        'optimal-cache': { type: 'string' },
        'max-buffer': { type: 'string' },
        startup: { type: 'string' },
        'latency-ms': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UserError(ExitCode.USAGE, `${(error as Error).message.split('\n')[0]} (see tessera abr-sim --help)`);
  }
  const { values } = parsed;
  if (values.help) return 'help';
  const traces = (values.traces ?? []).flatMap((value) => value.split(',')).filter((value) => value !== '');
  if (traces.length === 0) throw new UserError(ExitCode.USAGE, 'missing --traces <dir or file>');
  if (!values.video) throw new UserError(ExitCode.USAGE, 'missing --video <sabre json or packaged title dir>');
  let algorithms = ALGORITHM_NAMES;
  if (values.algorithms !== undefined) {
    algorithms = values.algorithms.split(',').map((name) => name.trim()).filter((name) => name !== '') as AbrAlgorithmName[];
    const unknown = algorithms.filter((name) => !ALGORITHM_NAMES.includes(name));
    if (unknown.length > 0) throw new UserError(ExitCode.USAGE, `unknown algorithm '${unknown[0]}'; choose from ${ALGORITHM_NAMES.join(', ')}`);
    if (algorithms.length === 0) throw new UserError(ExitCode.USAGE, '--algorithms is empty');
  }
  const maxBufferSeconds = positive('--max-buffer', values['max-buffer'], DEFAULT_MAX_BUFFER_SECONDS);
  const startupThresholdSeconds = positive('--startup', values.startup, DEFAULT_STARTUP_THRESHOLD_SECONDS);
  if (startupThresholdSeconds > maxBufferSeconds) throw new UserError(ExitCode.USAGE, '--startup must not exceed --max-buffer');
  return {
    traces,
    video: values.video,
    algorithms,
    json: values.json,
    out: values.out,
    optimal: !values['no-optimal'],
    optimalCache: values['optimal-cache'],
    maxBufferSeconds,
    startupThresholdSeconds,
    latencyMs: positive('--latency-ms', values['latency-ms'], 80, true),
  };
}

function positive(flag: string, value: string | undefined, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (value.trim() === '' || !isFinite(number) || number < 0 || (!allowZero && number === 0)) {
    throw new UserError(ExitCode.USAGE, `${flag} expects a ${allowZero ? 'non-negative' : 'positive'} number, got '${value}'`);
  }
  return number;
}

export const runAbrSimCommand: CommandRunner = async (argv: string[], io: CliIo): Promise<number> => {
  const invocation = parseAbrSimArgs(argv);
  if (invocation === 'help') {
    io.stdout(USAGE);
    return ExitCode.OK;
  }
  const sets = await loadTraceSets(invocation.traces, { defaultLatencyMs: invocation.latencyMs });
  const video = await loadSimVideo(invocation.video);
  const simulation = {
    maxBufferSeconds: invocation.maxBufferSeconds,
    startupThresholdSeconds: invocation.startupThresholdSeconds,
    abandonCheckIntervalSeconds: 0.5,
  };
  const out = invocation.out;
  if (out) {
    await mkdir(out, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
      throw new UserError(ExitCode.OUTPUT_UNWRITABLE, `cannot create ${out}: ${error.code ?? error.message}`);
    });
  }
  const cache = invocation.optimal && invocation.optimalCache ? await openOptimalPlanCache(invocation.optimalCache, video.video, simulation) : undefined;
  const options: RunAbrSimOptions = {
    algorithms: invocation.algorithms,
    optimal: invocation.optimal,
    simulation,
    optimalCache: cache,
    onProgress: io.isTty ? (done, total) => io.stderr(`\rabr-sim: ${done}/${total} traces`) : undefined,
    onTrace: out
      ? async (set, trace, sessions) => {
          const dir = join(out, safeName(set));
          await mkdir(dir, { recursive: true });
          await writeOutput(join(dir, `${safeName(trace.name.replace(/\.[a-z]+$/i, ''))}.svg`), renderSessionChart(`${set}/${trace.name}`, trace, sessions));
        }
      : undefined,
  };
  const report = await runAbrSim(sets, video, options);
  if (io.isTty) io.stderr('\n');
  await cache?.save().catch((error: NodeJS.ErrnoException) => {
    throw new UserError(ExitCode.OUTPUT_UNWRITABLE, `cannot write ${invocation.optimalCache}: ${error.code ?? error.message}`);
  });
  if (out) {
    const groups = report.traceSets.map((set) => {
      const best = Math.max(...Object.values(set.algorithms).map((a) => a.meanQoeLin));
      const summaries = Object.values(set.algorithms);
      // Where the optimum's mean is not positive the plain ratio means nothing: show the positive subset.
      const wherePositive = invocation.optimal && summaries.some((s) => s.ratioToOptimal === undefined);
      return {
        traceSet: wherePositive ? `${set.name} (optimum > 0: ${set.tracesWithPositiveOptimum}/${set.traceCount})` : set.name,
        bars: Object.entries(set.algorithms).map(([algorithm, summary]) => ({
          algorithm,
          ratio: (wherePositive ? summary.ratioToOptimalWherePositive : summary.ratioToOptimal) ?? (best > 0 ? summary.meanQoeLin / best : NaN),
        })),
      };
    });
    const title = invocation.optimal ? `Mean QoE_lin / offline optimum (${video.name})` : `Mean QoE_lin / best algorithm (${video.name})`;
    await writeOutput(join(out, 'summary.svg'), renderSummaryChart(title, groups));
    await writeOutput(join(out, 'report.json'), JSON.stringify(report, null, 2) + '\n');
  }
  io.stdout(invocation.json ? JSON.stringify(report, null, 2) + '\n' : formatReportTables(report));
  return ExitCode.OK;
};

async function writeOutput(path: string, text: string): Promise<void> {
  await writeFile(path, text).catch((error: NodeJS.ErrnoException) => {
    throw new UserError(ExitCode.OUTPUT_UNWRITABLE, `cannot write ${path}: ${error.code ?? error.message}`);
  });
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_');
}
