import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TesseraServer } from '../../src/serve/index';
import { makeTempDir, readTimed } from './serve-test-helpers';

// Real time on a shared 2-core machine: short transfers, tolerances of 10% below
// (the shaper must never be faster than the link) and a little more above.
describe('network emulation', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let server: TesseraServer | undefined;

  beforeAll(async () => {
    temp = await makeTempDir();
    for (const kb of [100, 250, 400, 500, 750, 1000, 2000]) await writeFile(join(temp.dir, `${kb}k.m4s`), Buffer.alloc(kb * 1000, 7));
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  afterAll(() => temp.cleanup());

  const download = async (path: string): Promise<{ firstByteMs: number; doneMs: number; bytes: number; samples: Array<[number, number]> }> => {
    const start = performance.now();
    const response = await fetch(server!.url + path);
    const firstByteMs = performance.now() - start;
    return { firstByteMs, ...(await readTimed(response, start)) };
  };

  it('downloads 1 MB at 4000 kbit/s in about 2 s', async () => {
    server = await startServer({ root: temp.dir, network: { kind: 'constant', rateKbps: 4000, rttMs: 0 } });
    const result = await download('/1000k.m4s');
    expect(result.bytes).toBe(1_000_000);
    expect(result.doneMs).toBeGreaterThan(1800);
    expect(result.doneMs).toBeLessThan(2400);
  });

  it('keeps throughput within a few percent over a 1 s window', async () => {
    server = await startServer({ root: temp.dir, network: { kind: 'constant', rateKbps: 8000, rttMs: 0 } });
    const { samples } = await download('/2000k.m4s');
    const bytesAt = (ms: number): number => samples.filter(([time]) => time <= ms).at(-1)?.[1] ?? 0;
    // 8000 kbit/s = 1 MB/s: the window [0.5 s, 1.5 s] carries 1 MB.
    const windowBytes = bytesAt(1500) - bytesAt(500);
    expect(windowBytes).toBeGreaterThan(930_000);
    expect(windowBytes).toBeLessThan(1_050_000);
  });

  it('shares one bottleneck: two parallel downloads each get half the rate', async () => {
    server = await startServer({ root: temp.dir, network: { kind: 'constant', rateKbps: 4000, rttMs: 0 } });
    const [a, b] = await Promise.all([download('/250k.m4s'), download('/250k.m4s')]);
    // 500 kB in total through 4000 kbit/s (500 kB/s): both end near 1 s, not 0.5 s.
    for (const result of [a, b]) {
      expect(result.doneMs).toBeGreaterThan(900);
      expect(result.doneMs).toBeLessThan(1250);
    }
  });

  it('gives the whole rate back when one of two downloads ends (max-min fair)', async () => {
    server = await startServer({ root: temp.dir, network: { kind: 'constant', rateKbps: 4000, rttMs: 0 } });
    const [small, large] = await Promise.all([download('/100k.m4s'), download('/400k.m4s')]);
    // 200 kB (100 each) at 500 kB/s → 0.4 s; then the last 300 kB alone → 1 s.
    expect(small.doneMs).toBeGreaterThan(360);
    expect(small.doneMs).toBeLessThan(600);
    expect(large.doneMs).toBeGreaterThan(900);
    expect(large.doneMs).toBeLessThan(1250);
  });

  it('adds the RTT to the time to first byte of every response', async () => {
    server = await startServer({ root: temp.dir, network: { kind: 'constant', rateKbps: 100_000, rttMs: 300 } });
    for (const path of ['/100k.m4s', '/missing.m4s']) {
      const result = await download(path);
      expect(result.firstByteMs).toBeGreaterThan(295);
      expect(result.firstByteMs).toBeLessThan(700);
    }
    server.setNetwork(undefined);
    expect((await download('/100k.m4s')).firstByteMs).toBeLessThan(250);
  });

  it('follows a trace: the rate switches mid-download and the latency per period', async () => {
    server = await startServer({ root: temp.dir });
    // 500 ms at 8000 kbit/s (500 kB), then 2000 kbit/s: 750 kB take 0.5 s + 1 s.
    server.setNetwork({
      kind: 'trace',
      loop: false,
      trace: [
        { duration_ms: 500, bandwidth_kbps: 8000, latency_ms: 0 },
        { duration_ms: 10_000, bandwidth_kbps: 2000, latency_ms: 150 },
      ],
    });
    const switching = await download('/750k.m4s');
    expect(switching.doneMs).toBeGreaterThan(1350);
    expect(switching.doneMs).toBeLessThan(1900);
    // Now in the second period: its 150 ms latency applies.
    const late = await download('/100k.m4s');
    expect(late.firstByteMs).toBeGreaterThan(145);
  });

  it('loops a trace with outages (0 kbit/s periods)', async () => {
    server = await startServer({ root: temp.dir });
    server.setNetwork({
      kind: 'trace',
      trace: [
        { duration_ms: 200, bandwidth_kbps: 0, latency_ms: 0 },
        { duration_ms: 200, bandwidth_kbps: 8000, latency_ms: 0 },
      ],
    });
    // 200 kB per 400 ms cycle: 500 kB need two cycles, an outage and 100 ms → 1.1 s.
    const result = await download('/500k.m4s');
    expect(result.doneMs).toBeGreaterThan(1000);
    expect(result.doneMs).toBeLessThan(1500);
  });

  it('closes promptly with downloads in flight', async () => {
    server = await startServer({ root: temp.dir, network: { kind: 'constant', rateKbps: 1000, rttMs: 0 } });
    const inFlight = [fetch(server.url + '/2000k.m4s').then((r) => r.arrayBuffer()), fetch(server.url + '/1000k.m4s').then((r) => r.arrayBuffer())];
    const settled = Promise.allSettled(inFlight);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.stats.inFlight).toBe(2);
    expect(server.link.activeFlows).toBe(2);
    const start = performance.now();
    await server.close();
    expect(performance.now() - start).toBeLessThan(1000);
    const outcomes = await settled;
    expect(outcomes.every((outcome) => outcome.status === 'rejected')).toBe(true);
    expect(server.link.activeFlows).toBe(0);
  });
});
