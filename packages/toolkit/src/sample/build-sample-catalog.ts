import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ExitCode } from '../cli-support/exit-codes';
import { UserError } from '../cli-support/user-error';
import type { FfmpegTools } from '../ffmpeg/ffmpeg-tools';
import { runFfmpeg, runForOutput } from '../ffmpeg/run-ffmpeg';
import { toBcp47Language } from '../package/languages';
import { packageTitle } from '../package/package-title';
import { PACKAGER_VERSION } from '../package/packaging-summary';
import type { ProgressReporter } from '../progress/progress-reporter';
import { buildCatalog, type Catalog, type CatalogTitle } from './catalog';
import { buildReferenceArgs } from './reference-args';
import { SAMPLE_AUDIO, SAMPLE_SERIES, sampleTitles, type SampleTitleSpec } from './sample-titles';
import { buildSourceArgs, drawtextProbeArgs } from './source-args';
import { hashOf, readStamp, writeStamp } from './stamp';
import { buildTimecodeSrt } from './timecode-subtitles';
import { DEFAULT_THUMBNAIL_OPTIONS } from '../thumbnails/thumbnail-options';
import { TRICK_PLAY_VERSION } from '../thumbnails/thumbnail-files';
import { catalogDrmEntry, sampleEncryptionPlan } from '../encrypt/sample-encryption';

/** Bumped when the synthesized sources change for the same spec. */
const SOURCE_VERSION = '1';
const STAMP_FILE = '.tessera-stamp.json';

export interface SampleOptions {
  outDir: string;
  preset: string;
  segmentDurationSeconds: number;
  segmentTimeline: boolean;
  /** Keep the synthesized source .mp4 files (deleted after packaging by default; the stamps keep the cache valid). */
  keepSources: boolean;
  /** Tiny titles (a few seconds, quarter resolution) for smoke tests. */
  quick: boolean;
  /** Only these title IDs (all when empty). */
  only: string[];
}

export interface SampleResult {
  catalog: Catalog;
  /** Titles (re)built in this run; the others were up to date. */
  built: string[];
  cached: string[];
}

