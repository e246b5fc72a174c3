import { spawn } from 'node:child_process';
import { ExitCode } from '../cli-support/exit-codes';
import { UserError } from '../cli-support/user-error';
import { createFfmpegProgressParser, type FfmpegProgressBlock } from './ffmpeg-progress-parser';

export interface RunFfmpegOptions {
  /** Called for each `-progress` block (the args must not contain -progress; it is added). */
  onProgress?: (block: FfmpegProgressBlock) => void;
  /** What the run does, for the error message ("encoding movie.mp4"). */
  what: string;
}

/**
 * Runs ffmpeg with `-progress pipe:1 -nostats`, streaming progress blocks; a
 * non-zero exit becomes UserError FFMPEG_FAILED with ffmpeg's last error lines.
 */
export function runFfmpeg(ffmpeg: string, args: ReadonlyArray<string>, options: RunFfmpegOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, ['-hide_banner', '-nostdin', '-loglevel', 'error', '-nostats', '-progress', 'pipe:1', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const parse = createFfmpegProgressParser((block) => options.onProgress?.(block));
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => parse(chunk));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    child.on('error', (error) => reject(new UserError(ExitCode.FFMPEG_MISSING, `cannot start ffmpeg ('${ffmpeg}'): ${error.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) return resolve();
      const lastLines = stderr.trim().split('\n').slice(-3).join(' | ') || `exit ${code ?? signal}`;
      reject(new UserError(ExitCode.FFMPEG_FAILED, `ffmpeg failed while ${options.what}: ${lastLines}`));
    });
  });
}

/** Runs a tool to completion and returns its stdout (ffprobe). */
export function runForOutput(binary: string, args: ReadonlyArray<string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
    child.on('error', (error) => reject(new UserError(ExitCode.FFMPEG_MISSING, `cannot start '${binary}': ${error.message}`)));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
