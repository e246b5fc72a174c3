import type { Page } from '@playwright/test';

/** Creates a Player on the harness page's <video>, loads `url`, records events in window.events. */
export async function loadInPage(page: Page, url: string, config: Record<string, unknown> = {}): Promise<void> {
  await page.evaluate(
    async ({ url, config }) => {
      const w = window as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      const video = document.getElementById('video') as HTMLVideoElement;
      const player = new w.Tessera.Player(video, config);
      w.player = player;
      w.events = [];
      // Appended segments separately: they would crowd the other events out of diagnose().
      w.segments = [];
      player.on('segmentappended', (payload: unknown) => w.segments.push(JSON.parse(JSON.stringify(payload))));
      for (const type of ['statechange', 'representationchange', 'error', 'firstframe', 'rebuffer', 'ended', 'trackschange', 'playheadrecovery']) {
        player.on(type, (payload: unknown) => w.events.push({ type, payload: JSON.parse(JSON.stringify(payload)) }));
      }
      await player.load(url);
    },
    { url, config },
  );
}

/** Waits until the video has played at least `seconds` past `from` (currentTime). */
export async function waitForPlayback(page: Page, from: number, seconds: number, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction(
    ({ from, seconds }) => {
      const v = document.getElementById('video') as HTMLVideoElement;
      return v.currentTime >= from + seconds && !v.paused;
    },
    { from, seconds },
    { timeout: timeoutMs },
  );
}

export async function videoState(page: Page): Promise<{ currentTime: number; paused: boolean; height: number; state: string; ended: boolean; readyState: number }> {
  return page.evaluate(() => {
    const v = document.getElementById('video') as HTMLVideoElement;
    const w = window as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    return { currentTime: v.currentTime, paused: v.paused, height: v.videoHeight, state: w.player?.state, ended: v.ended, readyState: v.readyState };
  });
}

export async function playerEvents(page: Page): Promise<Array<{ type: string; payload: any }>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return page.evaluate(() => (window as unknown as { events: Array<{ type: string; payload: unknown }> }).events);
}

/** `segmentappended` payloads in order: type, representationId, startTime, endTime, bytes. */
export async function appendedSegments(page: Page): Promise<Array<{ type: string; representationId: string; startTime: number; endTime: number }>> {
  return page.evaluate(() => (window as unknown as { segments: Array<{ type: string; representationId: string; startTime: number; endTime: number }> }).segments);
}

/** A snapshot for failure messages: element state, buffered ranges, the last player events. */
export async function diagnose(page: Page): Promise<string> {
  return page.evaluate(() => {
    const v = document.getElementById('video') as HTMLVideoElement;
    const w = window as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const ranges = (r: TimeRanges) => Array.from({ length: r.length }, (_, i) => `${r.start(i).toFixed(2)}-${r.end(i).toFixed(2)}`).join(',');
    return JSON.stringify({
      currentTime: v.currentTime, duration: v.duration, paused: v.paused, ended: v.ended, seeking: v.seeking, readyState: v.readyState,
      buffered: ranges(v.buffered), state: w.player?.state, playerBuffered: w.player?.getBufferedRanges?.(),
      lastEvents: (w.events ?? []).slice(-15),
    });
  });
}
