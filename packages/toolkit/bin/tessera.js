#!/usr/bin/env node
// The `tessera` CLI. Runs the built toolkit (npm run build); falls back to the
// TypeScript sources through tsx in a development checkout that has not been built.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
let cli;
if (existsSync(built)) {
  cli = await import(built);
} else {
  try {
    // The repo's tsconfig maps @tessera/* to sources, whatever the working directory.
    process.env.TSX_TSCONFIG_PATH ??= fileURLToPath(new URL('../../../tsconfig.json', import.meta.url));
    await import('tsx/esm/api').then((m) => m.register());
  } catch {
    process.stderr.write('tessera: the toolkit is not built. Run `npm run build` first.\n');
    process.exit(1);
  }
  cli = await import('../src/cli.ts');
}
process.exitCode = await cli.main(process.argv.slice(2));
