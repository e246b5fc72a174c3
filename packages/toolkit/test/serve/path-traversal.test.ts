import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TesseraServer } from '../../src/serve/index';
import { makeTempDir, rawRequest } from './serve-test-helpers';

const SECRET = 'TOP-SECRET-OUTSIDE-THE-ROOT';

describe('path traversal (raw TCP: no client-side normalization)', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let server: TesseraServer;

  beforeAll(async () => {
    temp = await makeTempDir();
    const root = join(temp.dir, 'root');
    await mkdir(join(root, 'sub'), { recursive: true });
    await mkdir(join(temp.dir, 'outside'));
    await writeFile(join(temp.dir, 'outside/secret.txt'), SECRET);
    await writeFile(join(temp.dir, 'secret.txt'), SECRET);
    await writeFile(join(root, 'sub/ok.txt'), 'inside');
    await writeFile(join(root, '.env'), SECRET);
    await symlink(join(temp.dir, 'outside'), join(root, 'link-out'));
    await symlink(join(temp.dir, 'outside/secret.txt'), join(root, 'secret-link.txt'));
    await symlink(join(root, 'sub'), join(root, 'link-in'));
    server = await startServer({ root });
  });

  afterAll(async () => {
    await server.close();
    await temp.cleanup();
  });

  it.each([
    '/../secret.txt',
    '/sub/../../secret.txt',
    '/../outside/secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/%2e%2e/secret.txt',
    '/sub/%2e%2e/%2e%2e/secret.txt',
    '/.%2e/secret.txt',
    '/..%2fsecret.txt',
    '/sub%2f..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/..\\secret.txt',
    '/sub\\..\\..\\secret.txt',
    '/%00../secret.txt',
    '/sub/ok.txt%00.html',
    '/%c0%ae%c0%ae/secret.txt',
    '/%252e%252e/secret.txt',
    '/sub/..',
    '/.',
    '/.env',
    '/link-out/secret.txt',
    '/secret-link.txt',
    'http://127.0.0.1/../secret.txt',
    `${'/..'.repeat(20)}/etc/passwd`,
    '//etc/passwd',
    '/etc/passwd',
  ])('never serves anything outside the root for %s', async (target) => {
    const response = await rawRequest(server.port, target);
    expect([400, 403, 404]).toContain(response.status);
    expect(response.body.toString('latin1')).not.toContain(SECRET);
    expect(response.body.toString('latin1')).not.toContain('root:');
  });

  it('refuses dot segments with 403 before touching the disk', async () => {
    expect((await rawRequest(server.port, '/sub/../sub/ok.txt')).status).toBe(403);
    expect((await rawRequest(server.port, '/%2e%2e/secret.txt')).status).toBe(403);
    expect((await rawRequest(server.port, '/link-out/secret.txt')).status).toBe(403);
  });

  it('still serves symlinks that stay inside the root', async () => {
    const response = await rawRequest(server.port, '/link-in/ok.txt');
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe('inside');
    expect((await rawRequest(server.port, '/sub//ok.txt')).status).toBe(200);
  });
});
