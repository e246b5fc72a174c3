import { constants } from 'node:fs';
import { access, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ExitCode } from '../cli-support/exit-codes';
import { UserError } from '../cli-support/user-error';
import type { FfmpegTools } from '../ffmpeg/ffmpeg-tools';
import { probeMedia } from '../ffmpeg/probe-media';
import { runFfmpeg } from '../ffmpeg/run-ffmpeg';
import type { ProgressReporter } from '../progress/progress-reporter';
import { averageBitrate, dashBandwidth, peakSegmentBitrate } from './bandwidth';
import { writeDashManifest } from './dash-manifest';
import { buildEncodeArgs } from './encode-args';
import { writeHlsMediaPlaylist, writeHlsMultivariantPlaylist, writeHlsSubtitlePlaylist } from './hls-playlists';
import { languageName, toBcp47Language } from './languages';
import { selectLadder, type LadderRung } from './ladder';
import { PACKAGER_VERSION, type PackagedRepresentation, type PackagingSummary, type PackagedSubtitles } from './packaging-summary';
import { splitFragmentedMp4, type SplitResult } from './split-fragmented-mp4';
import { isWebVtt, srtToVtt } from './srt-to-vtt';
import type { SubtitleSource } from './subtitle-sources';
import { generateThumbnails } from '../thumbnails/generate-thumbnails';
import { writeIFramePlaylists } from '../thumbnails/iframe-playlists';
import type { ThumbnailOptions } from '../thumbnails/thumbnail-options';
import { createRepresentationEncryptor, describeEncryption, writeKeysFile, KEYS_FILE_NAME, type EncryptionPlan } from '../encrypt/index';

export interface PackageTitleOptions {
  input: string;
  outDir: string;
  ladder: ReadonlyArray<LadderRung>;
  segmentDurationSeconds: number;
  segmentTimeline: boolean;
  preset: string;
  audioBitrateKbps: number;
  subtitles: ReadonlyArray<SubtitleSource>;
  /** Label for progress lines ('movie'). */
  title?: string;
  /** Trick play (--thumbnails): thumbnails in every format and HLS I-frame playlists. Off when absent. */
  thumbnails?: ThumbnailOptions;
  /** --encrypt: Common Encryption of every track; keys.json is written next to the manifests. Clear when absent. */
  encryption?: EncryptionPlan;
}

async function ensureReadable(path: string, what: string): Promise<void> {
  try {
    await access(path, constants.R_OK);
  } catch {
    throw new UserError(ExitCode.INPUT_UNREADABLE, `cannot read ${what} '${path}' (missing or no permission)`);
  }
}

function simplifiedRate(numerator: number, denominator: number): string {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const g = gcd(numerator, denominator) || 1;
  return denominator / g === 1 ? String(numerator / g) : `${numerator / g}/${denominator / g}`;
}

/**
 * `tessera package`: probe, encode the ladder and audio in one ffmpeg run, cut
 * CMAF segments with the box library, write DASH + HLS + packaging.json.
 */
