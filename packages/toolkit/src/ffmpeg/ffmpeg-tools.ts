import { spawn } from 'node:child_process';
import { ExitCode } from '../cli-support/exit-codes';
import { UserError } from '../cli-support/user-error';

export interface FfmpegTools {
  ffmpeg: string;
  ffprobe: string;
}

const INSTALL_HINT = 'install it (Debian/Ubuntu: apt-get install ffmpeg; macOS: brew install ffmpeg) or set TESSERA_FFMPEG and TESSERA_FFPROBE';

/** Runs `<binary> -version`; resolves false when it cannot be started. */
function canRun(binary: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(binary, ['-version'], { stdio: 'ignore' });
    child.on('error', () => resolve(false));
    child.on('close', (code) => resolve(code === 0));
  });
}

/**
 * Finds ffmpeg and ffprobe (TESSERA_FFMPEG / TESSERA_FFPROBE, else PATH).
 * Missing tools are a user error with the install command, not a crash.
 */
export async function findFfmpegTools(env: Record<string, string | undefined> = process.env): Promise<FfmpegTools> {
  const tools = { ffmpeg: env.TESSERA_FFMPEG || 'ffmpeg', ffprobe: env.TESSERA_FFPROBE || 'ffprobe' };
  for (const [name, binary] of Object.entries(tools)) {
    if (!(await canRun(binary))) throw new UserError(ExitCode.FFMPEG_MISSING, `${name} not found ('${binary}'): ${INSTALL_HINT}`);
  }
  return tools;
}
