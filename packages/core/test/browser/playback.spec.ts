import { test, expect, mediaUrl } from '../../../../test-support/fixtures';
import { sampleTitle, type SampleTitle } from '../../../../test-support/catalog';
import { appendedSegments, diagnose, loadInPage, playerEvents, videoState, waitForPlayback } from '../../../../test-support/player-page';

const SOURCES: Array<{ name: string; pick: (t: SampleTitle) => boolean; protocol: 'dash' | 'hls' }> = [
  { name: 'our DASH (tessera package)', pick: (t) => t.id === 'movie', protocol: 'dash' },
  { name: 'our HLS (tessera package)', pick: (t) => t.id === 'movie', protocol: 'hls' },
  { name: "ffmpeg's DASH muxer", pick: (t) => t.packager === 'ffmpeg', protocol: 'dash' },
  { name: "ffmpeg's HLS muxer", pick: (t) => t.packager === 'ffmpeg', protocol: 'hls' },
];

for (const source of SOURCES) {
  test(`${source.name}: plays, seeks, and reaches the end`, async ({ harness: page, server }) => {
    const title = sampleTitle(source.pick);
    await loadInPage(page, mediaUrl(server, title.manifests[source.protocol]));
    await waitForPlayback(page, 0, 3);
    expect((await videoState(page)).height).toBeGreaterThan(0);

    const target = Math.round(title.durationSeconds / 2) + 0.5;
    await page.evaluate((t) => (window as any).player.seek(t), target); // eslint-disable-line @typescript-eslint/no-explicit-any
    await waitForPlayback(page, target, 1);
    const afterSeek = await videoState(page);
    expect(afterSeek.currentTime).toBeGreaterThanOrEqual(target);
    expect(afterSeek.currentTime).toBeLessThan(target + 6);
    // A seek waits for data like a start does: on this fast link ABR does not drop to the lowest
    // rung for the segment at the target (nothing drains the buffer while it loads).
    const reps: Array<{ id: string; bandwidth: number }> = await page.evaluate(() => (window as any).player.getVideoRepresentations()); // eslint-disable-line @typescript-eslint/no-explicit-any
    // (Titles long enough that the target is not buffered yet: 30 s of goal from 3 s of playback.)
    if (reps.length > 1 && target > 40) {
      const lowest = reps.reduce((a, b) => (b.bandwidth < a.bandwidth ? b : a));
      const atTarget = (await appendedSegments(page)).find((s) => s.type === 'video' && s.startTime <= target && target < s.endTime);
      expect(atTarget?.representationId).toBeDefined();
      expect(atTarget!.representationId).not.toBe(lowest.id);
    }

    await page.evaluate((t) => (window as any).player.seek(t), title.durationSeconds - 2.5); // eslint-disable-line @typescript-eslint/no-explicit-any
    await page
      .waitForFunction(() => (window as any).player.state === 'ended', undefined, { timeout: 30_000 }) // eslint-disable-line @typescript-eslint/no-explicit-any
      .catch(async (error: Error) => {
        throw new Error(`${error.message}\n${await diagnose(page)}`);
      });
    const events = await playerEvents(page);
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
    const states = events.filter((e) => e.type === 'statechange').map((e) => e.payload.state);
    expect(states).toContain('playing');
    expect(states).toContain('seeking');
    expect(states[states.length - 1]).toBe('ended');
  });
}

test('repeated quick seeks end at the last target', async ({ harness: page, server }) => {
  const title = sampleTitle((t) => t.id === 'movie');
  await loadInPage(page, mediaUrl(server, title.manifests.dash));
  await waitForPlayback(page, 0, 1);
  await page.evaluate(async () => {
    const player = (window as any).player; // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const t of [30, 90, 45, 70.5]) {
      player.seek(t);
      await new Promise((r) => setTimeout(r, 30));
    }
  });
  await waitForPlayback(page, 70.5, 1).catch(async (error: Error) => {
    throw new Error(`${error.message}\n${await diagnose(page)}`);
  });
  const state = await videoState(page);
  expect(state.currentTime).toBeGreaterThanOrEqual(70.5);
  expect(state.currentTime).toBeLessThan(76);
});

test('manual quality lock shows the chosen resolution, and auto resumes', async ({ harness: page, server }) => {
  const title = sampleTitle((t) => t.id === 'movie');
  await loadInPage(page, mediaUrl(server, title.manifests.dash));
  await waitForPlayback(page, 0, 2);
  const reps: Array<{ id: string; height: number }> = await page.evaluate(() => (window as any).player.getVideoRepresentations()); // eslint-disable-line @typescript-eslint/no-explicit-any
  const current = (await videoState(page)).height;
  const target = reps.find((r) => r.height !== current && r.height === Math.min(...reps.map((x) => x.height)))
    ?? reps.find((r) => r.height !== current)!;
  await page.evaluate((id) => (window as any).player.selectVideoRepresentation(id), target.id); // eslint-disable-line @typescript-eslint/no-explicit-any
  await page.waitForFunction((h) => (document.getElementById('video') as HTMLVideoElement).videoHeight === h, target.height, { timeout: 20_000 });
  const events = await playerEvents(page);
  expect(events.some((e) => e.type === 'representationchange' && e.payload.reason === 'manual' && e.payload.representation.id === target.id)).toBe(true);
  await page.evaluate(() => (window as any).player.selectVideoRepresentation('auto')); // eslint-disable-line @typescript-eslint/no-explicit-any
  const before = (await videoState(page)).currentTime;
  await waitForPlayback(page, before, 2);
});

