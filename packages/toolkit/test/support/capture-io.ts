import type { CliIo } from '../../src/cli-support/cli-io';

/** A non-TTY CliIo that keeps everything the command prints, for assertions. */
export function captureIo(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    isTty: false,
    env: {},
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
  };
  return io;
}
