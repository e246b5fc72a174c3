import { describe, expect, it } from 'vitest';
import { ErrorCode, TesseraError } from '@tessera/core';
import { LruCache, ThumbnailTrack, findCue, type ThumbnailCue, type ThumbnailIndex } from '@tessera/thumbnails';
import { fakeFetcher, fakeUrls } from './support/fake-fetcher';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('findCue (binary search)', () => {
  const cues: ThumbnailCue[] = [0, 10, 20, 40].map((t, i) => ({ startTime: t, endTime: t + 10, image: i }));
  it.each([
    [0, 0], [9.99, 0], [10, 1], [25, 2], [35, 2], [40, 3], [1e9, 3], [-5, 0],
  ])('time %s → cue %s (in a gap: the one before; outside: the nearest end)', (time, expected) => {
    expect(findCue(cues, time)).toBe(expected);
  });
  it('is -1 without cues or for NaN', () => {
    expect(findCue([], 3)).toBe(-1);
    expect(findCue(cues, NaN)).toBe(-1);
  });
});

describe('LruCache', () => {
  it('keeps total size and entry count under their bounds, evicting the least recently used', () => {
    const evicted: string[] = [];
    const cache = new LruCache<string, string>(100, 3, (value) => evicted.push(value));
    cache.set('a', 'A', 40);
    cache.set('b', 'B', 40);
    cache.get('a');
    cache.set('c', 'C', 40); // 120 > 100: b is the least recent
    expect(evicted).toEqual(['B']);
    expect(cache.size).toBe(80);
    cache.set('d', 'D', 1);
    cache.set('e', 'E', 1); // 4 entries > 3: a goes
    expect(evicted).toEqual(['B', 'A']);
    expect(cache.count).toBe(3);
  });
  it('never evicts the entry just set, even when it alone is over the bound', () => {
    const cache = new LruCache<string, number>(10, 10);
    cache.set('big', 1, 50);
    expect(cache.has('big')).toBe(true);
    cache.set('big2', 2, 50);
    expect([cache.has('big'), cache.has('big2')]).toEqual([false, true]);
  });
});

/** 10 sheets of 4 tiles of 5 s each: sheet k covers [20k, 20k+20). */
function sheets(count = 10): ThumbnailIndex {
  const cues: ThumbnailCue[] = [];
  for (let i = 0; i < count * 4; i++) cues.push({ startTime: i * 5, endTime: i * 5 + 5, image: i >> 2, rect: { x: (i % 4) * 10, y: 0, width: 10, height: 10 } });
  return { format: 'sprites', cues, images: Array.from({ length: count }, (_, k) => ({ url: `http://h/s${k}.jpg` })) };
}

function files(count = 10, bytes = 100): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  for (let k = 0; k < count; k++) out[`http://h/s${k}.jpg`] = new Uint8Array(bytes + k);
  return out;
}

