import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { test, expect, mediaUrl } from '../../../../test-support/fixtures';
import { sampleCatalog, type SampleTitle } from '../../../../test-support/catalog';
import { SAMPLE_DIR } from '../../../../test-support/global-setup';
import { GRAY_HEIGHT, GRAY_WIDTH, grayFrameAt, grayFromImage, timecodeDifference } from './frames';

/** The catalog entry with the trick-play files `tessera sample` lists. */
type TitleWithThumbnails = SampleTitle & { thumbnails: { intervalSeconds: number; sprites: string; webvtt: string; bif: string; hlsImages: string; iFrames: string[] } };

function movie(): TitleWithThumbnails {
  const title = sampleCatalog().titles.find((t) => t.id === 'movie') as TitleWithThumbnails | undefined;
  if (!title?.thumbnails) throw new Error('the sample movie has no thumbnails: rebuild the catalog (tessera sample -o media)');
  return title;
}

type Format = 'sprites' | 'webvtt' | 'bif' | 'dash' | 'hls';

/** Puts an 800 px seek bar under the harness video with a SeekBarPreview on a track of `format` (DASH/HLS: from the loaded player's presentation). */
async function setUpPreview(page: Page, format: Format, url: string, durationSeconds: number): Promise<void> {
  await page.evaluate(
    async ({ format, url, durationSeconds }) => {
      const w = window as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      const T = w.Tessera;
      const video = document.getElementById('video') as HTMLVideoElement;
      const bar = document.createElement('div');
      bar.id = 'bar';
      bar.tabIndex = 0;
      bar.style.cssText = 'width:800px;height:12px;margin:220px 20px 20px;background:#444';
      document.body.appendChild(bar);
      let track;
      if (format === 'dash' || format === 'hls') {
        const player = new T.Player(video, { autoplay: false });
        w.player = player;
        await player.load(url);
        track = await T.loadThumbnails({ presentation: player.getPresentation() });
      } else {
        track = await T.loadThumbnails(url);
      }
      w.track = track;
      w.preview = new T.SeekBarPreview({
        bar,
        track,
        duration: () => durationSeconds,
        currentTime: () => video.currentTime,
        onSeek: (time: number) => {
          w.seekedTo = time;
          if (w.player) w.player.seek(time);
        },
      });
    },
    { format, url, durationSeconds },
  );
}

interface Shown {
  time: number;
  start: number;
  end: number;
  label: string;
}

async function shownPreview(page: Page, time?: number): Promise<Shown> {
  await page.waitForFunction(
    (time) => {
      const el = document.querySelector('.tessera-preview') as HTMLElement | null;
      return !!el && el.dataset.state === 'shown' && (time === undefined || Math.abs(Number(el.dataset.time) - time) < 1e-6) && Number(el.dataset.start) <= Number(el.dataset.time);
    },
    time,
  );
  return page.evaluate(() => {
    const el = document.querySelector('.tessera-preview') as HTMLElement;
    return { time: Number(el.dataset.time), start: Number(el.dataset.start), end: Number(el.dataset.end), label: el.querySelector('.tessera-preview-time')!.textContent || '' };
  });
}

/** Screenshot of the tile as displayed (inside its 2 px border), to gray. */
async function displayedTile(page: Page): Promise<Buffer> {
  const box = (await page.locator('.tessera-preview-tile').boundingBox())!;
  const png = await page.screenshot({ clip: { x: box.x + 2, y: box.y + 2, width: box.width - 4, height: box.height - 4 } });
  const gray = grayFromImage(png);
  expect(gray.length).toBe(GRAY_WIDTH * GRAY_HEIGHT);
  return gray;
}

test.describe('seek-bar preview on the sample movie (burned-in timecode)', () => {
  for (const format of ['sprites', 'webvtt', 'bif', 'dash', 'hls'] as Format[]) {
    test(`${format}: hovering the bar shows the tile whose span holds the time, and it is that moment's picture`, async ({ harness: page, server }) => {
      const title = movie();
      const urls: Record<Format, string> = {
        sprites: title.thumbnails.sprites, webvtt: title.thumbnails.webvtt, bif: title.thumbnails.bif, dash: title.manifests.dash, hls: title.manifests.hls,
      };
      await setUpPreview(page, format, mediaUrl(server, urls[format]), title.durationSeconds);
      const bar = (await page.locator('#bar').boundingBox())!;
      const interval = title.thumbnails.intervalSeconds;
      for (const fraction of [0.13, 0.5, 0.87]) {
        await page.mouse.move(bar.x + fraction * bar.width, bar.y + bar.height / 2);
        const expectedTime = fraction * title.durationSeconds;
        const shown = await shownPreview(page);
        expect(shown.time).toBeCloseTo(expectedTime, 0);
        expect(shown.start).toBeLessThanOrEqual(shown.time);
        expect(shown.end).toBeGreaterThan(shown.time);
        expect(shown.start).toBeCloseTo(Math.floor(shown.time / interval) * interval, 3);

        // The picture: closest to the source frame at the tile's start, not to its neighbours'.
        const tile = await displayedTile(page);
        const titleDir = join(SAMPLE_DIR, title.manifests.dash.split('/')[0]!);
        const right = timecodeDifference(tile, grayFrameAt(titleDir, shown.start));
        const before = timecodeDifference(tile, grayFrameAt(titleDir, Math.max(0, shown.start - interval)));
        const after = timecodeDifference(tile, grayFrameAt(titleDir, Math.min(title.durationSeconds - 1, shown.start + interval)));
        expect(right, `tile at ${shown.start}s vs frames ${shown.start - interval}/${shown.start}/${shown.start + interval}: ${before.toFixed(1)}/${right.toFixed(1)}/${after.toFixed(1)}`).toBeLessThan(5);
        if (shown.start > 0) expect(right).toBeLessThan(before * 0.8);
        expect(right).toBeLessThan(after * 0.8);
      }
      await page.mouse.move(bar.x + bar.width / 2, bar.y + 200);
      await expect(page.locator('.tessera-preview')).toBeHidden();
    });
  }
});