test('audio language switch keeps playing and streams the new language', async ({ harness: page, server }) => {
  const title = sampleTitle((t) => t.id === 'movie');
  expect(title.languages.audio.length).toBeGreaterThanOrEqual(2);
  await loadInPage(page, mediaUrl(server, title.manifests.dash));
  await waitForPlayback(page, 0, 2);
  const tracks: Array<{ id: string; language: string; active: boolean }> = await page.evaluate(() => (window as any).player.getAudioTracks()); // eslint-disable-line @typescript-eslint/no-explicit-any
  const other = tracks.find((t) => !t.active)!;
  const switchedAt = (await videoState(page)).currentTime;
  await page.evaluate((id) => {
    const w = window as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    w.appended = [];
    w.player.on('segmentappended', (e: { type: string; representationId: string; startTime: number }) => w.appended.push(e));
    w.player.selectAudioTrack(id);
  }, other.id);
  await waitForPlayback(page, switchedAt, 3);
  const after: Array<{ id: string; active: boolean }> = await page.evaluate(() => (window as any).player.getAudioTracks()); // eslint-disable-line @typescript-eslint/no-explicit-any
  expect(after.find((t) => t.active)?.id).toBe(other.id);
  const appended: Array<{ type: string; representationId: string; startTime: number }> = await page.evaluate(() => (window as any).appended); // eslint-disable-line @typescript-eslint/no-explicit-any
  const audio = appended.filter((a) => a.type === 'audio');
  expect(audio.length).toBeGreaterThan(0);
  // The first audio appended after the switch starts at (or just before) the switch point.
  expect(audio[0]!.startTime).toBeLessThanOrEqual(switchedAt + 1.5);
  const events = await playerEvents(page);
  expect(events.filter((e) => e.type === 'rebuffer')).toEqual([]);
  expect(events.some((e) => e.type === 'representationchange' && e.payload.type === 'audio' && e.payload.previous)).toBe(true);
});

for (const protocol of ['dash', 'hls'] as const) {
  test(`${protocol}: subtitle cues appear at the right time`, async ({ harness: page, server }) => {
    const title = sampleTitle((t) => t.id === 'movie');
    await loadInPage(page, mediaUrl(server, title.manifests[protocol]));
    await waitForPlayback(page, 0, 1);
    const text: Array<{ id: string; language: string }> = await page.evaluate(() => (window as any).player.getTextTracks()); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(text.length).toBeGreaterThan(0);
    await page.evaluate(() => {
      const w = window as any; // eslint-disable-line @typescript-eslint/no-explicit-any
      w.player.selectTextTrack('en');
      w.player.seek(13.2);
    });
    const cue = await page.waitForFunction(
      () => {
        const v = document.getElementById('video') as HTMLVideoElement;
        for (const track of Array.from(v.textTracks)) {
          if (track.mode !== 'showing' || !track.activeCues) continue;
          for (const c of Array.from(track.activeCues)) return { text: (c as VTTCue).text, start: c.startTime, now: v.currentTime };
        }
        return undefined;
      },
      undefined,
      { timeout: 20_000 },
    );
    const value = (await cue.jsonValue())!;
    expect(value.text).toBe('Subtitle at 00:00:13');
    expect(value.start).toBeCloseTo(13, 1);
    expect(value.now).toBeGreaterThanOrEqual(13);
  });
}

test('destroy() stops every request and releases the media element', async ({ harness: page, server }) => {
  const title = sampleTitle((t) => t.id === 'movie');
  await loadInPage(page, mediaUrl(server, title.manifests.dash), { bufferGoalSeconds: 60 });
  await waitForPlayback(page, 0, 1);
  await page.evaluate(() => (window as any).player.destroy()); // eslint-disable-line @typescript-eslint/no-explicit-any
  const requestsAfterDestroy = server.stats.requests;
  await page.waitForTimeout(1500);
  expect(server.stats.requests).toBe(requestsAfterDestroy);
  const media = await page.evaluate(() => {
    const v = document.getElementById('video') as HTMLVideoElement;
    return { src: v.getAttribute('src'), networkState: v.networkState, readyState: v.readyState };
  });
  expect(media.src).toBeNull();
  expect(media.readyState).toBe(0);
  const afterDestroy = await page.evaluate(() => {
    try {
      (window as any).player.seek(1); // eslint-disable-line @typescript-eslint/no-explicit-any
      return 'no error';
    } catch (error) {
      return (error as { code?: number }).code;
    }
  });
  expect(afterDestroy).toBe(5001); // INVALID_STATE
});

test('a missing manifest ends in one typed fatal error', async ({ harness: page, server }) => {
  const result = await page.evaluate(async (url) => {
    const w = window as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    const player = new w.Tessera.Player(document.getElementById('video'), { maxRequestAttempts: 1 });
    const errors: unknown[] = [];
    player.on('error', (e: { error: unknown }) => errors.push(JSON.parse(JSON.stringify(e.error))));
    try {
      await player.load(url);
      return { resolved: true, errors };
    } catch (error) {
      return { resolved: false, code: (error as { code: number }).code, severity: (error as { severity: string }).severity, state: player.state, errors };
    }
  }, `${server.url}/media/does-not-exist.mpd`);
  expect(result.resolved).toBe(false);
  expect(result.severity).toBe('fatal');
  expect(result.state).toBe('error');
  expect([1001, 1006]).toContain(result.code);
  expect(result.errors).toHaveLength(1);
});
