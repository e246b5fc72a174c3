import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTrace, parseTrace, PENSIEVE_DEFAULT_LATENCY_MS } from '../../src/serve/index';
import { UserError } from '../../src/cli-support/user-error';
import { ExitCode } from '../../src/cli-support/exit-codes';
import { makeTempDir } from './serve-test-helpers';

const TRACES = fileURLToPath(new URL('../../../../../shared/corpus/traces/', import.meta.url));

describe('parseTrace', () => {
  it('reads the corpus JSON format', () => {
    const periods = parseTrace('[{"duration_ms": 1013, "bandwidth_kbps": 1285, "latency_ms": 100}, {"duration_ms": 0, "bandwidth_kbps": 5, "latency_ms": 1}]');
    // Zero-length periods carry nothing and are dropped.
    expect(periods).toEqual([{ duration_ms: 1013, bandwidth_kbps: 1285, latency_ms: 100 }]);
  });

  it("reads Pensieve's text format: sample i is the throughput over (t[i-1], t[i]]", () => {
    const text = '# cooked trace\n0.0\t1.5\n1.0\t2.25\n2.5 0.0\n\n3.0 0.8\n';
    expect(parseTrace(text)).toEqual([
      { duration_ms: 1000, bandwidth_kbps: 2250, latency_ms: PENSIEVE_DEFAULT_LATENCY_MS },
      { duration_ms: 1500, bandwidth_kbps: 0, latency_ms: PENSIEVE_DEFAULT_LATENCY_MS },
      { duration_ms: 500, bandwidth_kbps: 800, latency_ms: PENSIEVE_DEFAULT_LATENCY_MS },
    ]);
    expect(parseTrace('10.1 1\n10.3 2', { latencyMs: 20 })).toEqual([{ duration_ms: 200, bandwidth_kbps: 2000, latency_ms: 20 }]);
  });

  it.each([
    ['[{"duration_ms": "a"}]', /period 0/],
    ['[]', /non-empty array/],
    ['[{"duration_ms": 100, "bandwidth_kbps": 0, "latency_ms": 0}]', /no period has a bandwidth/],
    ['[{', /not valid JSON/],
    ['0 1\nzero one', /line 2/],
    ['0 1', /at least two samples/],
    ['1 1\n1 2', /times must increase/],
  ])('refuses %j with a one-line input error', (text, message) => {
    let error: unknown;
    try {
      parseTrace(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(ExitCode.INPUT_UNREADABLE);
    expect((error as UserError).message).toMatch(message);
  });
});

describe('loadTrace', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir();
  });
  afterAll(() => temp.cleanup());

  it('loads every corpus trace (3G and 4G)', async () => {
    for (const folder of ['sabre-3g', 'sabre-4g']) {
      const files = (await readdir(join(TRACES, folder))).filter((name) => name.endsWith('.json'));
      expect(files.length).toBeGreaterThan(10);
      for (const file of files) {
        const periods = await loadTrace(join(TRACES, folder, file));
        expect(periods.length).toBeGreaterThan(0);
      }
    }
  });

  it('reads a Pensieve file and accepts trace text directly', async () => {
    const path = join(temp.dir, 'norway_bus_1');
    await writeFile(path, '0 3.1\n1 2.9\n2 3.3\n');
    expect(await loadTrace(path)).toHaveLength(2);
    expect(await loadTrace('0 3.1\n1 2.9\n')).toHaveLength(1);
  });

  it('reports a missing file as unreadable input', async () => {
    await expect(loadTrace(join(temp.dir, 'missing.json'))).rejects.toMatchObject({
      exitCode: ExitCode.INPUT_UNREADABLE,
      message: expect.stringMatching(/cannot read trace .*missing\.json: no such file/),
    });
  });
});
