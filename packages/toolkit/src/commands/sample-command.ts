import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CommandRunner } from '../cli-support/cli-io';
import { ExitCode } from '../cli-support/exit-codes';
import { UserError } from '../cli-support/user-error';
import { findFfmpegTools } from '../ffmpeg/ffmpeg-tools';
import { X264_PRESETS } from '../package/package-options';
import { createProgressReporter } from '../progress/progress-reporter';
import { buildSampleCatalog, type SampleOptions } from '../sample/build-sample-catalog';
import { withOutputLock } from '../sample/output-lock';

export const SAMPLE_USAGE = `Usage: tessera sample -o <dir> [options]

Synthesize sample sources with ffmpeg and package a small catalog into <dir>:
a 2-minute 1080p movie, a 3-episode 720p series (intro/credits markers) and a
30 s reference title packaged by ffmpeg's own dash/hls muxers, plus catalog.json.
A second run with the same options does no work.

Options:
  -o, --output <dir>       output directory (required)
  --segment-duration <s>   2 to 6 seconds (default 4)
  --segment-timeline       DASH SegmentTimeline with $Time$
  --preset <name>          x264 preset (default superfast: CI builds the catalog on every run)
  --only <id,...>          only these titles (movie, series-e1..3, reference)
  --keep-sources           keep the synthesized source .mp4 files under <dir>/sources
  --quick                  8-second quarter-resolution titles (smoke tests)
  --json                   NDJSON progress events and a final JSON result on stdout
  -h, --help               this help
`;

/** Pure: argv of `tessera sample` to options. */
export function parseSampleArgs(argv: string[], cwd: string): SampleOptions & { help: boolean; json: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        output: { type: 'string', short: 'o' },
        'segment-duration': { type: 'string' },
        'segment-timeline': { type: 'boolean', default: false },
        preset: { type: 'string' },
        only: { type: 'string' },
        'keep-sources': { type: 'boolean', default: false },
        quick: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UserError(ExitCode.USAGE, (error as Error).message.split('\n')[0]!);
  }
  const { values } = parsed;
  const help = values.help === true;
  if (!help && !values.output) throw new UserError(ExitCode.USAGE, 'missing -o <dir>');
  const preset = values.preset ?? 'superfast';
  if (!(X264_PRESETS as ReadonlyArray<string>).includes(preset)) throw new UserError(ExitCode.USAGE, `--preset must be one of ${X264_PRESETS.join(', ')}`);
  const segment = values['segment-duration'] === undefined ? 4 : Number(values['segment-duration']);
  if (!(segment >= 2 && segment <= 6)) throw new UserError(ExitCode.USAGE, `--segment-duration must be a number from 2 to 6, got '${values['segment-duration']}'`);
  return {
    help,
    json: values.json === true,
    outDir: resolve(cwd, values.output ?? '.'),
    preset,
    segmentDurationSeconds: segment,
    segmentTimeline: values['segment-timeline'] === true,
    keepSources: values['keep-sources'] === true,
    quick: values.quick === true,
    only: (values.only ?? '').split(',').map((s) => s.trim()).filter(Boolean),
  };
}

export const runSampleCommand: CommandRunner = async (argv, io) => {
  const options = parseSampleArgs(argv, process.cwd());
  if (options.help) {
    io.stdout(SAMPLE_USAGE);
    return ExitCode.OK;
  }
  const started = performance.now();
  const tools = await findFfmpegTools(io.env);
  const reporter = createProgressReporter(io, { json: options.json });
  const result = await withOutputLock(options.outDir, () => buildSampleCatalog(options, tools, reporter));
  const elapsedSeconds = Math.round((performance.now() - started) / 100) / 10;
  if (options.json) {
    io.stdout(JSON.stringify({ type: 'result', command: 'sample', ok: true, outputDir: options.outDir, catalog: 'catalog.json', built: result.built, cached: result.cached, elapsedSeconds }) + '\n');
  } else {
    const lines = [`Sample catalog in ${options.outDir} (${elapsedSeconds} s): ${result.built.length} built, ${result.cached.length} up to date`];
    for (const title of result.catalog.titles) lines.push(`  ${title.id.padEnd(10)} ${title.kind.padEnd(9)} ${String(title.durationSeconds).padStart(7)} s  ${title.manifests.dash}  ${title.manifests.hls}`);
    io.stdout(lines.join('\n') + '\n');
  }
  return ExitCode.OK;
};
