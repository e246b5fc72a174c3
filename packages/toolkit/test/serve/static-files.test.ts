import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Route, type TesseraServer } from '../../src/serve/index';
import { makeTempDir } from './serve-test-helpers';

const SEGMENT = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));

describe('static files', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let server: TesseraServer;

  const routes: Route[] = [
    { method: 'POST', path: '/licence', handle: async (_req, _res, ctx) => ctx.send(200, Buffer.from('KEY'), { 'Content-Type': 'application/octet-stream' }) },
    { path: /^\/steer\/(\w+)$/, handle: (_req, res, ctx) => void res.end(`steer ${ctx.match![1]}`) },
    // Returning false hands the request on (here: to the static file of the same path).
    { path: '/movie/seg-1.m4s', handle: () => false },
  ];

  beforeAll(async () => {
    temp = await makeTempDir();
    const root = temp.dir;
    await mkdir(join(root, 'movie'), { recursive: true });
    await mkdir(join(root, 'empty-dir'));
    await mkdir(join(root, 'site'));
    await writeFile(join(root, 'movie/seg-1.m4s'), SEGMENT);
    await writeFile(join(root, 'movie/empty.m4s'), '');
    await writeFile(join(root, 'site/index.html'), '<!doctype html><title>demo</title>');
    const types = ['manifest.mpd', 'index.m3u8', 'init.mp4', 'audio.m4a', 'subs.vtt', 'thumb.jpg', 'thumb.jpeg', 'sprite.png',
      'sprite.webp', 'trick.bif', 'catalog.json', 'page.html', 'app.js', 'app.mjs', 'app.css', 'app.js.map', 'logo.svg',
      'decoder.wasm', 'unknown.xyz'];
    await Promise.all(types.map((name) => writeFile(join(root, name), 'x')));
    server = await startServer({ root, routes });
  });

  afterAll(async () => {
    await server.close();
    await temp.cleanup();
  });

  const get = (path: string, init?: RequestInit): Promise<Response> => fetch(server.url + path, init);

  it('serves a whole file with length, ranges support, validators and CORS', async () => {
    const response = await get('/movie/seg-1.m4s');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('5000');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('content-type')).toBe('video/iso.segment');
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect(response.headers.get('last-modified')).toBeTruthy();
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toMatch(/Content-Range/);
    expect(Buffer.from(await response.arrayBuffer()).equals(SEGMENT)).toBe(true);
  });

  it.each([
    ['bytes=100-199', 100, 199],
    ['bytes=4990-', 4990, 4999],
    ['bytes=-10', 4990, 4999],
    ['bytes=4000-999999', 4000, 4999],
    ['bytes=-99999', 0, 4999],
    ['bytes=0-0', 0, 0],
  ])('answers Range %s with 206 and the exact bytes', async (range, start, end) => {
    const response = await get('/movie/seg-1.m4s', { headers: { Range: range } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/5000`);
    expect(response.headers.get('content-length')).toBe(String(end - start + 1));
    expect(Buffer.from(await response.arrayBuffer()).equals(SEGMENT.subarray(start, end + 1))).toBe(true);
  });

  it('answers 416 with the size when no range is satisfiable, CORS included', async () => {
    for (const range of ['bytes=5000-', 'bytes=6000-7000', 'bytes=-0']) {
      const response = await get('/movie/seg-1.m4s', { headers: { Range: range } });
      expect(response.status).toBe(416);
      expect(response.headers.get('content-range')).toBe('bytes */5000');
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      await response.arrayBuffer();
    }
    const empty = await get('/movie/empty.m4s', { headers: { Range: 'bytes=0-' } });
    expect(empty.status).toBe(416);
    expect(empty.headers.get('content-range')).toBe('bytes */0');
    await empty.arrayBuffer();
  });

  it('answers several, malformed or stale (If-Range) ranges with the full body', async () => {
    const cases: Array<Record<string, string>> = [{ Range: 'bytes=0-9,20-29' }, { Range: 'bytes=oops' }, { Range: 'bytes=0-9', 'If-Range': '"stale"' }];
    for (const headers of cases) {
      const response = await get('/movie/seg-1.m4s', { headers });
      expect(response.status).toBe(200);
      expect((await response.arrayBuffer()).byteLength).toBe(5000);
    }
    const { headers } = await get('/movie/seg-1.m4s', { method: 'HEAD' });
    const current = await get('/movie/seg-1.m4s', { headers: { Range: 'bytes=0-9', 'If-Range': headers.get('etag')! } });
    expect(current.status).toBe(206);
    await current.arrayBuffer();
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const head = await get('/movie/seg-1.m4s', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('5000');
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    const ranged = await get('/movie/seg-1.m4s', { method: 'HEAD', headers: { Range: 'bytes=10-19' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-length')).toBe('10');
  });

  it('answers conditional requests with 304', async () => {
    const first = await get('/movie/seg-1.m4s', { method: 'HEAD' });
    const byTag = await get('/movie/seg-1.m4s', { headers: { 'If-None-Match': first.headers.get('etag')! } });
    expect(byTag.status).toBe(304);
    const byDate = await get('/movie/seg-1.m4s', { headers: { 'If-Modified-Since': first.headers.get('last-modified')! } });
    expect(byDate.status).toBe(304);
    const changed = await get('/movie/seg-1.m4s', { headers: { 'If-None-Match': '"other"' } });
    expect(changed.status).toBe(200);
    await changed.arrayBuffer();
  });

  it.each([
    ['manifest.mpd', 'application/dash+xml'],
    ['index.m3u8', 'application/vnd.apple.mpegurl'],
    ['init.mp4', 'video/mp4'],
    ['audio.m4a', 'audio/mp4'],
    ['subs.vtt', 'text/vtt; charset=utf-8'],
    ['thumb.jpg', 'image/jpeg'],
    ['thumb.jpeg', 'image/jpeg'],
    ['sprite.png', 'image/png'],
    ['sprite.webp', 'image/webp'],
    ['trick.bif', 'application/octet-stream'],
    ['catalog.json', 'application/json'],
    ['page.html', 'text/html; charset=utf-8'],
    ['app.js', 'text/javascript; charset=utf-8'],
    ['app.mjs', 'text/javascript; charset=utf-8'],
    ['app.css', 'text/css; charset=utf-8'],
    ['app.js.map', 'application/json'],
    ['logo.svg', 'image/svg+xml'],
    ['decoder.wasm', 'application/wasm'],
    ['unknown.xyz', 'application/octet-stream'],
  ])('serves %s as %s', async (name, type) => {
    const response = await get(`/${name}`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
  });

  it('answers CORS preflights with the methods and the requested headers', async () => {
    const response = await get('/movie/seg-1.m4s', {
      method: 'OPTIONS',
      headers: { Origin: 'http://example.test', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'range, x-licence-token' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toMatch(/GET.*HEAD.*POST/);
    const allowed = response.headers.get('access-control-allow-headers')!.toLowerCase();
    for (const header of ['range', 'content-type', 'authorization', 'x-licence-token']) expect(allowed).toContain(header);
  });

  it('serves index.html for directories, redirects to the slash form, 404s otherwise', async () => {
    const page = await get('/site/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('demo');
    const redirect = await get('/site?x=1', { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/site/?x=1');
    for (const path of ['/empty-dir/', '/empty-dir', '/missing.m4s', '/movie/seg-1.m4s/x']) {
      const response = await get(path);
      expect(response.status).toBe(404);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      await response.arrayBuffer();
    }
  });

  it('refuses other methods on static files', async () => {
    const response = await get('/movie/seg-1.m4s', { method: 'PUT', body: 'x' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    await response.arrayBuffer();
  });

  it('checks routes first, in order, with method filters, captures and pass-through', async () => {
    const licence = await get('/licence', { method: 'POST', body: 'challenge' });
    expect(licence.status).toBe(200);
    expect(licence.headers.get('access-control-allow-origin')).toBe('*');
    expect(await licence.text()).toBe('KEY');
    expect(server.stats.byPath['/licence']).toEqual({ requests: 1, bytesSent: 3 });
    expect((await get('/licence')).status).toBe(404); // GET is not routed: falls to static files
    expect(await (await get('/steer/cdn_a')).text()).toBe('steer cdn_a');
    expect((await get('/movie/seg-1.m4s', { method: 'HEAD' })).status).toBe(200);
  });
});
