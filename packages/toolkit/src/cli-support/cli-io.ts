/** Where a command writes. Injected so tests capture output without spawning. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is a TTY (progress bars are drawn only then). */
  isTty: boolean;
  /** Environment variables (injected for tests). */
  env: Record<string, string | undefined>;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTty: Boolean(process.stderr.isTTY),
  env: process.env,
};

/** A subcommand: parses its own argv and returns an exit code. */
export type CommandRunner = (argv: string[], io: CliIo) => Promise<number>;
