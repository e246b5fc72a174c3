import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';

/** Stable hash of a JSON-able value (object keys sorted, so property order never matters). */
export function hashOf(value: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v as object).sort()) out[key] = canonical((v as Record<string, unknown>)[key]);
      return out;
    }
    return v;
  };
  return createHash('sha256').update(JSON.stringify(canonical(value))).digest('hex');
}

export interface Stamp<T> {
  hash: string;
  data: T;
}

/** The stamp at `path` when its hash matches, else undefined (missing, unreadable, stale). */
export async function readStamp<T>(path: string, hash: string): Promise<T | undefined> {
  try {
    const stamp = JSON.parse(await readFile(path, 'utf8')) as Stamp<T>;
    return stamp.hash === hash ? stamp.data : undefined;
  } catch {
    return undefined;
  }
}

export async function writeStamp<T>(path: string, hash: string, data: T): Promise<void> {
  await writeFile(path, JSON.stringify({ hash, data } satisfies Stamp<T>, null, 2) + '\n');
}
