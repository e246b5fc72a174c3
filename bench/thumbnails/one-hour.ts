import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateThumbnails } from '../../packages/toolkit/src/thumbnails/generate-thumbnails';
import { DEFAULT_THUMBNAIL_OPTIONS } from '../../packages/toolkit/src/thumbnails/thumbnail-options';

export interface HourFigures {
  /** Wall time of the thumbnail step on the one-hour source, s. */
  generateSeconds: number;
  thumbnails: number;
  sheets: number;
  /** Bytes per hour, by format. */
  bytes: Record<string, number>;
}

/**
 * Thumbnails of a synthesized one-hour title (the sample titles' picture: testsrc2 with
 * light noise and a burned-in timecode, 640x360, which is all a 320x180 thumbnail needs),
 * so the per-hour figures are not skewed by a half-empty last sheet of a short title.
 * The source is made once and kept in `workDir`.
 */
export async function oneHourFigures(workDir: string): Promise<HourFigures> {
  mkdirSync(workDir, { recursive: true });
  const source = join(workDir, 'one-hour.mp4');
  if (!existsSync(source)) {
    const picture = "testsrc2=size=640x360:rate=24:duration=3600,noise=alls=3:allf=t,drawtext=text='%{pts\\:hms}':fontsize=30:fontcolor=white:box=1:boxcolor=black@0.6:x=(w-tw)/2:y=h*0.72";
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', picture, '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '23', '-pix_fmt', 'yuv420p', source], { stdio: 'inherit' });
  }
  const outDir = join(workDir, 'out');
  const started = performance.now();
  const t = await generateThumbnails({ ffmpeg: 'ffmpeg', input: source, videoStreamIndex: 0, durationSeconds: 3600, outDir, options: { ...DEFAULT_THUMBNAIL_OPTIONS }, contentId: 'one-hour' });
  const generateSeconds = (performance.now() - started) / 1000;
  const size = (url: string) => statSync(join(outDir, url)).size;
  const sheets = t.sheets.reduce((sum, s) => sum + s.bytes, 0);
  return {
    generateSeconds,
    thumbnails: t.count,
    sheets: t.sheets.length,
    bytes: {
      'sprite JSON': sheets + size(t.metadataUrl),
      WebVTT: sheets + size(t.webvttUrl),
      BIF: size(t.bifUrl),
      'DASH image set': sheets,
      'HLS image playlist': sheets + size(t.hlsPlaylistUrl),
    },
  };
}
