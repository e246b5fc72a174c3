import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli';
import { captureIo } from '../support/capture-io';
import { ExitCode } from '../../src/cli-support/exit-codes';
import { serveUntil } from '../../src/commands/serve-command';
import { makeTempDir } from './serve-test-helpers';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

describe('tessera serve', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;

  beforeAll(async () => {
    temp = await makeTempDir();
    await writeFile(join(temp.dir, 'index.m3u8'), '#EXTM3U\n');
    await writeFile(join(temp.dir, 'trace.json'), JSON.stringify([{ duration_ms: 1000, bandwidth_kbps: 5000, latency_ms: 20 }]));
    await writeFile(join(temp.dir, 'bad-trace.json'), '[{"duration_ms": "soon"}]');
  });
  afterAll(() => temp.cleanup());

  it.each([
    [['serve'], ExitCode.USAGE, /missing <dir>/],
    [['serve', 'a', 'b'], ExitCode.USAGE, /expected one <dir>/],
    [['serve', '.', '--bogus'], ExitCode.USAGE, /Unknown option '--bogus'/],
    [['serve', '.', '--port', 'http'], ExitCode.USAGE, /--port must be an integer/],
    [['serve', '.', '--port', '70000'], ExitCode.USAGE, /--port must be an integer from 0 to 65535/],
    [['serve', '.', '--rate-kbps', '0'], ExitCode.USAGE, /--rate-kbps must be a number above 0/],
    [['serve', '.', '--rtt-ms', '40'], ExitCode.USAGE, /--rtt-ms needs --rate-kbps/],
    [['serve', '.', '--trace', 't.json', '--rate-kbps', '5'], ExitCode.USAGE, /do not combine/],
    [['serve', '/no/such/dir', '--port', '0'], ExitCode.INPUT_UNREADABLE, /cannot serve \/no\/such\/dir: not a readable directory/],
  ])('%j exits %i with a one-line message', async (argv, code, message) => {
    const io = captureIo();
    expect(await main(argv, io)).toBe(code);
    expect(io.err).toMatch(message);
    expect(io.err.trim().split('\n')).toHaveLength(1);
    expect(io.err).not.toMatch(/\n\s+at /);
  });

  it('reports unreadable and malformed traces as input errors', async () => {
    for (const trace of [join(temp.dir, 'missing.json'), join(temp.dir, 'bad-trace.json')]) {
      const io = captureIo();
      expect(await main(['serve', temp.dir, '--trace', trace], io)).toBe(ExitCode.INPUT_UNREADABLE);
      expect(io.err).toMatch(/trace/);
    }
  });

  it('reports a port in use as a server failure', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const io = captureIo();
      expect(await main(['serve', temp.dir, '--port', String(port)], io)).toBe(ExitCode.SERVER_FAILED);
      expect(io.err).toMatch(new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}: the port is already in use`));
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('prints the URL as JSON, serves until stopped, then closes', async () => {
    const io = captureIo();
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const running = serveUntil([temp.dir, '--port', '0', '--json', '--trace', join(temp.dir, 'trace.json')], io, () => stopped);
    await expect.poll(() => io.out, { timeout: 10_000 }).toContain('\n');
    const printed = JSON.parse(io.out) as { url: string; network: { kind: string } };
    expect(printed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(printed.network.kind).toBe('trace');
    const response = await fetch(`${printed.url}/index.m3u8`);
    expect(response.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(await response.text()).toBe('#EXTM3U\n');
    stop();
    expect(await running).toBe(ExitCode.OK);
    await expect(fetch(`${printed.url}/index.m3u8`)).rejects.toThrow();
  });

  it('prints help', async () => {
    const io = captureIo();
    expect(await main(['serve', '--help'], io)).toBe(ExitCode.OK);
    expect(io.out).toMatch(/Usage: tessera serve <dir>/);
  });

  it('exits 0 on SIGTERM as a real process', async () => {
    const script = `const m = await import(${JSON.stringify(join(REPO_ROOT, 'packages/toolkit/src/cli.ts'))}); process.exitCode = await m.main(process.argv.slice(1));`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, 'serve', temp.dir, '--port', '0', '--rate-kbps', '8000', '--rtt-ms', '10'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await expect.poll(() => out, { timeout: 20_000, interval: 100 }).toMatch(/Press Ctrl\+C/);
      expect(out).toMatch(/Serving .* at http:\/\/127\.0\.0\.1:\d+\/ \(8000 kbps, 10 ms RTT\)/);
      const url = /at (http:\/\/\S+)\//.exec(out)![1]!;
      expect((await fetch(`${url}/index.m3u8`)).status).toBe(200);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(err).toBe('');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 40_000);
});
