import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ExitCode } from '../cli-support/exit-codes';
import { UserError } from '../cli-support/user-error';
import { runFfmpeg } from '../ffmpeg/run-ffmpeg';
import type { PackagedThumbnails, PackagedThumbnailSheet } from './packaged-thumbnails';
import { sheetName, THUMBNAIL_DIRECTORY } from './thumbnail-files';
import { buildRetileArgs, buildThumbnailArgs } from './thumbnail-args';
import { spriteMetadata, writeHlsImagePlaylist, writeThumbnailVtt } from './thumbnail-manifests';
import type { ThumbnailOptions } from './thumbnail-options';
import { writeBif } from './write-bif';

export interface GenerateThumbnailsJob {
  ffmpeg: string;
  input: string;
  videoStreamIndex: number;
  /** Presentation duration the thumbnails cover, seconds. */
  durationSeconds: number;
  /** The title root; everything goes to <outDir>/thumbnails/. */
  outDir: string;
  options: ThumbnailOptions;
  /** `content_id` of the sprite metadata. */
  contentId: string;
}

/**
 * Makes every thumbnail format from one ffmpeg pass over the source: sprite
 * sheets, the seeds' metadata JSON, a WebVTT thumbnail track, a Roku BIF and an
 * HLS image playlist (the DASH AdaptationSet and the multivariant line are written
 * with the manifests from the returned summary).
 */
export async function generateThumbnails(job: GenerateThumbnailsJob): Promise<PackagedThumbnails> {
  const { options } = job;
  const dir = join(job.outDir, THUMBNAIL_DIRECTORY);
  const framesDir = join(dir, '.frames');
  await rm(dir, { recursive: true, force: true });
  await mkdir(framesDir, { recursive: true });
  await runFfmpeg(job.ffmpeg, buildThumbnailArgs({
    input: job.input, videoStreamIndex: job.videoStreamIndex, options,
    sheetPattern: join(dir, 'sprite_%02d.jpg'), framePattern: join(framesDir, 'frame_%d.jpg'),
  }), { what: `making thumbnails of '${job.input}'` });

  // Which interval each picture belongs to (its time in ms is its name).
  const intervalMs = options.intervalSeconds * 1000;
  const frames = (await readdir(framesDir))
    .map((name) => ({ name, timeMs: Number(/^frame_(\d+)\.jpg$/.exec(name)?.[1] ?? NaN) }))
    .filter((frame) => Number.isFinite(frame.timeMs))
    .sort((a, b) => a.timeMs - b.timeMs);
  if (frames.length === 0) throw new UserError(ExitCode.INPUT_UNSUPPORTED, `no picture to make thumbnails from in '${job.input}'`);
  const count = Math.floor(frames[frames.length - 1]!.timeMs / intervalMs + 1e-6) + 1;
  // Interval i shows the first picture at or after its start; an interval without one repeats the previous picture.
  const perInterval: string[] = [];
  let next = 0;
  for (let i = 0; i < count; i++) {
    while (next + 1 < frames.length && frames[next + 1]!.timeMs < (i + 1) * intervalMs - 1e-3) next++;
    perInterval.push(frames[next]!.name);
  }
  const shifted = frames.length !== count;
  const perSheet = options.columns * options.rows;
  const sheetCount = Math.ceil(count / perSheet);
  if (shifted) {
    for (const name of await readdir(dir)) if (/^sprite_\d+\.jpg$/.test(name)) await rm(join(dir, name));
    const list = join(framesDir, 'intervals.txt');
    await writeFile(list, perInterval.map((name) => `file '${join(framesDir, name).replace(/'/g, "'\\''")}'\nduration 1\n`).join(''));
    await runFfmpeg(job.ffmpeg, buildRetileArgs(list, options, join(dir, 'sprite_%02d.jpg')), { what: 'tiling thumbnails' });
  }

  const durationSeconds = Math.max(job.durationSeconds, (count - 1) * options.intervalSeconds + 0.001);
  const sheets: PackagedThumbnailSheet[] = [];
  for (let s = 0; s < sheetCount; s++) {
    const url = `${THUMBNAIL_DIRECTORY}/${sheetName(s)}`;
    const bytes = (await stat(join(job.outDir, url))).size;
    const startSeconds = s * perSheet * options.intervalSeconds;
    const tiles = Math.min(perSheet, count - s * perSheet);
    const end = s === sheetCount - 1 ? durationSeconds : startSeconds + perSheet * options.intervalSeconds;
    sheets.push({ url, bytes, startSeconds, durationSeconds: Math.round((end - startSeconds) * 1000) / 1000, tiles });
  }

  const jpegs = new Map<string, Uint8Array>();
  for (const name of new Set(perInterval)) jpegs.set(name, new Uint8Array(await readFile(join(framesDir, name))));
  const bif = writeBif(perInterval.map((name, i) => ({ timeMs: Math.round(i * intervalMs), jpeg: jpegs.get(name)! })));

  const thumbs: PackagedThumbnails = {
    intervalSeconds: options.intervalSeconds,
    width: options.width,
    height: options.height,
    columns: options.columns,
    rows: options.rows,
    quality: options.quality,
    count,
    durationSeconds: Math.round(durationSeconds * 1000) / 1000,
    sheets,
    metadataUrl: `${THUMBNAIL_DIRECTORY}/metadata.json`,
    webvttUrl: `${THUMBNAIL_DIRECTORY}/thumbnails.vtt`,
    bifUrl: `${THUMBNAIL_DIRECTORY}/thumbnails.bif`,
    bifBytes: bif.length,
    hlsPlaylistUrl: `${THUMBNAIL_DIRECTORY}/images.m3u8`,
    // Per tile time actually used, so a last sheet with one tile does not look like a burst.
    bandwidth: Math.ceil(Math.max(...sheets.map((sheet) => (sheet.bytes * 8) / (sheet.tiles * options.intervalSeconds)))),
  };
  await writeFile(join(job.outDir, thumbs.bifUrl), bif);
  await writeFile(join(job.outDir, thumbs.metadataUrl), JSON.stringify(spriteMetadata(thumbs, job.contentId), null, 2) + '\n');
  await writeFile(join(job.outDir, thumbs.webvttUrl), writeThumbnailVtt(thumbs));
  await writeFile(join(job.outDir, thumbs.hlsPlaylistUrl), writeHlsImagePlaylist(thumbs));
  await rm(framesDir, { recursive: true, force: true });
  return thumbs;
}
