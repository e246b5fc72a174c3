import { waitForPlayback, videoState } from '../../../../test-support/player-page';
import { drmTitle, expect, loadEncrypted, pageEvents, test } from './drm-fixtures';

/*
 * Our encrypted sample titles (tessera package --encrypt), our ClearKey licence server
 * (tessera serve --license-keys, with an auth token) and @tessera/drm, in Chromium's
 * ClearKey CDM: cenc and cbcs, over DASH and HLS, and the licence-server fault matrix.
 */

for (const id of ['drm-cenc', 'drm-cbcs'] as const) {
  for (const protocol of ['dash', 'hls'] as const) {
    test(`${id} over ${protocol.toUpperCase()} plays with ClearKey, licence time in the stats`, async ({ harness: page, drmServer }) => {
      const title = drmTitle(id);
      await loadEncrypted(page, `${drmServer.server.url}/media/${title.manifests[protocol]}`);
      await waitForPlayback(page, 0, 3);
      expect((await videoState(page)).height).toBeGreaterThan(0);
      const events = await pageEvents(page);
      expect(events.filter((e) => e.type === 'error')).toEqual([]);
      const stats = await page.evaluate(() => (window as any).player.getStats()); // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(stats.licenseTimeMs).toBeGreaterThan(0);
      expect(stats.decodedFrames).toBeGreaterThan(30);
      const drmEvents: Array<{ type: string; keySystem?: string }> = await page.evaluate(() => (window as any).drmEvents); // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(drmEvents[0]).toMatchObject({ type: 'keysystemselected', keySystem: 'org.w3.clearkey' });
      expect(drmServer.license.stats.granted).toBeGreaterThanOrEqual(1);
      expect(drmServer.license.stats.byStatus[401] ?? 0).toBe(0);
    });
  }
}

test('licence server answers 500 twice, then OK: retried, and playback starts', async ({ harness: page, drmServer }) => {
  const title = drmTitle('drm-cbcs'); // one key: one session, so the three requests are the same licence
  drmServer.server.faults.setRules([drmServer.license.faultRule({ status: 500, times: 2 })]);
  await loadEncrypted(page, `${drmServer.server.url}/media/${title.manifests.dash}`);
  await waitForPlayback(page, 0, 2);
  expect(drmServer.server.faults.rules[0]!.hits).toBe(2);
  expect(drmServer.license.stats).toMatchObject({ requests: 1, granted: 1 }); // the two 500s never reached the licence route
  expect((await pageEvents(page)).filter((e) => e.type === 'error')).toEqual([]);
});

test('licence server answers 403: exactly one typed fatal error, nothing plays', async ({ harness: page, drmServer }) => {
  const title = drmTitle('drm-multikey'); // three keys, three sessions: still one error
  drmServer.server.faults.setRules([drmServer.license.faultRule({ status: 403 })]);
  await loadEncrypted(page, `${drmServer.server.url}/media/${title.manifests.dash}`);
  await page.waitForFunction(() => (window as any).player.state === 'error', undefined, { timeout: 20_000 }); // eslint-disable-line @typescript-eslint/no-explicit-any
  await page.waitForTimeout(3000);
  const errors = (await pageEvents(page)).filter((e) => e.type === 'error');
  expect(errors).toHaveLength(1);
  expect(errors[0]!.payload.error).toMatchObject({ code: 4002, category: 'drm', severity: 'fatal', data: { keySystem: 'org.w3.clearkey', status: 403 } });
  expect(JSON.stringify(errors)).not.toContain('browser-test-token');
  const state = await videoState(page);
  expect(state.currentTime).toBeLessThan(0.5); // no key, no frame: the element waits for the key
  expect(state.readyState).toBeLessThan(3);
});

test('a wrong licence token is a 403 too', async ({ harness: page, drmServer }) => {
  const title = drmTitle('drm-cbcs');
  await loadEncrypted(page, `${drmServer.server.url}/media/${title.manifests.hls}`, { token: 'not-the-token' });
  await page.waitForFunction(() => (window as any).player.state === 'error', undefined, { timeout: 20_000 }); // eslint-disable-line @typescript-eslint/no-explicit-any
  const errors = (await pageEvents(page)).filter((e) => e.type === 'error');
  expect(errors.map((e) => e.payload.error.code)).toEqual([4002]);
  expect(drmServer.license.stats.byStatus[403]).toBeGreaterThanOrEqual(1);
});

test('slow licence server: startup waits for the licence, then plays', async ({ harness: page, drmServer }) => {
  const title = drmTitle('drm-cbcs');
  drmServer.server.faults.setRules([drmServer.license.faultRule({ delayMs: 2500 })]);
  await loadEncrypted(page, `${drmServer.server.url}/media/${title.manifests.dash}`);
  await waitForPlayback(page, 0, 2, 30_000);
  const events = await pageEvents(page);
  const firstFrame = events.find((e) => e.type === 'firstframe');
  expect(firstFrame!.atMs).toBeGreaterThanOrEqual(2500);
  expect(events.filter((e) => e.type === 'error')).toEqual([]);
  const stats = await page.evaluate(() => (window as any).player.getStats()); // eslint-disable-line @typescript-eslint/no-explicit-any
  expect(stats.licenseTimeMs).toBeGreaterThanOrEqual(2500);
});

test('switching between renditions protected by different keys (SD key ↔ HD key) keeps playing', async ({ harness: page, drmServer }) => {
  const title = drmTitle('drm-multikey');
  const sd = title.drm.keys.find((k) => k.label === 'video-sd')!.keyId;
  const hd = title.drm.keys.find((k) => k.label === 'video-hd')!.keyId;
  await loadEncrypted(page, `${drmServer.server.url}/media/${title.manifests.dash}`);
  await waitForPlayback(page, 0, 1);
  const reps: Array<{ id: string; height: number }> = await page.evaluate(() => (window as any).player.getVideoRepresentations()); // eslint-disable-line @typescript-eslint/no-explicit-any
  const low = reps.find((r) => r.height === 360)!;
  const high = reps.find((r) => r.height === 540)!;
  for (const target of [low, high, low]) {
    await page.evaluate((id) => (window as any).player.selectVideoRepresentation(id), target.id); // eslint-disable-line @typescript-eslint/no-explicit-any
    await page.waitForFunction((h) => (document.getElementById('video') as HTMLVideoElement).videoHeight === h, target.height, { timeout: 20_000 });
    const at = (await videoState(page)).currentTime;
    await waitForPlayback(page, at, 1);
  }
  const statuses: Array<{ type: string; statuses?: Record<string, string> }> = await page.evaluate(() => (window as any).drmEvents); // eslint-disable-line @typescript-eslint/no-explicit-any
  const last = statuses.filter((e) => e.type === 'keystatuseschange').pop()!.statuses!;
  expect(last[sd]).toBe('usable');
  expect(last[hd]).toBe('usable');
  expect((await pageEvents(page)).filter((e) => e.type === 'error')).toEqual([]);
});
