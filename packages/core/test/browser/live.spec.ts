import { test, expect } from '../../../../test-support/fixtures';
import { createLiveSimulatorRoute, startServer } from '../../../toolkit/src/serve/index';
import type { Page } from '@playwright/test';
import type { Route } from '../../../toolkit/src/serve/route';
import { REPO_ROOT } from '../../../../test-support/global-setup';
import { diagnose, loadInPage, playerEvents, videoState } from '../../../../test-support/player-page';

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
    await runLiveTest(page, `${server.url}/live/movie/${protocol === 'dash' ? 'manifest.mpd' : 'master.m3u8'}`, protocol, server);
  });
}

test('hls live: playlists loaded after the window moved (audio, other rungs) are placed on the timeline in use', async ({ harness: page }) => {
  // The first media playlist is served as published at load time; every other playlist
  // (audio, the other rungs, their refreshes) and every segment one segment later, as when the window moves
  // between two playlist loads. Without alignment, the later rungs number their window
  // from 0 again: a switch skips a segment, and the seek range stops growing.
  const now = Date.now();
  const options = { root: `${REPO_ROOT}media`, windowSeconds: 24, minimumUpdatePeriodSeconds: 2 };
  const early = createLiveSimulatorRoute({ ...options, startTimeMs: now - 40_000 });
  const late = createLiveSimulatorRoute({ ...options, startTimeMs: now - 44_000 });
  let firstPlaylist: string | undefined;
  const videoSegments: number[] = [];
  const skewed: Route = {
    method: early.method,
    path: early.path,
    handle(req, res, ctx) {
      const relative = ctx.match![1]!;
      if (relative.endsWith('/playlist.m3u8')) firstPlaylist ??= relative;
      const segment = /video\/[^/]+\/seg-(\d+)\.m4s$/.exec(relative);
      if (segment) videoSegments.push(Number(segment[1]));
      const useEarly = relative === firstPlaylist;
      return (useEarly ? early : late).handle(req, res, ctx);
    },
  };
  const server = await startServer({ root: REPO_ROOT, port: 0, routes: [skewed] });
  await runLiveTest(page, `${server.url}/live/movie/master.m3u8`, 'hls', server, async () => {
    // Lock to a rung other than the one loaded first: its playlist was loaded "later".
    const reps: Array<{ id: string; active: boolean }> = await page.evaluate(() => (window as any).player.getVideoRepresentations()); // eslint-disable-line @typescript-eslint/no-explicit-any
    const target = reps.find((r) => !r.active)!;
    await page.evaluate((id) => (window as any).player.selectVideoRepresentation(id), target.id); // eslint-disable-line @typescript-eslint/no-explicit-any
  }, 8); // the later playlists' edge is one segment further on
  // Video segments were requested in order, none skipped at the switch.
  for (let i = 1; i < videoSegments.length; i++) expect(videoSegments[i]! - videoSegments[i - 1]!, `video segments ${videoSegments.join(',')}`).toBeLessThanOrEqual(1);
});

async function runLiveTest(
  page: Page,
  url: string,
  protocol: 'dash' | 'hls',
  server: { close(): Promise<void> },
  afterStart?: () => Promise<void>,
  edgeToleranceSeconds = 4,
): Promise<void> {
  try {
    await loadInPage(page, url, { liveDelaySeconds: 8 });
    await page.waitForFunction(() => !(document.getElementById('video') as HTMLVideoElement).paused, undefined, { timeout: 20_000 });
    const first = await videoState(page);
    const range1 = await page.evaluate(() => (window as any).player.getSeekRange()); // eslint-disable-line @typescript-eslint/no-explicit-any
    // Starts about `liveDelaySeconds` behind the newest segment, not at the window start.
    // (DASH times count from availabilityStartTime; HLS from the first segment loaded.)
    expect(range1.end - range1.start).toBeGreaterThan(8);
    expect(first.currentTime).toBeGreaterThan(range1.end - edgeToleranceSeconds);
    expect(first.currentTime).toBeLessThan(range1.end + edgeToleranceSeconds);
    if (protocol === 'dash') expect(first.currentTime).toBeGreaterThan(28); // edge ≈ 40 s − 8 s
    await afterStart?.();
    // Keep playing past segments that were not published at load time.
    await page
      .waitForFunction((t) => (document.getElementById('video') as HTMLVideoElement).currentTime > t + 10, first.currentTime, { timeout: 30_000 })
      .catch(async (error: unknown) => {
        throw new Error(`${String(error)}\n${await diagnose(page)}`);
      });
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
}

