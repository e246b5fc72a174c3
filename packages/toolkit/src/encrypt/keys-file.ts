import { readFile, writeFile } from 'node:fs/promises';
import { ExitCode } from '../cli-support/exit-codes';
import { UserError } from '../cli-support/user-error';
import type { EncryptionScheme } from './cenc-boxes';
import type { ContentKey, EncryptionPlan } from './encryption-plan';

/**
 * keys.json: the content keys of one packaged title (schema in packages/toolkit/README.md).
 * `tessera package --encrypt` writes it next to the manifests; `--keys-file` reads it back
 * (re-packaging with the same keys); `tessera serve --license-keys` serves its keys.
 */
export interface KeysFile {
  comment?: string;
  scheme?: EncryptionScheme;
  keys: ContentKey[];
  constantIv?: string;
}

export const KEYS_FILE_NAME = 'keys.json';

const HEX32 = /^[0-9a-f]{32}$/;

/** Lower-case hex without dashes, or undefined when not 16 bytes. */
export function normalizeHex16(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const hex = value.trim().replace(/^0x/i, '').replace(/-/g, '').toLowerCase();
  return HEX32.test(hex) ? hex : undefined;
}

function bad(source: string, message: string): UserError {
  return new UserError(ExitCode.USAGE, `keys file ${source}: ${message}`);
}

/** Validates a parsed keys file (never echoes key values in errors). */
export function parseKeysFile(value: unknown, source: string): KeysFile {
  if (typeof value !== 'object' || value === null || !Array.isArray((value as KeysFile).keys)) throw bad(source, 'expected {"keys": [...]}');
  const raw = value as Record<string, unknown>;
  const keys = (raw.keys as unknown[]).map((entry, index): ContentKey => {
    if (typeof entry !== 'object' || entry === null) throw bad(source, `keys[${index}] is not an object`);
    const e = entry as Record<string, unknown>;
    const keyId = normalizeHex16(e.keyId ?? e.kid);
    const key = normalizeHex16(e.key ?? e.k);
    if (!keyId) throw bad(source, `keys[${index}].keyId must be 32 hex digits`);
    if (!key) throw bad(source, `keys[${index}].key must be 32 hex digits`);
    const out: ContentKey = { label: typeof e.label === 'string' ? e.label : `key-${index + 1}`, keyId, key };
    if (e.type !== undefined) {
      if (e.type !== 'video' && e.type !== 'audio') throw bad(source, `keys[${index}].type must be "video" or "audio"`);
      out.type = e.type;
    }
    for (const bound of ['minHeight', 'maxHeight'] as const) {
      if (e[bound] === undefined) continue;
      if (typeof e[bound] !== 'number' || !((e[bound] as number) >= 0)) throw bad(source, `keys[${index}].${bound} must be a number ≥ 0`);
      out[bound] = e[bound] as number;
    }
    return out;
  });
  if (keys.length === 0) throw bad(source, 'no keys');
  const file: KeysFile = { keys };
  if (raw.scheme !== undefined) {
    if (raw.scheme !== 'cenc' && raw.scheme !== 'cbcs') throw bad(source, 'scheme must be "cenc" or "cbcs"');
    file.scheme = raw.scheme;
  }
  if (raw.constantIv !== undefined) {
    const iv = normalizeHex16(raw.constantIv);
    if (!iv) throw bad(source, 'constantIv must be 32 hex digits');
    file.constantIv = iv;
  }
  return file;
}

export async function readKeysFile(path: string): Promise<KeysFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UserError(ExitCode.INPUT_UNREADABLE, `cannot read keys file '${path}'`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw bad(path, 'not valid JSON');
  }
  return parseKeysFile(json, path);
}

export function keysFileOf(plan: EncryptionPlan): KeysFile {
  const file: KeysFile = {
    comment: 'Content keys of this title. Secret: give them to the licence server (tessera serve --license-keys), never to players.',
    scheme: plan.scheme,
    keys: plan.keys,
  };
  if (plan.constantIv) file.constantIv = plan.constantIv;
  return file;
}

/** Written with mode 0600: the file holds content keys. */
export async function writeKeysFile(path: string, plan: EncryptionPlan): Promise<void> {
  await writeFile(path, JSON.stringify(keysFileOf(plan), null, 2) + '\n', { mode: 0o600 });
}
