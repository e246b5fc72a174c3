import type { CommandRunner } from '../cli-support/cli-io';
import { ExitCode } from '../cli-support/exit-codes';
import { findFfmpegTools } from '../ffmpeg/ffmpeg-tools';
import { packageTitle } from '../package/package-title';
import { PACKAGE_USAGE, parsePackageArgs } from '../package/package-options';
import type { PackagingSummary } from '../package/packaging-summary';
import { discoverSidecarSubtitles, mergeSubtitleSources } from '../package/subtitle-sources';
import { createProgressReporter } from '../progress/progress-reporter';
import { resolveEncryptionPlan } from '../encrypt/encryption-options';

/** The one JSON line `tessera package --json` ends with. */
export function packageResult(outDir: string, summary: PackagingSummary, elapsedSeconds: number): Record<string, unknown> {
  const rep = (r: PackagingSummary['video'][number]) => ({
    id: r.id, codecs: r.codecs, width: r.width, height: r.height, language: r.language, bandwidth: r.bandwidth,
    peakBitrate: r.peakBitrate, averageBitrate: r.averageBitrate, segments: r.segments.length,
  });
  return {
    type: 'result', command: 'package', ok: true, outputDir: outDir,
    manifests: summary.manifests, summary: 'packaging.json', durationSeconds: summary.durationSeconds,
    elapsedSeconds: Math.round(elapsedSeconds * 10) / 10,
    video: summary.video.map(rep), audio: summary.audio.map(rep), subtitles: summary.subtitles.map((s) => ({ id: s.id, language: s.language })),
    ...(summary.encryption ? { encryption: { scheme: summary.encryption.scheme, keys: summary.encryption.keys, keysFile: summary.encryption.keysFile } } : {}),
    ...(summary.thumbnails ? {
      thumbnails: {
        count: summary.thumbnails.count, sheets: summary.thumbnails.sheets.length, metadata: summary.thumbnails.metadataUrl, webvtt: summary.thumbnails.webvttUrl,
        bif: summary.thumbnails.bifUrl, hls: summary.thumbnails.hlsPlaylistUrl, iFramePlaylists: (summary.iFramePlaylists ?? []).map((p) => p.url),
      },
    } : {}),
  };
}

export const runPackageCommand: CommandRunner = async (argv, io) => {
  const options = parsePackageArgs(argv, process.cwd());
  if (options.help) {
    io.stdout(PACKAGE_USAGE);
    return ExitCode.OK;
  }
  const started = performance.now();
  const tools = await findFfmpegTools(io.env);
  const reporter = createProgressReporter(io, { json: options.json });
  const subtitles = options.sidecarSubtitles ? mergeSubtitleSources(options.subtitles, discoverSidecarSubtitles(options.input)) : options.subtitles;
  const encryption = options.encryption && (await resolveEncryptionPlan(options.encryption));
  const summary = await packageTitle({ ...options, subtitles, encryption }, tools, reporter);
  const elapsed = (performance.now() - started) / 1000;
  if (options.json) {
    io.stdout(JSON.stringify(packageResult(options.outDir, summary, elapsed)) + '\n');
  } else {
    const lines = [`Packaged ${summary.source.file} in ${elapsed.toFixed(1)} s -> ${options.outDir}`];
    for (const r of summary.video) lines.push(`  video ${r.id.padEnd(12)} ${r.width}x${r.height} ${r.codecs.padEnd(12)} avg ${Math.round(r.averageBitrate / 1000)} kbps, peak ${Math.round(r.peakBitrate / 1000)} kbps, ${r.segments.length} segments`);
    for (const r of summary.audio) lines.push(`  audio ${r.id.padEnd(12)} ${r.language} ${r.codecs} avg ${Math.round(r.averageBitrate / 1000)} kbps`);
    for (const s of summary.subtitles) lines.push(`  text  ${s.id.padEnd(12)} ${s.language}`);
    const t = summary.thumbnails;
    if (t) lines.push(`  thumbnails ${t.count} x ${t.width}x${t.height} every ${t.intervalSeconds} s: ${t.sheets.length} sheets, ${t.metadataUrl}, ${t.webvttUrl}, ${t.bifUrl}, ${t.hlsPlaylistUrl}; ${summary.iFramePlaylists?.length ?? 0} I-frame playlists`);
    const e = summary.encryption;
    if (e) lines.push(`  encrypted ${e.scheme}: ${e.keys.map((k) => `${k.label} ${k.keyId}`).join(', ')}; keys in ${e.keysFile} (keep it private)`);
    lines.push(`  ${summary.manifests.dash}, ${summary.manifests.hls}, packaging.json`);
    io.stdout(lines.join('\n') + '\n');
  }
  return ExitCode.OK;
};
