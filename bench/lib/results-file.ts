import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** bench/results/ (gitignored). */
export const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

/** Writes `<name>-<timestamp>.json` and `<name>-latest.json`; returns the timestamped path. */
export function writeResults(name: string, data: unknown): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const path = `${RESULTS_DIR}${name}-${stamp}.json`;
  const text = JSON.stringify(data, null, 2);
  writeFileSync(path, text);
  writeFileSync(`${RESULTS_DIR}${name}-latest.json`, text);
  return path;
}

/** 1-minute load average and cores: the box is shared, so every report says how busy it was. */
export async function machineLoad(): Promise<{ loadAverage1m: number; cores: number }> {
  const os = await import('node:os');
  return { loadAverage1m: Number(os.loadavg()[0]!.toFixed(2)), cores: os.cpus().length };
}
