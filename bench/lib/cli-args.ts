/** A small flag parser for the bench scripts: `--name value`, `--name=value`, `--flag`. */
export type FlagKind = 'boolean' | 'string' | 'number';

export interface FlagSpec {
  kind: FlagKind;
  description: string;
}

export type ParsedFlags = Record<string, string | number | boolean | undefined>;

export function parseFlags(argv: readonly string[], spec: Record<string, FlagSpec>, usageTitle: string): ParsedFlags {
  const flags: ParsedFlags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      console.log(usage(spec, usageTitle));
      process.exit(0);
    }
    if (!arg.startsWith('--')) fail(`unexpected argument ${arg}`, spec, usageTitle);
    const [rawName, inlineValue] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const flag = spec[rawName];
    if (!flag) fail(`unknown flag --${rawName}`, spec, usageTitle);
    if (flag.kind === 'boolean') {
      flags[rawName] = inlineValue === undefined ? true : inlineValue !== 'false';
      continue;
    }
    const value = inlineValue ?? argv[++i];
    if (value === undefined) fail(`--${rawName} needs a value`, spec, usageTitle);
    if (flag.kind === 'number') {
      const number = Number(value);
      if (!Number.isFinite(number)) fail(`--${rawName} must be a number, got ${value}`, spec, usageTitle);
      flags[rawName] = number;
    } else {
      flags[rawName] = value;
    }
  }
  return flags;
}

function usage(spec: Record<string, FlagSpec>, title: string): string {
  const lines = [title, '', 'Flags:'];
  for (const [name, flag] of Object.entries(spec)) {
    const value = flag.kind === 'boolean' ? '' : flag.kind === 'number' ? ' <n>' : ' <value>';
    lines.push(`  --${name}${value}`.padEnd(28) + flag.description);
  }
  return lines.join('\n');
}

function fail(message: string, spec: Record<string, FlagSpec>, title: string): never {
  console.error(`${message}\n\n${usage(spec, title)}`);
  process.exit(2);
}
