import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AbrInputError, createSimVideo, parseSabreVideo, type SimVideo } from '@tessera/abr/sim';
import type { AbrRepresentation } from '@tessera/core/abr-api';
import { ExitCode } from '../cli-support/exit-codes';
import { UserError } from '../cli-support/user-error';

export interface LoadedVideo {
  name: string;
  video: SimVideo;
  /** Where the sizes came from: 'sabre-json', 'packaging.json' or 'segment-files'. */
  source: string;
}

/**
 * Loads the title to simulate: a sabre-style JSON file, or a directory written by `tessera package`.
 * From a packaged title the per-segment byte sizes come from packaging.json when present, else from
 * the sizes of the segment files `video/<rep>/seg-<n>.m4s` themselves.
 */
export async function loadSimVideo(path: string): Promise<LoadedVideo> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new UserError(ExitCode.INPUT_UNREADABLE, `cannot read video at ${path}: ${error.code ?? error.message}`);
  });
  try {
    if (!info.isDirectory()) {
      const text = await readText(path);
      return { name: basename(path), video: parseSabreVideo(text, basename(path)), source: 'sabre-json' };
    }
    const summaryPath = join(path, 'packaging.json');
    if (await exists(summaryPath)) return { name: basename(path), video: await fromPackagingJson(path, await readText(summaryPath)), source: 'packaging.json' };
    return { name: basename(path), video: await fromSegmentFiles(path), source: 'segment-files' };
  } catch (error) {
    if (error instanceof AbrInputError) throw new UserError(ExitCode.INPUT_UNSUPPORTED, error.message);
    throw error;
  }
}

async function readText(path: string): Promise<string> {
  return readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UserError(ExitCode.INPUT_UNREADABLE, `cannot read ${path}: ${error.code ?? error.message}`);
  });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

const invalid = (message: string): AbrInputError => new AbrInputError('VIDEO_INVALID', message);
const num = (value: unknown): number | undefined => (typeof value === 'number' && isFinite(value) ? value : undefined);

/**
 * packaging.json as `tessera package` writes it: `video: [{id, bandwidth, width, height, segments:
 * [{bytes, durationSeconds, url}]}]`. Tolerant of near variants: `representations` filtered by
 * type 'video', `bandwidthBps`/`averageBitrate`/`nominalBitrateKbps`, sizes read from `url` if absent.
 */
async function fromPackagingJson(dir: string, text: string): Promise<SimVideo> {
  let summary: Record<string, unknown>;
  try {
    summary = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw invalid(`${join(dir, 'packaging.json')}: not valid JSON (${(error as Error).message})`);
  }
  const list = (Array.isArray(summary.video) ? summary.video : Array.isArray(summary.representations) ? summary.representations : []) as Array<Record<string, unknown>>;
  const videoReps = list.filter((rep) => rep && typeof rep === 'object' && (rep.type === undefined || rep.type === 'video'));
  if (videoReps.length === 0) throw invalid(`${join(dir, 'packaging.json')}: no video representations`);
  const representations: AbrRepresentation[] = [];
  const sizes: number[][] = [];
  let durations: number[] = [];
  for (const rep of videoReps) {
    const id = String(rep.id ?? representations.length);
    const bandwidthBps = num(rep.bandwidth) ?? num(rep.bandwidthBps) ?? num(rep.averageBitrate) ?? (num(rep.nominalBitrateKbps) ?? NaN) * 1000;
    const segments = (Array.isArray(rep.segments) ? rep.segments : []) as Array<Record<string, unknown>>;
    if (segments.length === 0) throw invalid(`${join(dir, 'packaging.json')}: representation ${id} lists no segments`);
    const repSizes: number[] = [];
    for (const segment of segments) {
      let bytes = num(segment.bytes) ?? num(segment.size);
      if (bytes === undefined && typeof segment.url === 'string') bytes = (await stat(join(dir, segment.url)).catch(() => undefined))?.size;
      if (bytes === undefined) throw invalid(`${join(dir, 'packaging.json')}: representation ${id} has a segment without a size or a readable url`);
      repSizes.push(bytes);
    }
    if (durations.length === 0) {
      const fallback = num(summary.segmentDurationSeconds);
      durations = segments.map((segment) => num(segment.durationSeconds) ?? fallback ?? NaN);
    }
    representations.push({ id, bandwidthBps, width: num(rep.width), height: num(rep.height) });
    sizes.push(repSizes);
  }
  return toSimVideo(representations, sizes, durations, join(dir, 'packaging.json'));
}