/** --quick: the same catalog shape, in seconds of encoding. */
export function quickSpec(spec: SampleTitleSpec): SampleTitleSpec {
  const scale = 8 / spec.durationSeconds;
  const quick: SampleTitleSpec = {
    ...spec,
    width: Math.round(spec.width / 4 / 2) * 2,
    height: Math.round(spec.height / 4 / 2) * 2,
    durationSeconds: 8,
    ladder: spec.ladder.map((rung) => ({ height: Math.round(rung.height / 4 / 2) * 2, bitrateKbps: Math.round(rung.bitrateKbps / 8) })),
  };
  if (spec.markers) {
    quick.markers = {
      introStart: Math.round(spec.markers.introStart * scale * 10) / 10,
      introEnd: Math.round(spec.markers.introEnd * scale * 10) / 10,
      creditsStart: Math.round(spec.markers.creditsStart * scale * 10) / 10,
    };
  }
  return quick;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * `tessera sample`: synthesize each title's source, package it (ours, or
 * ffmpeg's muxers for the reference title), write catalog.json. A title whose
 * stamp (hash of its source spec, packaging options and packager version)
 * matches is skipped entirely.
 */
export async function buildSampleCatalog(options: SampleOptions, tools: FfmpegTools, reporter: ProgressReporter): Promise<SampleResult> {
  try {
    await mkdir(join(options.outDir, 'sources'), { recursive: true });
  } catch (error) {
    throw new UserError(ExitCode.OUTPUT_UNWRITABLE, `cannot write to '${options.outDir}': ${(error as Error).message}`);
  }
  let specs = sampleTitles().map((spec) => (options.quick ? quickSpec(spec) : spec));
  if (options.only.length > 0) {
    const unknown = options.only.filter((id) => !specs.some((spec) => spec.id === id));
    if (unknown.length > 0) throw new UserError(ExitCode.USAGE, `--only: unknown title ${unknown.join(', ')} (titles: ${specs.map((s) => s.id).join(', ')})`);
    specs = specs.filter((spec) => options.only.includes(spec.id));
  }
  let drawtext: boolean | undefined;
  const entries: CatalogTitle[] = [];
  const result: SampleResult = { catalog: buildCatalog([], [], ''), built: [], cached: [] };
  for (const spec of specs) {
    const titleDir = join(options.outDir, spec.directory);
    const packaging = {
      segmentDurationSeconds: options.segmentDurationSeconds, segmentTimeline: options.segmentTimeline, preset: options.preset,
      thumbnails: spec.kind === 'reference' ? undefined : { ...DEFAULT_THUMBNAIL_OPTIONS, version: TRICK_PLAY_VERSION },
    };
    // drawtext availability changes the source, so it is part of the hash; probe it only once and only if needed.
    const hashFor = (withDrawtext: boolean) => hashOf({ SOURCE_VERSION, PACKAGER_VERSION, spec, audio: SAMPLE_AUDIO, withDrawtext, packaging });
    const cachedEntry = (await readStamp<CatalogTitle>(join(titleDir, STAMP_FILE), hashFor(true)))
      ?? (await readStamp<CatalogTitle>(join(titleDir, STAMP_FILE), hashFor(false)));
    if (cachedEntry && (await exists(join(options.outDir, cachedEntry.manifests.dash)))) {
      reporter.cached('package', spec.id);
      entries.push(cachedEntry);
      result.cached.push(spec.id);
      continue;
    }
    if (drawtext === undefined) drawtext = (await runForOutput(tools.ffmpeg, ['-hide_banner', '-loglevel', 'error', ...drawtextProbeArgs()])).code === 0;
    const source = await synthesizeSource(spec, options.outDir, drawtext, tools, reporter);
    await rm(titleDir, { recursive: true, force: true });
    await mkdir(titleDir, { recursive: true });
    const entry = spec.kind === 'reference'
      ? await packageReference(spec, source, titleDir, options, tools, reporter)
      : await packageSampleTitle(spec, source, titleDir, options, tools, reporter);
    if (spec.markers) await writeFile(join(titleDir, 'markers.json'), JSON.stringify(spec.markers, null, 2) + '\n');
    await writeStamp(join(titleDir, STAMP_FILE), hashFor(drawtext), entry);
    if (!options.keepSources) await rm(source, { force: true });
    entries.push(entry);
    result.built.push(spec.id);
  }
  result.catalog = buildCatalog(entries, [SAMPLE_SERIES], `tessera sample (packager ${PACKAGER_VERSION})`);
  await writeFile(join(options.outDir, 'catalog.json'), JSON.stringify(result.catalog, null, 2) + '\n');
  return result;
}

async function synthesizeSource(spec: SampleTitleSpec, outDir: string, drawtext: boolean, tools: FfmpegTools, reporter: ProgressReporter): Promise<string> {
  const sources = join(outDir, 'sources');
  const source = join(sources, `${spec.id}.mp4`);
  const sourceHash = hashOf({ SOURCE_VERSION, spec: { ...spec, ladder: undefined }, audio: SAMPLE_AUDIO, drawtext });
  await writeFile(join(sources, `${spec.id}.en.srt`), buildTimecodeSrt(spec.durationSeconds));
  if (spec.markers) await writeFile(join(sources, `${spec.id}.markers.json`), JSON.stringify(spec.markers, null, 2) + '\n');
  if ((await readStamp(join(sources, `${spec.id}.stamp.json`), sourceHash)) && (await exists(source))) return source;
  reporter.start('source', spec.id);
  await runFfmpeg(tools.ffmpeg, buildSourceArgs(spec, source, drawtext), {
    what: `synthesizing the '${spec.id}' source`,
    onProgress: (block) => {
      if (block.outTimeSeconds !== undefined) reporter.update('source', spec.id, block.outTimeSeconds / spec.durationSeconds);
    },
  });
  await writeStamp(join(sources, `${spec.id}.stamp.json`), sourceHash, {});
  reporter.done('source', spec.id);
  return source;
}

async function packageSampleTitle(
  spec: SampleTitleSpec, source: string, titleDir: string, options: SampleOptions, tools: FfmpegTools, reporter: ProgressReporter,
): Promise<CatalogTitle> {
  const summary = await packageTitle({
    input: source,
    outDir: titleDir,
    ladder: spec.ladder,
    segmentDurationSeconds: options.segmentDurationSeconds,
    segmentTimeline: options.segmentTimeline,
    preset: options.preset,
    audioBitrateKbps: 128,
    subtitles: [{ language: 'en', path: join(options.outDir, 'sources', `${spec.id}.en.srt`) }],
    title: spec.id,
    thumbnails: { ...DEFAULT_THUMBNAIL_OPTIONS },
    encryption: sampleEncryptionPlan(spec.encryption),
  }, tools, reporter);
  const top = summary.video[summary.video.length - 1];
  const entry: CatalogTitle = {
    id: spec.id,
    title: spec.title,
    kind: spec.kind,
    packager: 'tessera',
    durationSeconds: Math.round(summary.durationSeconds * 1000) / 1000,
    manifests: { dash: `${spec.directory}/${summary.manifests.dash}`, hls: `${spec.directory}/${summary.manifests.hls}` },
    packaging: `${spec.directory}/packaging.json`,
    languages: { audio: summary.audio.map((a) => a.language ?? 'und'), subtitles: summary.subtitles.map((s) => s.language) },
    video: { width: top?.width ?? spec.width, height: top?.height ?? spec.height, frameRate: summary.source.frameRate, renditions: summary.video.length },
  };
  if (spec.seriesId !== undefined) entry.seriesId = spec.seriesId;
  if (spec.episodeNumber !== undefined) entry.episodeNumber = spec.episodeNumber;
  if (spec.markers) entry.markers = spec.markers;
  if (summary.encryption) entry.drm = catalogDrmEntry(summary.encryption, spec.directory);
  const thumbs = summary.thumbnails;
  if (thumbs) {
    entry.thumbnails = {
      intervalSeconds: thumbs.intervalSeconds,
      sprites: `${spec.directory}/${thumbs.metadataUrl}`,
      webvtt: `${spec.directory}/${thumbs.webvttUrl}`,
      bif: `${spec.directory}/${thumbs.bifUrl}`,
      hlsImages: `${spec.directory}/${thumbs.hlsPlaylistUrl}`,
      iFrames: (summary.iFramePlaylists ?? []).slice().sort((a, b) => a.bandwidth - b.bandwidth).map((p) => `${spec.directory}/${p.url}`),
    };
  }
  return entry;
}

async function packageReference(
  spec: SampleTitleSpec, source: string, titleDir: string, options: SampleOptions, tools: FfmpegTools, reporter: ProgressReporter,
): Promise<CatalogTitle> {
  await mkdir(join(titleDir, 'dash'), { recursive: true });
  await mkdir(join(titleDir, 'hls'), { recursive: true });
  reporter.start('reference', spec.id);
  await runFfmpeg(tools.ffmpeg, buildReferenceArgs(spec, source, titleDir, options.segmentDurationSeconds, options.preset), {
    what: `packaging '${spec.id}' with ffmpeg's dash and hls muxers`,
    onProgress: (block) => {
      if (block.outTimeSeconds !== undefined) reporter.update('reference', spec.id, block.outTimeSeconds / spec.durationSeconds);
    },
  });
  reporter.done('reference', spec.id);
  const top = spec.ladder.filter((rung) => rung.height <= spec.height).sort((a, b) => b.height - a.height)[0];
  return {
    id: spec.id,
    title: spec.title,
    kind: 'reference',
    packager: 'ffmpeg',
    durationSeconds: spec.durationSeconds,
    manifests: { dash: `${spec.directory}/dash/manifest.mpd`, hls: `${spec.directory}/hls/master.m3u8` },
    languages: { audio: SAMPLE_AUDIO.map((a) => toBcp47Language(a.language)), subtitles: [] },
    video: { width: Math.round(((top?.height ?? spec.height) * spec.width) / spec.height / 2) * 2, height: top?.height ?? spec.height, frameRate: String(spec.fps), renditions: spec.ladder.length },
  };
}
