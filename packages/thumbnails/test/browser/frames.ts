import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Small grayscale pictures compared by mean absolute difference: robust to scaling and JPEG noise, blind to nothing that matters here. */
export const GRAY_WIDTH = 160;
export const GRAY_HEIGHT = 90;
const QUIET = { stdio: ['pipe', 'pipe', 'ignore'] as Array<'pipe' | 'ignore'>, maxBuffer: 1 << 24 };

/** Any image ffmpeg reads (a PNG screenshot) → GRAY_WIDTH × GRAY_HEIGHT 8-bit gray. */
export function grayFromImage(image: Buffer): Buffer {
  return execFileSync('ffmpeg', ['-v', 'error', '-i', 'pipe:0', '-vf', `scale=${GRAY_WIDTH}:${GRAY_HEIGHT},format=gray`, '-f', 'rawvideo', 'pipe:1'], { ...QUIET, input: image });
}

interface PackagedVideo {
  id: string;
  height?: number;
  initUrl: string;
  frameRate?: string;
  segments: Array<{ url: string; startSeconds: number; durationSeconds: number }>;
}

/**
 * The frame a packaged title shows at `timeSeconds`, as ffmpeg decodes it: the CMAF
 * segment holding that time (init + segment), the frame counted from the segment
 * start at the title's frame rate. Reads packaging.json of `titleDir`; uses the
 * smallest rendition at least `minHeight` tall.
 */
export function grayFrameAt(titleDir: string, timeSeconds: number, minHeight = 360): Buffer {
  const summary = JSON.parse(readFileSync(join(titleDir, 'packaging.json'), 'utf8')) as { video: PackagedVideo[] };
  const rep = summary.video.filter((v) => (v.height ?? 0) >= minHeight).sort((a, b) => (a.height ?? 0) - (b.height ?? 0))[0] ?? summary.video[0]!;
  const [num, den] = (rep.frameRate ?? '24').split('/').map(Number);
  const fps = num! / (den || 1);
  const segment = rep.segments.find((s) => timeSeconds >= s.startSeconds - 1e-6 && timeSeconds < s.startSeconds + s.durationSeconds) ?? rep.segments[rep.segments.length - 1]!;
  const frame = Math.round((timeSeconds - segment.startSeconds) * fps);
  const dir = mkdtempSync(join(tmpdir(), 'tessera-frame-'));
  try {
    const file = join(dir, 'segment.mp4');
    writeFileSync(file, Buffer.concat([readFileSync(join(titleDir, rep.initUrl)), readFileSync(join(titleDir, segment.url))]));
    return execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-vf', `select=eq(n\\,${frame}),scale=${GRAY_WIDTH}:${GRAY_HEIGHT},format=gray`, '-frames:v', '1', '-f', 'rawvideo', 'pipe:1'], QUIET);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Mean absolute difference (0–255) over the band where the sample titles burn in their
 * running timecode (drawtext at 72% of the height, centred), the part that tells
 * 0:10 from 0:20.
 */
export function timecodeDifference(a: Buffer, b: Buffer): number {
  let sum = 0;
  let count = 0;
  for (let y = Math.floor(GRAY_HEIGHT * 0.64); y < Math.floor(GRAY_HEIGHT * 0.85); y++) {
    for (let x = Math.floor(GRAY_WIDTH * 0.25); x < Math.floor(GRAY_WIDTH * 0.75); x++) {
      sum += Math.abs(a[y * GRAY_WIDTH + x]! - b[y * GRAY_WIDTH + x]!);
      count++;
    }
  }
  return sum / count;
}
