import type { Page } from '@playwright/test';

export type Format = 'sprites' | 'webvtt' | 'bif' | 'dash' | 'hls';

export interface ColdTile {
  /** loadThumbnails() + getThumbnail(): index fetched and parsed, first image fetched, URL made. */
  readyMs: number;
  /** …and the image decoded (img.decode()), what a preview can paint. */
  decodedMs: number;
}

/**
 * First tile from cold, in a fresh context (empty HTTP cache): t0, then loadThumbnails()
 * for the file URL (sprite JSON, WebVTT, BIF) or the presentation the player already has
 * (DASH: parsed before t0; HLS: its image playlist is fetched after t0), getThumbnail(time).
 */
export async function coldFirstTile(page: Page, format: Format, url: string, time: number): Promise<ColdTile> {
  return page.evaluate(
    async ({ format, url, time }) => {
      const T = (window as unknown as { Tessera: any }).Tessera; // eslint-disable-line @typescript-eslint/no-explicit-any
      let source: unknown = url;
      if (format === 'dash' || format === 'hls') {
        const text = await (await fetch(url)).text();
        source = { presentation: T.parseManifest(text, url) };
      }
      const t0 = performance.now();
      const track = await T.loadThumbnails(source);
      const thumb = await track.getThumbnail(time);
      const ready = performance.now();
      const image = new Image();
      image.src = thumb.url;
      await image.decode();
      const decoded = performance.now();
      track.destroy();
      return { readyMs: ready - t0, decodedMs: decoded - t0 };
    },
    { format, url, time },
  );
}

export interface CachedLookup {
  lookups: number;
  /** Mean time of `await track.getThumbnail(t)` with every image cached, µs. */
  getThumbnailUs: number;
  /** Mean time of the synchronous `track.peek(t)`, µs. */
  peekUs: number;
  /** Mean time of `preview.showAt(t)` (lookup + the tile's DOM update) with the image cached, µs. */
  showAtUs: number;
}

/** Lookups from a warm cache: every image loaded first, then random times. */
export async function cachedLookup(page: Page, url: string, durationSeconds: number, lookups: number): Promise<CachedLookup> {
  return page.evaluate(
    async ({ url, durationSeconds, lookups }) => {
      const T = (window as unknown as { Tessera: any }).Tessera; // eslint-disable-line @typescript-eslint/no-explicit-any
      const track = await T.loadThumbnails(url, { preloadRadius: 0 });
      for (const cue of track.cues) await track.getThumbnail(cue.startTime);
      const times = Array.from({ length: lookups }, () => Math.random() * durationSeconds);
      let t0 = performance.now();
      for (const t of times) await track.getThumbnail(t);
      const getThumbnailUs = ((performance.now() - t0) * 1000) / lookups;
      t0 = performance.now();
      let found = 0;
      for (const t of times) if (track.peek(t)) found++;
      const peekUs = ((performance.now() - t0) * 1000) / lookups;
      if (found !== lookups) throw new Error(`peek missed ${lookups - found} cached tiles`);
      const bar = document.createElement('div');
      bar.style.cssText = 'width:800px;height:10px;margin-top:200px';
      document.body.appendChild(bar);
      const preview = new T.SeekBarPreview({ bar, track, duration: () => durationSeconds, currentTime: () => 0, onSeek: () => undefined });
      t0 = performance.now();
      for (const t of times) preview.showAt(t);
      const showAtUs = ((performance.now() - t0) * 1000) / lookups;
      preview.destroy();
      track.destroy();
      return { lookups, getThumbnailUs, peekUs, showAtUs };
    },
    { url, durationSeconds, lookups },
  );
}
