import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../src/commands/serve-command';
import { createLicenseRoute, createLicenseServer, fromBase64Url, loadLicenseKeys, toBase64Url, type LicenseServer } from '../../src/serve/license-server';
import { startServer, type TesseraServer } from '../../src/serve/start-server';
import { makeTempDir } from './serve-test-helpers';

const KID = '0123456789abcdef0123456789abcdef';
const KEY = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const OTHER_KID = 'ffeeddccbbaa99887766554433221100';
const TOKEN = 'tok-3f9a1c';

let temp: { dir: string; cleanup: () => Promise<void> };
let server: TesseraServer;
let license: LicenseServer;
const logLines: string[] = [];

function request(kids: string[], headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}` }, body?: string): Promise<Response> {
  return fetch(`${server.url}/license/clearkey`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body ?? JSON.stringify({ kids: kids.map((k) => toBase64Url(Buffer.from(k, 'hex'))), type: 'temporary' }),
  });
}

beforeAll(async () => {
  temp = await makeTempDir('tessera-license-');
  mkdirSync(join(temp.dir, 'title/nested'), { recursive: true });
  writeFileSync(join(temp.dir, 'title/keys.json'), JSON.stringify({ keys: [{ label: 'video', keyId: KID, key: KEY }] }));
  writeFileSync(join(temp.dir, 'title/nested/keys.json'), JSON.stringify({ keys: [{ label: 'audio', keyId: OTHER_KID, key: KEY.split('').reverse().join('') }] }));
  license = createLicenseServer({ keys: await loadLicenseKeys([temp.dir]), token: TOKEN, log: (line) => logLines.push(line) });
  server = await startServer({ root: temp.dir, routes: license.routes });
});

afterAll(async () => {
  await server?.close();
  await temp?.cleanup();
});

describe('ClearKey licence server (W3C EME §9.1.3-9.1.4)', () => {
  it('answers a licence request with the keys it knows as a JSON Web Key Set in base64url', async () => {
    const response = await request([KID, '00000000000000000000000000000000']);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const json = (await response.json()) as { keys: Array<{ kty: string; kid: string; k: string }>; type: string };
    expect(json.type).toBe('temporary');
    expect(json.keys).toHaveLength(1);
    expect(json.keys[0]!.kty).toBe('oct');
    expect(json.keys[0]!.kid).not.toMatch(/[=+/]/);
    expect(Buffer.from(fromBase64Url(json.keys[0]!.kid)!).toString('hex')).toBe(KID);
    expect(Buffer.from(fromBase64Url(json.keys[0]!.k)!).toString('hex')).toBe(KEY);
  });

  it('finds keys.json files through a directory tree, and echoes persistent-license requests', async () => {
    const response = await request([OTHER_KID], undefined, JSON.stringify({ kids: [toBase64Url(Buffer.from(OTHER_KID, 'hex'))], type: 'persistent-license' }));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { type: string }).type).toBe('persistent-license');
  });

  it('checks the auth token: none → 401, wrong → 403; malformed requests → 400; unknown keys → 404', async () => {
    expect((await request([KID], {})).status).toBe(401);
    expect((await request([KID], { Authorization: 'Bearer nope' })).status).toBe(403);
    expect((await request([KID], { Authorization: TOKEN })).status).toBe(401);
    expect((await request([], undefined, '{"kids": "x"}')).status).toBe(400);
    expect((await request([], undefined, 'not json')).status).toBe(400);
    expect((await request(['00000000000000000000000000000000'])).status).toBe(404);
    const get = await fetch(`${server.url}/license/clearkey`);
    expect(get.status).toBe(404); // only POST is the licence route; GET falls through to static files
  });

  it('lets browsers send the Authorization header cross-origin (CORS preflight)', async () => {
    const response = await fetch(`${server.url}/license/clearkey`, {
      method: 'OPTIONS', headers: { Origin: 'http://other.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
  });

  it('never serves keys.json files while it runs', async () => {
    expect((await fetch(`${server.url}/title/keys.json`)).status).toBe(404);
    expect((await fetch(`${server.url}/title/nested/keys.json`)).status).toBe(404);
  });

  it('logs counts and timings only: no keys, key IDs, tokens or bodies', () => {
    const log = logLines.join('\n');
    expect(logLines.length).toBeGreaterThanOrEqual(5);
    expect(log).toMatch(/licence 200 1\/2 keys \(temporary\)/);
    expect(log).toMatch(/licence 401 no token/);
    for (const secret of [KEY, KID, OTHER_KID, TOKEN, toBase64Url(Buffer.from(KEY, 'hex')), toBase64Url(Buffer.from(KID, 'hex')), 'nope']) {
      expect(log).not.toContain(secret);
    }
  });

  it('fails on demand through fault rules: 500 twice then OK, a delay, N times', async () => {
    license.resetStats();
    server.faults.setRules([license.faultRule({ status: 500, times: 2 })]);
    expect((await request([KID])).status).toBe(500);
    expect((await request([KID])).status).toBe(500);
    expect((await request([KID])).status).toBe(200);
    expect(server.faults.rules[0]!.hits).toBe(2);
    server.faults.setRules([license.faultRule({ delayMs: 300, times: 1 })]);
    const started = performance.now();
    expect((await request([KID])).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(280);
    // The same through the control endpoint a browser test uses.
    const control = await fetch(`${server.url}/_tessera/faults`, { method: 'POST', body: JSON.stringify([license.faultRule({ status: 403 })]) });
    expect(control.status).toBe(200);
    expect((await request([KID])).status).toBe(403);
    server.faults.clear();
    expect(license.stats.granted).toBe(2);
  });
});

describe('createLicenseRoute (one route, for npm start)', () => {
  it('serves licences from every keys.json under a directory and hides the files', async () => {
    const route = await createLicenseRoute({ keysDirectory: temp.dir });
    const single = await startServer({ root: temp.dir, routes: [route] });
    try {
      const body = JSON.stringify({ kids: [toBase64Url(Buffer.from(OTHER_KID, 'hex'))] });
      const response = await fetch(`${single.url}/license/clearkey`, { method: 'POST', body });
      expect(response.status).toBe(200);
      expect((await fetch(`${single.url}/title/keys.json`)).status).toBe(404);
      expect((await fetch(`${single.url}/title/missing.txt`)).status).toBe(404);
    } finally {
      await single.close();
    }
  });
});

describe('tessera serve --license-keys', () => {
  it('parses the licence options', async () => {
    expect(await parseServeArgs(['media', '--license-keys', 'media, other/keys.json', '--license-token', 't'])).toMatchObject({
      licenseKeys: ['media', 'other/keys.json'], licenseToken: 't',
    });
    await expect(parseServeArgs(['media', '--license-token', 't'])).rejects.toThrow(/needs --license-keys/);
  });

  it('refuses unreadable or malformed keys files', async () => {
    await expect(loadLicenseKeys([join(temp.dir, 'missing.json')])).rejects.toThrow(/cannot read keys file/);
    writeFileSync(join(temp.dir, 'bad.json'), '{"keys": [{"keyId": "zz", "key": "00"}]}');
    await expect(loadLicenseKeys([join(temp.dir, 'bad.json')])).rejects.toThrow(/keyId must be 32 hex digits/);
  });
});
