import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TesseraServer } from '../../src/serve/index';
import { makeTempDir } from './serve-test-helpers';

describe('control endpoints /_tessera/*', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let server: TesseraServer;

  beforeAll(async () => {
    temp = await makeTempDir();
    await writeFile(join(temp.dir, 'seg.m4s'), Buffer.alloc(1234));
    server = await startServer({ root: temp.dir, network: { kind: 'constant', rateKbps: 50_000, rttMs: 5000 } });
  });
  afterAll(async () => {
    await server.close();
    await temp.cleanup();
  });

  const control = async (path: string, init?: RequestInit): Promise<{ status: number; json: unknown }> => {
    const response = await fetch(`${server.url}/_tessera/${path}`, init);
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : undefined };
  };

  it('reports and changes the network, without emulating the control requests themselves', async () => {
    const start = performance.now();
    const state = await control('network');
    expect(performance.now() - start).toBeLessThan(2500); // no 5 s RTT on control requests
    expect(state.json).toMatchObject({ profile: { kind: 'constant', rateKbps: 50_000, rttMs: 5000 }, latencyMs: 5000, rateKbps: 50_000 });

    const trace = [{ duration_ms: 60_000, bandwidth_kbps: 3000, latency_ms: 70 }];
    const set = await control('network', { method: 'POST', body: JSON.stringify({ kind: 'trace', trace }) });
    expect(set.status).toBe(200);
    expect(set.json).toMatchObject({ profile: { kind: 'trace', loop: true }, rateKbps: 3000, latencyMs: 70 });
    expect(server.network).toMatchObject({ kind: 'trace' });

    await new Promise((resolve) => setTimeout(resolve, 150));
    // An empty POST restarts the current profile's clock (a benchmark's session start).
    const restarted = (await control('network', { method: 'POST' })).json as { profileTimeMs: number; profile: unknown };
    expect(restarted.profileTimeMs).toBeLessThan(100);
    expect(restarted.profile).toMatchObject({ kind: 'trace' });

    expect((await control('network', { method: 'POST', body: 'null' })).json).toMatchObject({ profile: null, rateKbps: null, latencyMs: 0 });
    expect(server.network).toBeUndefined();
  });

  it('refuses invalid profiles with 400 and a message', async () => {
    const bad = await control('network', { method: 'POST', body: JSON.stringify({ kind: 'constant', rateKbps: -1 }) });
    expect(bad).toEqual({ status: 400, json: { error: expect.stringMatching(/rateKbps/) } });
    expect((await control('network', { method: 'POST', body: '{oops' })).status).toBe(400);
  });

  it('counts requests and bytes per path, excluding control requests, and resets', async () => {
    await control('stats/reset', { method: 'POST' });
    await (await fetch(`${server.url}/seg.m4s`)).arrayBuffer();
    await (await fetch(`${server.url}/seg.m4s`, { headers: { Range: 'bytes=0-99' } })).arrayBuffer();
    await (await fetch(`${server.url}/nope`)).arrayBuffer();
    const stats = (await control('stats')).json;
    expect(stats).toEqual({
      requests: 3,
      bytesSent: 1334,
      inFlight: 0,
      byPath: { '/seg.m4s': { requests: 2, bytesSent: 1334 }, '/nope': { requests: 1, bytesSent: 0 } },
      byStatus: { '200': 1, '206': 1, '404': 1 },
    });
    expect(server.stats).toEqual(stats);
    expect((await control('stats/reset', { method: 'POST' })).status).toBe(204);
    expect(server.stats.requests).toBe(0);
  });

  it('sets, lists and clears fault rules', async () => {
    const set = await control('faults', { method: 'POST', body: JSON.stringify([{ match: '^/seg', status: 500, times: 1 }]) });
    expect(set.json).toEqual([{ match: '^/seg', status: 500, times: 1, hits: 0 }]);
    expect((await fetch(`${server.url}/seg.m4s`)).status).toBe(500);
    expect((await control('faults')).json).toEqual([{ match: '^/seg', status: 500, times: 1, hits: 1 }]);
    expect((await control('faults', { method: 'DELETE' })).status).toBe(204);
    expect((await control('faults')).json).toEqual([]);
    expect((await control('faults', { method: 'POST', body: '{}' })).status).toBe(400);
  });

  it('answers CORS preflights and unknown endpoints', async () => {
    const preflight = await fetch(`${server.url}/_tessera/network`, {
      method: 'OPTIONS',
      headers: { 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect((await control('nothing')).status).toBe(404);
    expect((await control('stats', { method: 'DELETE' })).status).toBe(405);
  });

  it('can be turned off', async () => {
    const plain = await startServer({ root: temp.dir, controlEndpoints: false });
    try {
      expect((await fetch(`${plain.url}/_tessera/stats`)).status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