describe('ThumbnailTrack', () => {
  it('gives the tile, its time span and a URL of the loaded sheet; then serves it from the cache', async () => {
    const fetcher = fakeFetcher(files());
    const urls = fakeUrls();
    const track = new ThumbnailTrack(sheets(), { fetcher, ...urls, preloadRadius: 0 });
    const thumb = await track.getThumbnail(47);
    expect(thumb).toEqual({ url: 'blob:fake/1/102', startTime: 45, endTime: 50, cue: 9, rect: { x: 10, y: 0, width: 10, height: 10 } });
    expect(track.peek(41)).toMatchObject({ url: 'blob:fake/1/102', startTime: 40 });
    expect(await track.getThumbnail(44)).toMatchObject({ url: 'blob:fake/1/102', cue: 8 });
    expect(fetcher.requests.map((r) => r.url)).toEqual(['http://h/s2.jpg']);
    expect(track.peek(0)).toBeUndefined();
    expect(track.duration).toBe(200);
  });

  it('preloads ±N sheets around the focus, nearest first, two at a time', async () => {
    const fetcher = fakeFetcher(files(), { manual: true });
    const track = new ThumbnailTrack(sheets(), { fetcher, ...fakeUrls(), preloadRadius: 2 });
    track.preload(105); // sheet 5
    expect(fetcher.requests.map((r) => r.url)).toEqual(['http://h/s5.jpg', 'http://h/s6.jpg']);
    fetcher.requests[0]!.resolve();
    await flush();
    expect(fetcher.requests.map((r) => r.url).slice(2)).toEqual(['http://h/s4.jpg']);
    for (let i = 0; i < 6; i++) {
      fetcher.requests.forEach((r) => r.resolve());
      await flush();
    }
    expect(fetcher.requests.map((r) => r.url).sort()).toEqual([3, 4, 5, 6, 7].map((k) => `http://h/s${k}.jpg`));
    expect(track.loading).toBe(0);
  });

  it('cancels loads outside the new window when the focus moves; the superseded request rejects with ABORTED', async () => {
    const fetcher = fakeFetcher(files(), { manual: true });
    const track = new ThumbnailTrack(sheets(), { fetcher, ...fakeUrls(), preloadRadius: 1 });
    const first = track.getThumbnail(5); // sheet 0 (+1)
    const firstResult = first.catch((error: unknown) => error);
    const second = track.getThumbnail(185); // sheet 9 (+8)
    expect(fetcher.requests.filter((r) => r.aborted).map((r) => r.url)).toEqual(['http://h/s0.jpg', 'http://h/s1.jpg']);
    const error = (await firstResult) as TesseraError;
    expect(error).toBeInstanceOf(TesseraError);
    expect(error.code).toBe(ErrorCode.ABORTED);
    fetcher.requests.filter((r) => !r.aborted).forEach((r) => r.resolve());
    expect(await second).toMatchObject({ startTime: 185 });
    track.cancel();
    expect(track.loading).toBe(0);
  });

  it('holds at most maxCacheBytes of images and revokes the URLs it evicts', async () => {
    const urls = fakeUrls();
    const track = new ThumbnailTrack(sheets(), { fetcher: fakeFetcher(files(10, 1000)), ...urls, preloadRadius: 0, maxCacheBytes: 2500 });
    for (let k = 0; k < 10; k++) await track.getThumbnail(k * 20);
    expect(track.cachedBytes).toBeLessThanOrEqual(2500);
    expect(urls.live.size).toBe(2);
    expect(urls.created).toBe(10);
    track.destroy();
    expect(urls.live.size).toBe(0);
    expect(await track.getThumbnail(3)).toBeUndefined();
  });

  it('passes a failed load on to its caller and tries again on the next request', async () => {
    const fetcher = fakeFetcher({}, { manual: true });
    const track = new ThumbnailTrack(sheets(), { fetcher, ...fakeUrls(), preloadRadius: 0 });
    const failed = track.getThumbnail(1).catch((error: TesseraError) => error.code);
    fetcher.requests[0]!.fail();
    expect(await failed).toBe(ErrorCode.BAD_HTTP_STATUS);
    void track.getThumbnail(2).catch(() => undefined);
    expect(fetcher.requests).toHaveLength(2);
  });

  it('uses bytes that came with the index without downloading (small BIF)', async () => {
    const fetcher = fakeFetcher({});
    const index: ThumbnailIndex = { format: 'bif', cues: [{ startTime: 0, endTime: 10, image: 0 }], images: [{ url: 'http://h/t.bif', byteRange: { start: 72, end: 74 }, data: new Uint8Array(3) }] };
    const track = new ThumbnailTrack(index, { fetcher, ...fakeUrls() });
    expect(await track.getThumbnail(3)).toEqual({ url: 'blob:fake/1/3', startTime: 0, endTime: 10, cue: 0 });
    expect(fetcher.requests).toHaveLength(0);
  });
});

describe('ThumbnailTrack priorities', () => {
  it('starts the focus image at once even when preloads fill every slot', () => {
    const fetcher = fakeFetcher(files(), { manual: true });
    const track = new ThumbnailTrack(sheets(), { fetcher, ...fakeUrls(), preloadRadius: 2, maxConcurrentLoads: 1 });
    track.preload(105); // sheet 5 loads (the one slot); 6, 4, 7, 3 wait
    void track.getThumbnail(125).catch(() => undefined); // sheet 6: in the window, must not wait behind 5
    expect(fetcher.requests.map((r) => r.url)).toEqual(['http://h/s5.jpg', 'http://h/s6.jpg']);
    track.cancel();
  });
});
