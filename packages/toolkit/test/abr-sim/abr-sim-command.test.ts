import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli';
import { captureIo } from '../support/capture-io';
import { ExitCode } from '../../src/cli-support/exit-codes';

const CORPUS = fileURLToPath(new URL('../../../../../shared/corpus/', import.meta.url));
const TRACE_3G = join(CORPUS, 'traces/sabre-3g/report.2010-09-13_1003CEST.json');
const TRACE_4G = join(CORPUS, 'traces/sabre-4g/report_bus_0001.json');
const ALGORITHMS = ['hybrid', 'robust-mpc', 'bola', 'bba', 'throughput'];

describe('tessera abr-sim', () => {
  let dir: string;
  let video: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tessera-abr-sim-'));
    // The first 40 segments of bbb.json keep the optimum quick.
    const bbb = JSON.parse(await readFile(join(CORPUS, 'abr-manifests/bbb.json'), 'utf8')) as { segment_sizes_bits: number[][] };
    video = join(dir, 'bbb-40.json');
    await writeFile(video, JSON.stringify({ ...bbb, segment_sizes_bits: bbb.segment_sizes_bits.slice(0, 40) }));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('prints a table per trace set with every algorithm and the optimum, and writes SVG charts', async () => {
    const io = captureIo();
    const out = join(dir, 'charts');
    expect(await main(['abr-sim', '--traces', `${TRACE_3G},${TRACE_4G}`, '--video', video, '--out', out], io)).toBe(ExitCode.OK);
    expect(io.out).toMatch(/^sabre-3g \(1 traces/m);
    expect(io.out).toMatch(/^sabre-4g \(1 traces/m);
    for (const name of [...ALGORITHMS, '(optimal)']) expect(io.out.split(name).length - 1).toBe(2);
    expect(io.out).toMatch(/\(optimal\)\s+-?\d+\.\d{3}\s+100\.0%/);
    expect(await readdir(out)).toEqual(expect.arrayContaining(['summary.svg', 'report.json', 'sabre-3g', 'sabre-4g']));
    const summary = await readFile(join(out, 'summary.svg'), 'utf8');
    expect(summary).toMatch(/^<\?xml[^]*<svg[^]*hybrid[^]*<\/svg>\s*$/);
    const session = await readFile(join(out, 'sabre-3g', 'report.2010-09-13_1003CEST.svg'), 'utf8');
    for (const name of [...ALGORITHMS, 'optimal']) expect(session).toContain(`${name}: QoE_lin`);
    expect(session.match(/<polyline /g)!.length).toBe(3 * 6);
  });

  it('prints JSON with per-algorithm means and per-trace figures', async () => {
    const io = captureIo();
    expect(await main(['abr-sim', '--traces', TRACE_4G, '--video', video, '--algorithms', 'hybrid,bba', '--json'], io)).toBe(ExitCode.OK);
    const report = JSON.parse(io.out);
    expect(report.video).toMatchObject({ segments: 40, segmentDurationSeconds: 3 });
    const [set] = report.traceSets;
    expect(set.name).toBe('sabre-4g');
    expect(Object.keys(set.algorithms)).toEqual(['hybrid', 'bba']);
    for (const summary of Object.values(set.algorithms) as Array<Record<string, unknown>>) {
      expect(summary).toMatchObject({
        meanQoeLin: expect.any(Number),
        ratioToOptimal: expect.any(Number),
        rebufferRatio: expect.any(Number),
        averageBitrateKbps: expect.any(Number),
        switches: expect.any(Number),
      });
      expect(summary.traces).toEqual([expect.objectContaining({ trace: 'report_bus_0001.json', qoeLin: expect.any(Number), ratioToOptimal: expect.any(Number), rebufferRatio: expect.any(Number), averageBitrateKbps: expect.any(Number), switches: expect.any(Number) })]);
    }
    expect(set.optimal.meanQoeLin).toBeGreaterThanOrEqual(set.algorithms.hybrid.meanQoeLin);
  });

  it('reads Pensieve two-column traces and skips the optimum on request', async () => {
    const trace = join(dir, 'pensieve.log');
    await writeFile(trace, Array.from({ length: 200 }, (_, i) => `${i}\t${(1.5 + Math.sin(i / 10)).toFixed(3)}`).join('\n'));
    const io = captureIo();
    expect(await main(['abr-sim', '--traces', trace, '--video', video, '--no-optimal', '--json'], io)).toBe(ExitCode.OK);
    const report = JSON.parse(io.out);
    expect(report.traceSets[0].optimal).toBeUndefined();
    expect(report.traceSets[0].algorithms.hybrid.ratioToOptimal).toBeUndefined();
    expect(report.timing.optimalSeconds).toBe(0);
  });

  it.each([
    [['abr-sim', '--video', 'v.json'], ExitCode.USAGE, /missing --traces/],
    [['abr-sim', '--traces', 't.json'], ExitCode.USAGE, /missing --video/],
    [['abr-sim', '--traces', 't', '--video', 'v', '--algorithms', 'pensieve'], ExitCode.USAGE, /unknown algorithm 'pensieve'/],
    [['abr-sim', '--traces', 't', '--video', 'v', '--max-buffer', 'lots'], ExitCode.USAGE, /--max-buffer expects a positive number/],
    [['abr-sim', '--traces', '/no/such/trace.json', '--video', 'v'], ExitCode.INPUT_UNREADABLE, /cannot read traces at \/no\/such\/trace.json: ENOENT/],
  ])('%j exits %i with a one-line message', async (argv, code, message) => {
    const io = captureIo();
    expect(await main(argv, io)).toBe(code);
    expect(io.err).toMatch(message);
    expect(io.err.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    ['broken JSON', '[{"duration_ms": 1000,', /trace bad.json: not valid JSON/],
    ['a bad field', '[{"duration_ms": "soon", "bandwidth_kbps": 1000}]', /trace bad.json: period 0: duration_ms must be a positive number/],
    ['no bandwidth at all', '[{"duration_ms": 1000, "bandwidth_kbps": 0, "latency_ms": 20}]', /trace bad.json: the bandwidth is zero throughout/],
    ['garbage text', 'hello world\n', /trace bad.json: line 1: expected "<time s> <throughput Mbps>"/],
  ])('rejects a malformed trace (%s) with exit 4 and one line', async (_label, text, message) => {
    const trace = join(dir, 'bad.json');
    await writeFile(trace, text);
    const io = captureIo();
    expect(await main(['abr-sim', '--traces', trace, '--video', video], io)).toBe(ExitCode.INPUT_UNSUPPORTED);
    expect(io.err).toMatch(message);
    expect(io.err.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    ['not JSON', 'segment_duration_ms=3000', /not valid JSON/],
    ['missing sizes', '{"segment_duration_ms": 3000, "bitrates_kbps": [300, 800]}', /segment_sizes_bits must be a non-empty array/],
    ['ragged sizes', '{"segment_duration_ms": 3000, "bitrates_kbps": [300, 800], "segment_sizes_bits": [[1, 2], [3]]}', /segment 1: expected 2 sizes/],
  ])('rejects a malformed video (%s) with exit 4 and one line', async (_label, text, message) => {
    const bad = join(dir, 'bad-video.json');
    await writeFile(bad, text);
    const io = captureIo();
    expect(await main(['abr-sim', '--traces', TRACE_4G, '--video', bad], io)).toBe(ExitCode.INPUT_UNSUPPORTED);
    expect(io.err).toMatch(message);
    expect(io.err.trim().split('\n')).toHaveLength(1);
  });
});
