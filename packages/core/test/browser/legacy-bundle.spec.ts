import { test, expect, mediaUrl } from '../../../../test-support/fixtures';
import { sampleTitle } from '../../../../test-support/catalog';
import { loadInPage, playerEvents, waitForPlayback } from '../../../../test-support/player-page';

test('the ES5 legacy bundle plays DASH and HLS without fetch, AbortController or globalThis', async ({ page, server, pageErrors }) => {
  void pageErrors;
  await page.goto(`${server.url}/test-support/pages/legacy.html`);
  await page.waitForFunction(() => (window as unknown as { harnessReady?: boolean }).harnessReady === true);
  const globals = await page.evaluate(() => (window as unknown as { legacyGlobals: Record<string, string> }).legacyGlobals);
  expect(globals).toEqual({ fetch: 'undefined', AbortController: 'undefined', globalThis: 'undefined' });

  const title = sampleTitle((t) => t.id === 'movie');
  for (const protocol of ['dash', 'hls'] as const) {
    await loadInPage(page, mediaUrl(server, title.manifests[protocol]));
    await waitForPlayback(page, 0, 2);
    const events = await playerEvents(page);
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
    await page.evaluate(() => (window as unknown as { player: { destroy(): Promise<void> } }).player.destroy());
  }
});
