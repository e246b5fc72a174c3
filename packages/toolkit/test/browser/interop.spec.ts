import { test, expect, mediaUrl } from '../../../../test-support/fixtures';
import { sampleTitle } from '../../../../test-support/catalog';

/** Our packager's output, played by the peers: proof the CMAF, MPD and playlists are standard. */
const CASES = [
  { peer: 'shaka', protocol: 'dash' },
  { peer: 'dashjs', protocol: 'dash' },
  { peer: 'hlsjs', protocol: 'hls' },
  { peer: 'shaka', protocol: 'hls' },
] as const;

for (const { peer, protocol } of CASES) {
  test(`${peer} plays our ${protocol.toUpperCase()} output for 10 s and switches rendition`, async ({ page, server, pageErrors }) => {
    void pageErrors;
    const title = sampleTitle((t) => t.id === 'movie');
    await page.goto(`${server.url}/test-support/pages/peer.html`);
    await page.waitForFunction(() => (window as unknown as { harnessReady?: boolean }).harnessReady === true);
    const url = mediaUrl(server, title.manifests[protocol]);
    await page.evaluate(
      async ({ peer, url }) => {
        const w = window as any; // eslint-disable-line @typescript-eslint/no-explicit-any
        const video = document.getElementById('video') as HTMLVideoElement;
        video.autoplay = true;
        w.peer = await w.peerAdapters[peer](video, url);
        await video.play().catch(() => undefined);
      },
      { peer, url },
    );
    await page.waitForFunction(() => (document.getElementById('video') as HTMLVideoElement).currentTime >= 10, undefined, { timeout: 45_000 });

    const heights: number[] = await page.evaluate(() => (window as any).peer.heights()); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(new Set(heights).size).toBeGreaterThan(1);
    const current = await page.evaluate(() => (document.getElementById('video') as HTMLVideoElement).videoHeight);
    const target = Math.min(...heights) !== current ? Math.min(...heights) : Math.max(...heights);
    await page.evaluate((h) => (window as any).peer.lock(h), target); // eslint-disable-line @typescript-eslint/no-explicit-any
    await page.waitForFunction((h) => (document.getElementById('video') as HTMLVideoElement).videoHeight === h, target, { timeout: 45_000 });
    const errors: string[] = await page.evaluate(() => (window as any).peer.errors); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(errors).toEqual([]);
    await page.evaluate(() => (window as any).peer.destroy()); // eslint-disable-line @typescript-eslint/no-explicit-any
  });
}
