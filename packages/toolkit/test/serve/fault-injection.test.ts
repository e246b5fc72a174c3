import { writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TesseraServer } from '../../src/serve/index';
import { makeTempDir } from './serve-test-helpers';

/** Bytes received before the connection ended, and whether the body was complete. */
function receive(url: string): Promise<{ status: number; bytes: number; complete: boolean }> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.byteLength));
      res.on('end', () => resolve({ status: res.statusCode!, bytes, complete: res.complete }));
      res.on('error', () => resolve({ status: res.statusCode!, bytes, complete: false }));
      res.on('aborted', () => resolve({ status: res.statusCode!, bytes, complete: false }));
    })
      .on('error', reject)
      .end();
  });
}

describe('fault injection', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let server: TesseraServer;

  beforeAll(async () => {
    temp = await makeTempDir();
    await writeFile(join(temp.dir, 'seg-1.m4s'), Buffer.alloc(200_000, 1));
    await writeFile(join(temp.dir, 'seg-2.m4s'), Buffer.alloc(1000, 2));
    server = await startServer({ root: temp.dir });
  });
  afterEach(() => server.faults.clear());
  afterAll(async () => {
    await server.close();
    await temp.cleanup();
  });

  it('answers a status for the first N matching requests, then recovers', async () => {
    server.faults.setRules([{ match: /seg-1\.m4s$/, status: 503, times: 2 }]);
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${server.url}/seg-1.m4s`);
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    expect(statuses).toEqual([503, 503, 200]);
    expect(server.faults.rules[0]).toMatchObject({ match: 'seg-1\\.m4s$', hits: 2 });
    const other = await fetch(`${server.url}/seg-2.m4s`);
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBe('*');
    await other.arrayBuffer();
  });

  it('truncates a body after N bytes', async () => {
    server.faults.setRules([{ match: 'seg-1', truncateAfterBytes: 50_000 }]);
    const result = await receive(`${server.url}/seg-1.m4s`);
    expect(result).toEqual({ status: 200, bytes: 50_000, complete: false });
    await expect(fetch(`${server.url}/seg-1.m4s`).then((r) => r.arrayBuffer())).rejects.toThrow();
  });

  it('drops the connection without a response', async () => {
    server.faults.setRules([{ match: 'seg-2', dropConnection: true, times: 1 }]);
    await expect(fetch(`${server.url}/seg-2.m4s`)).rejects.toThrow();
    expect((await fetch(`${server.url}/seg-2.m4s`)).status).toBe(200);
  });

  it('delays matching requests only, by method', async () => {
    server.faults.setRules([{ match: 'seg-2', method: 'GET', delayMs: 1000 }]);
    let start = performance.now();
    await (await fetch(`${server.url}/seg-2.m4s`)).arrayBuffer();
    expect(performance.now() - start).toBeGreaterThan(990);
    start = performance.now();
    await fetch(`${server.url}/seg-2.m4s`, { method: 'HEAD' });
    expect(performance.now() - start).toBeLessThan(800);
  });

  it('does not keep close() waiting on a long delay (a timeout fault)', async () => {
    const other = await startServer({ root: temp.dir, faults: [{ match: '.', delayMs: 60_000 }] });
    const pending = fetch(`${other.url}/seg-2.m4s`).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const start = performance.now();
    await other.close();
    expect(performance.now() - start).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
  });

  it('refuses invalid rules with a clear message', () => {
    expect(() => server.faults.setRules([{ match: '(' }])).toThrow(/fault rule 0: match is not a valid RegExp/);
    expect(() => server.faults.setRules([{ match: 'x', status: 42 }])).toThrow(/status must be an HTTP status/);
  });
});
