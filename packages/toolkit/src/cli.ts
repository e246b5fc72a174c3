import { ExitCode } from './cli-support/exit-codes';
import { UserError } from './cli-support/user-error';
import { processIo, type CliIo, type CommandRunner } from './cli-support/cli-io';

/** Subcommands, loaded lazily so `tessera serve` does not load the encoder. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandRunner> }> = {
  package: {
    summary: 'encode a ladder and package CMAF with DASH and HLS manifests',
    load: async () => (await import('./commands/package-command')).runPackageCommand,
  },
  sample: {
    summary: 'synthesize sample sources and package a small catalog',
    load: async () => (await import('./commands/sample-command')).runSampleCommand,
  },
  serve: {
    summary: 'serve a directory on 127.0.0.1 with byte ranges, CORS and network emulation',
    load: async () => (await import('./commands/serve-command')).runServeCommand,
  },
  'abr-sim': {
    summary: 'run ABR algorithms over network traces against the offline optimum',
    load: async () => (await import('./commands/abr-sim-command')).runAbrSimCommand,
  },
};

export function usage(): string {
  const lines = ['Usage: tessera <command> [options]', '', 'Commands:'];
  for (const name of Object.keys(COMMANDS)) lines.push(`  ${name.padEnd(10)} ${COMMANDS[name]!.summary}`);
  lines.push('', 'Run `tessera <command> --help` for the options of a command.');
  return lines.join('\n') + '\n';
}

/** Entry point of the CLI; returns the exit code instead of exiting (testable). */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name ? ExitCode.OK : ExitCode.USAGE;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`tessera: unknown command '${name}'. Run 'tessera --help'.\n`);
    return ExitCode.USAGE;
  }
  try {
    const run = await command.load();
    return await run(rest, io);
  } catch (error) {
    if (error instanceof UserError) {
      io.stderr(`tessera ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr(`tessera ${name}: internal error (a bug, please report it):\n${(error as Error)?.stack ?? String(error)}\n`);
    return ExitCode.INTERNAL;
  }
}
