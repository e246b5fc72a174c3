import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ExitCode } from '../cli-support/exit-codes';
import { UserError } from '../cli-support/user-error';
import { DEFAULT_LADDER, parseLadderOption, type LadderRung } from './ladder';
import { parseSubtitlesOption, type SubtitleSource } from './subtitle-sources';
import { DEFAULT_THUMBNAIL_OPTIONS, parseDimensions, validateThumbnailOptions, type ThumbnailOptions } from '../thumbnails/thumbnail-options';
import { ENCRYPTION_ARG_OPTIONS, ENCRYPTION_USAGE, parseEncryptionArgs, type EncryptionRequest } from '../encrypt/encryption-options';

export const X264_PRESETS = ['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow', 'slower', 'veryslow'] as const;

export interface PackageCommandOptions {
  help: boolean;
  input: string;
  outDir: string;
  ladder: LadderRung[];
  segmentDurationSeconds: number;
  segmentTimeline: boolean;
  preset: string;
  audioBitrateKbps: number;
  /** From --subtitles; sidecars next to the input are added unless --no-sidecar-subtitles. */
  subtitles: SubtitleSource[];
  sidecarSubtitles: boolean;
  json: boolean;
  /** --thumbnails (trick play); undefined when off. */
  thumbnails?: ThumbnailOptions;
  /** --encrypt and its key/system options; undefined when clear. */
  encryption?: EncryptionRequest;
}

export const PACKAGE_USAGE = `Usage: tessera package <input> -o <dir> [options]

Encode an H.264 ladder and AAC audio with ffmpeg, cut CMAF segments, write
DASH (manifest.mpd), HLS (master.m3u8) and packaging.json into <dir>.

Options:
  -o, --output <dir>          output directory (required)
  --ladder <h:kbps,...>       video ladder, e.g. 360:600,720:2000 (default: the
                              seeds' 240p..1080p ladder, rungs above the source dropped)
  --segment-duration <s>      segment (and GOP) duration, 2 to 6 seconds (default 4)
  --segment-timeline          DASH SegmentTimeline with $Time$ (default: $Number$ with @duration)
  --preset <name>             x264 preset (default veryfast)
  --audio-bitrate <kbps>      AAC-LC stereo bitrate per audio stream (default 128)
  --subtitles <lang:path,...> sidecar .srt/.vtt files (also auto-picked: <input-basename>.<lang>.srt|vtt)
  --no-sidecar-subtitles      do not auto-pick sidecar subtitles next to the input
  --thumbnails                trick play: sprite sheets + metadata JSON, WebVTT, BIF,
                              DASH image AdaptationSet, HLS image and I-frame playlists
  --thumbnail-interval <s>    seconds between thumbnails, 1 to 600 (default 10)
  --thumbnail-size <WxH>      thumbnail size (default 320x180)
  --sprite-grid <CxR>         thumbnails per sprite sheet, columns x rows (default 5x5)
  --thumbnail-quality <q>     JPEG quality 1 to 100 (default 85)
  --json                      NDJSON progress events and a final JSON result on stdout
  -h, --help                  this help
${ENCRYPTION_USAGE}`;

function numberOption(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < min || parsed > max) throw new UserError(ExitCode.USAGE, `${name} must be a number from ${min} to ${max}, got '${value}'`);
  return parsed;
}

/** Pure: argv of `tessera package` to options (paths resolved against cwd). Throws UserError(USAGE). */
export function parsePackageArgs(argv: string[], cwd: string): PackageCommandOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        output: { type: 'string', short: 'o' },
        ladder: { type: 'string' },
        'segment-duration': { type: 'string' },
        'segment-timeline': { type: 'boolean', default: false },
        preset: { type: 'string' },
        'audio-bitrate': { type: 'string' },
        subtitles: { type: 'string' },
        'no-sidecar-subtitles': { type: 'boolean', default: false },
        thumbnails: { type: 'boolean', default: false },
        'thumbnail-interval': { type: 'string' },
        'thumbnail-size': { type: 'string' },
        'sprite-grid': { type: 'string' },
        'thumbnail-quality': { type: 'string' },
        ...ENCRYPTION_ARG_OPTIONS,
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UserError(ExitCode.USAGE, (error as Error).message.split('\n')[0]!);
  }
  const { values, positionals } = parsed;
  const base = {
    help: values.help === true, json: values.json === true, segmentTimeline: values['segment-timeline'] === true,
    sidecarSubtitles: values['no-sidecar-subtitles'] !== true,
  };
  if (base.help) {
    return { ...base, input: '', outDir: '', ladder: [...DEFAULT_LADDER], segmentDurationSeconds: 4, preset: 'veryfast', audioBitrateKbps: 128, subtitles: [] };
  }
  if (positionals.length !== 1) throw new UserError(ExitCode.USAGE, positionals.length === 0 ? 'missing <input>' : `expected one <input>, got ${positionals.length}`);
  if (!values.output) throw new UserError(ExitCode.USAGE, 'missing -o <dir>');
  const preset = values.preset ?? 'veryfast';
  if (!(X264_PRESETS as ReadonlyArray<string>).includes(preset)) throw new UserError(ExitCode.USAGE, `--preset must be one of ${X264_PRESETS.join(', ')}`);
  const subtitles = values.subtitles ? parseSubtitlesOption(values.subtitles).map((s) => ({ ...s, path: resolve(cwd, s.path) })) : [];
  return {
    ...base,
    input: resolve(cwd, positionals[0]!),
    outDir: resolve(cwd, values.output),
    ladder: values.ladder ? parseLadderOption(values.ladder) : [...DEFAULT_LADDER],
    segmentDurationSeconds: numberOption(values['segment-duration'], '--segment-duration', 4, 2, 6),
    segmentTimeline: base.segmentTimeline,
    preset,
    audioBitrateKbps: numberOption(values['audio-bitrate'], '--audio-bitrate', 128, 32, 512),
    subtitles,
    thumbnails: parseThumbnailOptions(values),
    encryption: parseEncryptionArgs(values, cwd),
  };
}

/** --thumbnails and its settings; the settings alone imply --thumbnails. */
function parseThumbnailOptions(values: Record<string, string | boolean | undefined>): ThumbnailOptions | undefined {
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const names = ['thumbnail-interval', 'thumbnail-size', 'sprite-grid', 'thumbnail-quality'];
  if (values.thumbnails !== true && names.every((name) => text(name) === undefined)) return undefined;
  const d = DEFAULT_THUMBNAIL_OPTIONS;
  const [width, height] = text('thumbnail-size') ? parseDimensions(text('thumbnail-size')!, '--thumbnail-size', 16, 1920) : [d.width, d.height];
  const [columns, rows] = text('sprite-grid') ? parseDimensions(text('sprite-grid')!, '--sprite-grid', 1, 20) : [d.columns, d.rows];
  const options: ThumbnailOptions = {
    intervalSeconds: numberOption(text('thumbnail-interval'), '--thumbnail-interval', d.intervalSeconds, 1, 600),
    width, height, columns, rows,
    quality: Math.round(numberOption(text('thumbnail-quality'), '--thumbnail-quality', d.quality, 1, 100)),
  };
  validateThumbnailOptions(options);
  return options;
}
