import { LICENSE_TOKEN, drmTitle, expect, test } from './drm-fixtures';

/*
 * Independent players decrypt what we package: shaka-player and dash.js play our encrypted
 * DASH with Chromium's ClearKey CDM, fetching keys from our licence server (with the token),
 * and switch between renditions protected by different keys. (HLS: shaka and hls.js take
 * ClearKey only from KEYFORMAT="identity" raw-key URIs, which we do not publish.)
 */

const CASES = [
  { peer: 'shaka', id: 'drm-cenc', protocol: 'dash' },
  { peer: 'shaka', id: 'drm-cbcs', protocol: 'dash' },
  { peer: 'dashjs', id: 'drm-cenc', protocol: 'dash' },
  { peer: 'dashjs', id: 'drm-cbcs', protocol: 'dash' },
  // Keys on the Representations (SD/HD): shaka handles them; dash.js 5 reads ContentProtection per AdaptationSet only.
  { peer: 'shaka', id: 'drm-multikey', protocol: 'dash' },
] as const;

function peerOptions(peer: string, licenseUrl: string): Record<string, unknown> {
  const headers = { Authorization: `Bearer ${LICENSE_TOKEN}` };
  if (peer === 'shaka') return { drm: { servers: { 'org.w3.clearkey': licenseUrl }, advanced: { 'org.w3.clearkey': { headers } } } };
  return { protectionData: { 'org.w3.clearkey': { serverURL: licenseUrl, httpRequestHeaders: headers } } };
}

for (const { peer, id, protocol } of CASES) {
  test(`${peer} plays our ${id} ${protocol.toUpperCase()} with ClearKey and switches rendition`, async ({ page, drmServer, pageErrors }) => {
    void pageErrors;
    const { server, license } = drmServer;
    license.resetStats();
    const title = drmTitle(id);
    await page.goto(`${server.url}/test-support/pages/peer.html`);
    await page.waitForFunction(() => (window as unknown as { harnessReady?: boolean }).harnessReady === true);
    await page.evaluate(
      async ({ peer, url, options }) => {
        const w = window as any; // eslint-disable-line @typescript-eslint/no-explicit-any
        const video = document.getElementById('video') as HTMLVideoElement;
        video.autoplay = true;
        w.peer = await w.peerAdapters[peer](video, url, options);
        await video.play().catch(() => undefined);
      },
      { peer, url: `${server.url}/media/${title.manifests[protocol]}`, options: peerOptions(peer, `${server.url}${title.drm.licensePath}`) },
    );
    await page.waitForFunction(() => (document.getElementById('video') as HTMLVideoElement).currentTime >= 4, undefined, { timeout: 45_000 });
    expect(license.stats.granted).toBeGreaterThanOrEqual(1);

    const heights: number[] = await page.evaluate(() => (window as any).peer.heights()); // eslint-disable-line @typescript-eslint/no-explicit-any
    const current = await page.evaluate(() => (document.getElementById('video') as HTMLVideoElement).videoHeight);
    const target = Math.min(...heights) !== current ? Math.min(...heights) : Math.max(...heights);
    await page.evaluate((h) => (window as any).peer.lock(h), target); // eslint-disable-line @typescript-eslint/no-explicit-any
    await page.waitForFunction((h) => (document.getElementById('video') as HTMLVideoElement).videoHeight === h, target, { timeout: 45_000 });
    const at = await page.evaluate(() => (document.getElementById('video') as HTMLVideoElement).currentTime);
    await page.waitForFunction((t) => (document.getElementById('video') as HTMLVideoElement).currentTime >= t + 2, at, { timeout: 30_000 });
    const errors: string[] = await page.evaluate(() => (window as any).peer.errors); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(errors).toEqual([]);
    await page.evaluate(() => (window as any).peer.destroy()); // eslint-disable-line @typescript-eslint/no-explicit-any
  });
}