export async function packageTitle(options: PackageTitleOptions, tools: FfmpegTools, reporter: ProgressReporter): Promise<PackagingSummary> {
  const title = options.title ?? basename(options.input);
  await ensureReadable(options.input, 'input');
  for (const subtitle of options.subtitles) await ensureReadable(subtitle.path, 'subtitle file');
  reporter.start('probe', title);
  const probe = await probeMedia(tools.ffprobe, options.input);
  reporter.done('probe', title);
  const video = probe.video;
  if (!video) throw new UserError(ExitCode.INPUT_UNSUPPORTED, `'${options.input}' has no video stream`);
  if (!(probe.durationSeconds > 0)) throw new UserError(ExitCode.INPUT_UNSUPPORTED, `'${options.input}' has no duration (not a media file?)`);

  const outDir = options.outDir;
  const workDir = join(outDir, '.tessera-work');
  try {
    for (const stale of ['video', 'audio', 'text', 'thumbnails', KEYS_FILE_NAME, workDir]) await rm(join(outDir, stale), { recursive: true, force: true });
    await mkdir(workDir, { recursive: true });
  } catch (error) {
    throw new UserError(ExitCode.OUTPUT_UNWRITABLE, `cannot write to '${outDir}': ${(error as Error).message}`);
  }

  const renditions = selectLadder(options.ladder, video.width, video.height);
  const { args, outputs } = buildEncodeArgs({
    input: options.input, probe, renditions, segmentDurationSeconds: options.segmentDurationSeconds,
    preset: options.preset, audioBitrateKbps: options.audioBitrateKbps, workDir,
  });
  // Thumbnails decode the source in their own ffmpeg run, alongside the encode (whose filtergraph is single-threaded).
  const thumbnailJob = options.thumbnails && generateThumbnails({
    ffmpeg: tools.ffmpeg, input: options.input, videoStreamIndex: video.index, durationSeconds: probe.durationSeconds,
    outDir, options: options.thumbnails, contentId: title,
  });
  thumbnailJob?.catch(() => undefined); // awaited below; an encode failure must not leave it unhandled
  reporter.start('encode', title);
  await runFfmpeg(tools.ffmpeg, args, {
    what: `encoding '${options.input}'`,
    onProgress: (block) => {
      if (block.outTimeSeconds !== undefined) reporter.update('encode', title, block.outTimeSeconds / probe.durationSeconds);
    },
  });
  reporter.done('encode', title);

  reporter.start('package', title);
  const total = outputs.video.length + outputs.audio.length + options.subtitles.length;
  let finished = 0;
  const step = () => reporter.update('package', title, ++finished / total);
  const frameRate = simplifiedRate(video.frameRateNumerator, video.frameRateDenominator);
  const summary: PackagingSummary = {
    packagerVersion: PACKAGER_VERSION,
    manifests: { dash: 'manifest.mpd', hls: 'master.m3u8' },
    durationSeconds: 0,
    segmentDurationSeconds: options.segmentDurationSeconds,
    segmentTemplate: options.segmentTimeline ? 'timeline' : 'number',
    source: { file: basename(options.input), width: video.width, height: video.height, frameRate, durationSeconds: probe.durationSeconds },
    video: [],
    audio: [],
    subtitles: [],
  };

  let boundariesSeconds: number[] = [];
  for (const output of outputs.video) {
    const split = splitFragmentedMp4(new Uint8Array(await readFile(output.file)), { kind: 'sync', targetSeconds: options.segmentDurationSeconds });
    const bad = split.segments.find((segment) => !segment.startsWithSync);
    if (bad) throw new Error(`segment ${bad.number} of ${output.rendition.id} does not start with a keyframe`);
    if (boundariesSeconds.length === 0) boundariesSeconds = split.segments.map((s) => s.presentationTime / split.track.timescale);
    const rep = await writeRepresentation(outDir, split, options, {
      id: output.rendition.id, type: 'video', directory: `video/${output.rendition.id}`, nominalBitrateKbps: output.rendition.bitrateKbps,
    });
    rep.width = split.track.width ?? output.rendition.width;
    rep.height = split.track.height ?? output.rendition.height;
    rep.frameRate = frameRate;
    summary.video.push(rep);
    summary.durationSeconds = Math.max(summary.durationSeconds, totalSeconds(rep));
    step();
  }

  const usedIds = new Set<string>();
  for (const output of outputs.audio) {
    const language = toBcp47Language(output.stream.language);
    let key = language;
    for (let n = 2; usedIds.has(key); n++) key = `${language}-${n}`;
    usedIds.add(key);
    const split = splitFragmentedMp4(new Uint8Array(await readFile(output.file)), { kind: 'times', boundariesSeconds });
    const rep = await writeRepresentation(outDir, split, options, {
      id: `audio-${key}`, type: 'audio', directory: `audio/${key}`, nominalBitrateKbps: options.audioBitrateKbps,
    });
    rep.language = language;
    rep.label = output.stream.title ?? languageName(language);
    if (split.track.channels) rep.channels = split.track.channels;
    if (split.track.sampleRate) rep.sampleRate = split.track.sampleRate;
    summary.audio.push(rep);
    step();
  }

  for (const source of options.subtitles) {
    const subtitles = await writeSubtitles(outDir, source, summary);
    summary.subtitles.push(subtitles);
    step();
  }

  if (options.encryption) {
    summary.encryption = describeEncryption(options.encryption);
    await writeKeysFile(join(outDir, KEYS_FILE_NAME), options.encryption);
  }
  if (thumbnailJob) {
    summary.thumbnails = await thumbnailJob;
    summary.iFramePlaylists = await writeIFramePlaylists(outDir, summary.video, summary.encryption);
  }
  await writeFile(join(outDir, 'manifest.mpd'), writeDashManifest(summary));
  await writeFile(join(outDir, 'master.m3u8'), writeHlsMultivariantPlaylist(summary));
  for (const rep of [...summary.video, ...summary.audio]) await writeFile(join(outDir, rep.playlistUrl), writeHlsMediaPlaylist(rep, summary.encryption));
  await writeFile(join(outDir, 'packaging.json'), JSON.stringify(summary, null, 2) + '\n');
  await rm(workDir, { recursive: true, force: true });
  reporter.done('package', title);
  return summary;
}

