import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One `tessera sample` at a time per output directory: two runs writing the same files
 * corrupt each other (a test setup and a developer's run, say). The lock is a directory
 * (created atomically) holding the owner's pid; a lock whose owner is gone is taken over.
 */
export async function withOutputLock<T>(outDir: string, work: () => Promise<T>, options: { waitMs?: number; pollMs?: number } = {}): Promise<T> {
  const lock = join(outDir, '.sample-lock');
  const deadline = Date.now() + (options.waitMs ?? 30 * 60_000);
  mkdirSync(outDir, { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      if (!ownerAlive(lock)) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${outDir} is locked by another tessera sample run`);
      await new Promise((r) => setTimeout(r, options.pollMs ?? 1000));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function ownerAlive(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
  } catch {
    return true; // being created right now: treat as alive, look again soon
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