/** No packaging.json: segment files under video/<rep>/, duration from the MPD's SegmentTemplate. */
async function fromSegmentFiles(dir: string): Promise<SimVideo> {
  const videoDir = join(dir, 'video');
  const repDirs = (await readdir(videoDir, { withFileTypes: true }).catch(() => {
    throw invalid(`${dir}: neither a packaged title (no packaging.json, no video/ directory) nor a sabre video JSON`);
  })).filter((entry) => entry.isDirectory());
  if (repDirs.length === 0) throw invalid(`${videoDir}: no representation directories`);
  const segmentSeconds = await segmentDurationFromMpd(dir);
  if (segmentSeconds === undefined) throw invalid(`${dir}: no packaging.json, and no SegmentTemplate@duration in manifest.mpd to tell the segment duration`);
  const representations: AbrRepresentation[] = [];
  const sizes: number[][] = [];
  for (const entry of repDirs) {
    const files = (await readdir(join(videoDir, entry.name)))
      .map((name) => ({ name, number: /^seg-(\d+)\.m4s$/.exec(name)?.[1] }))
      .filter((f): f is { name: string; number: string } => f.number !== undefined)
      .sort((a, b) => Number(a.number) - Number(b.number));
    if (files.length === 0) continue;
    const repSizes: number[] = [];
    for (const file of files) repSizes.push((await stat(join(videoDir, entry.name, file.name))).size);
    const total = repSizes.reduce((a, b) => a + b, 0);
    // Directory names carry the nominal rate ('720p-2000k'); else use the measured average.
    const kbps = /(\d+(?:\.\d+)?)k(?:bps)?$/i.exec(entry.name)?.[1];
    const height = /(\d+)p/.exec(entry.name)?.[1];
    representations.push({
      id: entry.name,
      bandwidthBps: kbps ? Number(kbps) * 1000 : (total * 8) / (repSizes.length * segmentSeconds),
      height: height ? Number(height) : undefined,
    });
    sizes.push(repSizes);
  }
  if (representations.length === 0) throw invalid(`${videoDir}: no seg-<n>.m4s files`);
  const count = Math.min(...sizes.map((s) => s.length));
  return toSimVideo(representations, sizes, new Array<number>(count).fill(segmentSeconds), videoDir);
}

async function segmentDurationFromMpd(dir: string): Promise<number | undefined> {
  const mpd = await readFile(join(dir, 'manifest.mpd'), 'utf8').catch(() => undefined);
  const template = mpd ? /<SegmentTemplate\b[^>]*>/.exec(mpd)?.[0] : undefined;
  if (!template) return undefined;
  const duration = Number(/\bduration="(\d+(?:\.\d+)?)"/.exec(template)?.[1]);
  const timescale = Number(/\btimescale="(\d+)"/.exec(template)?.[1] ?? 1);
  return duration > 0 && timescale > 0 ? duration / timescale : undefined;
}

/** Rows per segment, truncated to the representation with the fewest segments. */
function toSimVideo(representations: AbrRepresentation[], sizesByRep: number[][], durations: number[], name: string): SimVideo {
  const count = Math.min(durations.length, ...sizesByRep.map((s) => s.length));
  const rows: number[][] = [];
  for (let k = 0; k < count; k++) rows.push(sizesByRep.map((s) => s[k]!));
  return createSimVideo({ representations, segmentDurationsSeconds: durations.slice(0, count), segmentSizesBytes: rows }, name);
}