function totalSeconds(rep: PackagedRepresentation): number {
  const last = rep.segments[rep.segments.length - 1];
  return last ? last.startSeconds + last.durationSeconds : 0;
}

async function writeRepresentation(
  outDir: string,
  split: SplitResult,
  options: PackageTitleOptions,
  meta: { id: string; type: 'video' | 'audio'; directory: string; nominalBitrateKbps: number },
): Promise<PackagedRepresentation> {
  const timescale = split.track.timescale;
  await mkdir(join(outDir, meta.directory), { recursive: true });
  const encryptor = options.encryption && createRepresentationEncryptor(options.encryption, split.init, { id: meta.id, type: meta.type, height: split.track.height });
  await writeFile(join(outDir, meta.directory, 'init.mp4'), encryptor ? encryptor.encryptInit(split.init) : split.init);
  const segments = [];
  for (const segment of split.segments) {
    const name = options.segmentTimeline ? `seg-${segment.presentationTime}.m4s` : `seg-${segment.number}.m4s`;
    const bytes = encryptor ? encryptor.encryptSegment(segment.bytes) : segment.bytes;
    await writeFile(join(outDir, meta.directory, name), bytes);
    segments.push({
      number: segment.number,
      url: `${meta.directory}/${name}`,
      bytes: bytes.length,
      startSeconds: segment.presentationTime / timescale,
      durationSeconds: segment.duration / timescale,
      time: segment.presentationTime,
      duration: segment.duration,
    });
  }
  const target = Math.max(1, ...segments.map((s) => Math.round(s.durationSeconds)));
  return {
    id: meta.id,
    type: meta.type,
    mimeType: meta.type === 'video' ? 'video/mp4' : 'audio/mp4',
    codecs: split.track.codec,
    timescale,
    initUrl: `${meta.directory}/init.mp4`,
    playlistUrl: `${meta.directory}/playlist.m3u8`,
    bandwidth: dashBandwidth(segments, options.segmentDurationSeconds),
    peakBitrate: peakSegmentBitrate(segments, target),
    averageBitrate: averageBitrate(segments),
    nominalBitrateKbps: meta.nominalBitrateKbps,
    segments,
    ...(encryptor ? { keyId: encryptor.keyId } : {}),
  };
}

async function writeSubtitles(outDir: string, source: SubtitleSource, summary: PackagingSummary): Promise<PackagedSubtitles> {
  const text = (await readFile(source.path, 'utf8')).replace(/^\uFEFF/, '');
  let vtt: string;
  if (/\.srt$/i.test(source.path)) vtt = srtToVtt(text);
  else if (isWebVtt(text)) vtt = text.replace(/\r\n?/g, '\n');
  else throw new UserError(ExitCode.INPUT_UNSUPPORTED, `'${source.path}' is not WebVTT (no WEBVTT header)`);
  let key = source.language;
  for (let n = 2; summary.subtitles.some((s) => s.id === `text-${key}`); n++) key = `${source.language}-${n}`;
  const directory = `text/${key}`;
  await mkdir(join(outDir, directory), { recursive: true });
  const subtitles: PackagedSubtitles = {
    id: `text-${key}`,
    language: source.language,
    name: languageName(source.language),
    url: `${directory}/subtitles.vtt`,
    playlistUrl: `${directory}/playlist.m3u8`,
  };
  await writeFile(join(outDir, subtitles.url), vtt);
  await writeFile(join(outDir, subtitles.playlistUrl), writeHlsSubtitlePlaylist(subtitles, summary.durationSeconds));
  return subtitles;
}

