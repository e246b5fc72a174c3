import { ExitCode } from '../cli-support/exit-codes';
import { UserError } from '../cli-support/user-error';
import { parseFfprobeJson, type MediaProbe } from './parse-ffprobe';
import { runForOutput } from './run-ffmpeg';

/** ffprobe an input; an input ffprobe cannot read is a user error (INPUT_UNSUPPORTED). */
export async function probeMedia(ffprobe: string, input: string): Promise<MediaProbe> {
  const result = await runForOutput(ffprobe, ['-v', 'error', '-print_format', 'json', '-show_streams', '-show_format', input]);
  if (result.code !== 0) {
    const reason = result.stderr.trim().split('\n').pop() || `ffprobe exit ${result.code}`;
    throw new UserError(ExitCode.INPUT_UNSUPPORTED, `cannot read '${input}' as media: ${reason}`);
  }
  try {
    return parseFfprobeJson(result.stdout);
  } catch {
    throw new UserError(ExitCode.INPUT_UNSUPPORTED, `ffprobe gave no usable description of '${input}'`);
  }
}
