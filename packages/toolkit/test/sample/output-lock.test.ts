import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withOutputLock } from '../../src/sample/output-lock';

describe('sample output lock', () => {
  it('serialises two runs on the same directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-lock-'));
    const order: string[] = [];
    const run = (name: string) =>
      withOutputLock(dir, async () => {
        order.push(`${name}:start`);
        await new Promise((r) => setTimeout(r, 50));
        order.push(`${name}:end`);
      }, { pollMs: 10 });
    await Promise.all([run('a'), run('b')]);
    expect(order).toEqual(['a:start', 'a:end', 'b:start', 'b:end']);
    expect(existsSync(join(dir, '.sample-lock'))).toBe(false);
  });

  it('takes over a lock left by a process that is gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-lock-'));
    mkdirSync(join(dir, '.sample-lock'));
    writeFileSync(join(dir, '.sample-lock', 'pid'), '999999');
    await expect(withOutputLock(dir, async () => 'ran', { pollMs: 10, waitMs: 1000 })).resolves.toBe('ran');
  });
});