test('TV remote: left/right scrub the preview from the playhead, OK seeks there', async ({ harness: page, server }) => {
  const title = movie();
  await setUpPreview(page, 'dash', mediaUrl(server, title.manifests.dash), title.durationSeconds);
  await page.focus('#bar');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  expect(await shownPreview(page, 30)).toMatchObject({ time: 30, start: 30, end: 40, label: '0:30' });
  await page.keyboard.press('ArrowLeft');
  expect(await shownPreview(page, 20)).toMatchObject({ start: 20, label: '0:20' });
  await page.keyboard.press('Enter');
  await expect(page.locator('.tessera-preview')).toBeHidden();
  expect(await page.evaluate(() => (window as unknown as { seekedTo: number }).seekedTo)).toBe(20);
  await page.waitForFunction(() => Math.abs((document.getElementById('video') as HTMLVideoElement).currentTime - 20) < 0.5);
  // Back cancels a scrub without seeking.
  await page.keyboard.press('ArrowRight');
  await shownPreview(page, 30);
  await page.keyboard.press('Escape');
  await expect(page.locator('.tessera-preview')).toBeHidden();
  expect(await page.evaluate(() => (window as unknown as { seekedTo: number }).seekedTo)).toBe(20);
});

test('I-frame trick play moves the playhead at the chosen rate, showing I-frames, and resumes on OK', async ({ harness: page, server }) => {
  const title = movie();
  await page.evaluate(
    async (url) => {
      const w = window as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      const T = w.Tessera;
      const video = document.getElementById('video') as HTMLVideoElement;
      const player = new T.Player(video, { autoplay: true });
      w.player = player;
      w.fatal = [];
      player.on('error', (e: { error: { severity: string; message: string } }) => e.error.severity === 'fatal' && w.fatal.push(e.error.message));
      await player.load(url);
      const fetcher = T.networkFetcher(new T.NetworkEngine({ clock: T.systemClock }));
      w.iFrames = await T.loadIFrameTimes(player.getPresentation(), fetcher);
      w.seeks = [];
      const target = T.trickPlayTarget(player);
      const seek = target.seek;
      target.seek = (t: number) => {
        w.seeks.push(t);
        seek(t);
      };
      w.trick = new T.TrickPlay(target, w.iFrames, { stepMs: 250 });
    },
    mediaUrl(server, title.manifests.hls),
  );
  const iFrames = await page.evaluate(() => (window as unknown as { iFrames: number[] }).iFrames);
  expect(iFrames.length).toBeGreaterThan(10);
  expect(iFrames.slice(0, 3)).toEqual([0, 4, 8]);
  await page.waitForFunction(() => (document.getElementById('video') as HTMLVideoElement).currentTime > 1);

  for (const rate of [8, -16]) {
    const started = await page.evaluate((rate) => {
      const w = window as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      const from = w.trick.rate ? w.trick.position : (document.getElementById('video') as HTMLVideoElement).currentTime;
      w.trick.setRate(rate);
      return { from, at: performance.now() };
    }, rate);
    await page.waitForTimeout(rate > 0 ? 3000 : 1500);
    const now = await page.evaluate(() => {
      const w = window as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      const video = document.getElementById('video') as HTMLVideoElement;
      const reps: Array<{ id: string; bandwidth: number }> = w.player.getVideoRepresentations();
      const lowest = reps.reduce((a, b) => (b.bandwidth < a.bandwidth ? b : a)).id;
      return {
        position: w.trick.position as number, rate: w.trick.rate as number, time: video.currentTime, paused: video.paused, at: performance.now(), seeks: w.seeks.slice() as number[],
        lockedToLowest: w.player.getVideoSelection() === lowest,
      };
    });
    // Every step fetches a segment to show its I-frame: the lowest rung keeps that cheap.
    expect(now.lockedToLowest).toBe(true);
    const elapsed = (now.at - started.at) / 1000;
    expect(now.rate).toBe(rate);
    expect(now.paused).toBe(true);
    // The position runs at rate × wall time (one 250 ms step of slack)…
    expect(Math.abs(now.position - Math.max(0, started.from + rate * elapsed))).toBeLessThan(Math.abs(rate) * 0.3 + 0.01);
    // …and the playhead follows on I-frames, at most one I-frame interval behind.
    expect(now.seeks.every((t) => iFrames.includes(t))).toBe(true);
    expect(Math.abs(now.time - now.position)).toBeLessThan(4.5 + Math.abs(rate) * 0.3);
  }
  const resumeAt = await page.evaluate(() => {
    const w = window as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const position = w.trick.position;
    w.trick.exit();
    return position;
  });
  await page.waitForFunction((from) => {
    const video = document.getElementById('video') as HTMLVideoElement;
    return (!video.paused && video.currentTime > from + 0.5) || (window as unknown as { fatal: string[] }).fatal.length > 0;
  }, resumeAt);
  // Rapid stepping seeks must not break the engine, and ABR chooses again after trick play.
  expect(await page.evaluate(() => (window as unknown as { fatal: string[] }).fatal)).toEqual([]);
  expect(await page.evaluate(() => (window as any).player.getVideoSelection())).toBe('auto'); // eslint-disable-line @typescript-eslint/no-explicit-any
});
