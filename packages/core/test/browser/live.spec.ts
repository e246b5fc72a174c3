import { test, expect } from '../../../../test-support/fixtures';
import { createLiveSimulatorRoute, startServer } from '../../../toolkit/src/serve/index';
import { REPO_ROOT } from '../../../../test-support/global-setup';
import { loadInPage, playerEvents, videoState } from '../../../../test-support/player-page';

/**
 * Live playback against `tessera serve`'s live simulator: the sample movie is released
 * segment by segment as a dynamic MPD / sliding-window HLS playlists.
 */
for (const protocol of ['dash', 'hls'] as const) {
  test(`${protocol} live: starts behind the live edge, follows new segments, refreshes the window`, async ({ harness: page }) => {
    // Went live 40 s ago: ten 4 s segments are out.
    const server = await startServer({
      root: REPO_ROOT,
      port: 0,
      routes: [createLiveSimulatorRoute({ root: `${REPO_ROOT}media`, startTimeMs: Date.now() - 40_000, windowSeconds: 24, minimumUpdatePeriodSeconds: 2 })],
    });
    try {
      const url = `${server.url}/live/movie/${protocol === 'dash' ? 'manifest.mpd' : 'master.m3u8'}`;
      await loadInPage(page, url, { liveDelaySeconds: 8 });
      await page.waitForFunction(() => !(document.getElementById('video') as HTMLVideoElement).paused, undefined, { timeout: 20_000 });
      const first = await videoState(page);
      const range1 = await page.evaluate(() => (window as any).player.getSeekRange()); // eslint-disable-line @typescript-eslint/no-explicit-any
      // Starts about `liveDelaySeconds` behind the newest segment, not at the window start.
      // (DASH times count from availabilityStartTime; HLS from the first segment loaded.)
      expect(range1.end - range1.start).toBeGreaterThan(8);
      expect(first.currentTime).toBeGreaterThan(range1.end - 4);
      expect(first.currentTime).toBeLessThan(range1.end + 4);
      if (protocol === 'dash') expect(first.currentTime).toBeGreaterThan(28); // edge ≈ 40 s − 8 s
      // Keep playing past segments that were not published at load time.
      await page.waitForFunction((t) => (document.getElementById('video') as HTMLVideoElement).currentTime > t + 10, first.currentTime, { timeout: 30_000 });
      const range2 = await page.evaluate(() => (window as any).player.getSeekRange()); // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(range2.end).toBeGreaterThan(range1.end + 4);
      expect(range2.start).toBeGreaterThan(range1.start); // the window slides
      const events = await playerEvents(page);
      expect(events.filter((e) => e.type === 'error')).toEqual([]);
      expect(events.filter((e) => e.type === 'rebuffer')).toEqual([]);
    } finally {
      await page.evaluate(() => (window as any).player?.destroy()); // eslint-disable-line @typescript-eslint/no-explicit-any
      await server.close();
    }
  });
}
