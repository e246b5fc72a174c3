import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { contentTypeFor } from './mime-types';
import type { Route } from './route';

export interface LiveSimulatorOptions {
  /** Directory served (the same root as the static files). */
  root: string;
  /** URL prefix of the live view, default '/live'. `/live/movie/manifest.mpd` replays `movie/`. */
  prefix?: string;
  /** Wall-clock ms when every title "went live"; default: when the route was created. */
  startTimeMs?: number;
  /** Sliding window (DVR) length, seconds. Default 30. */
  windowSeconds?: number;
  /** DASH minimumUpdatePeriod, seconds. Default 2. */
  minimumUpdatePeriodSeconds?: number;
  /** Injected wall clock (tests). */
  now?: () => number;
}

/**
 * Replays a packaged VOD title as a live stream, for testing live playback end to end:
 * segment N becomes available when its end time has passed since `startTimeMs`.
 * DASH: the MPD becomes `type="dynamic"` (availabilityStartTime, minimumUpdatePeriod,
 * timeShiftBufferDepth) and turns static again once the whole title is out (the event
 * ended). HLS: media playlists list a sliding window of released segments, with
 * EXT-X-ENDLIST at the end. Media not yet released answers 404.
 */
export function createLiveSimulatorRoute(options: LiveSimulatorOptions): Route {
  const prefix = (options.prefix ?? '/live').replace(/\/$/, '');
  const now = options.now ?? Date.now;
  const start = options.startTimeMs ?? now();
  const window = options.windowSeconds ?? 30;
  const mup = options.minimumUpdatePeriodSeconds ?? 2;
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

  return {
    method: ['GET', 'HEAD'],
    path: new RegExp(`^${escaped}/(.+)$`),
    async handle(_req, _res, ctx) {
      const relative = ctx.match![1]!;
      const file = join(options.root, relative);
      const elapsed = (now() - start) / 1000;
      let body: string | Buffer;
      try {
        body = await readFile(file);
      } catch {
        await ctx.send(404, 'not found');
        return;
      }
      if (relative.endsWith('.mpd')) {
        await ctx.send(200, liveMpd(body.toString('utf8'), start, elapsed, window, mup, now()), { 'content-type': 'application/dash+xml', 'cache-control': 'no-store' });
        return;
      }
      if (relative.endsWith('.m3u8')) {
        const text = body.toString('utf8');
        const live = text.includes('#EXTINF') ? liveMediaPlaylist(text, elapsed, window) : text;
        await ctx.send(200, live, { 'content-type': 'application/vnd.apple.mpegurl', 'cache-control': 'no-store' });
        return;
      }
      const segment = /seg-(\d+)\.m4s$/.exec(relative);
      if (segment && !(await isReleased(file, Number(segment[1]), elapsed))) {
        await ctx.send(404, 'not yet available');
        return;
      }
      await ctx.send(200, body, { 'content-type': contentTypeFor(file) });
    },
  };
}

/** Segment durations of a rendition, read from its media playlist next to the segment. */
async function isReleased(segmentFile: string, number: number, elapsed: number): Promise<boolean> {
  try {
    const playlist = await readFile(join(segmentFile, '..', 'playlist.m3u8'), 'utf8');
    const durations = extinfDurations(playlist);
    let end = 0;
    for (let i = 0; i < number && i < durations.length; i++) end += durations[i]!;
    return end <= elapsed;
  } catch {
    return true;
  }
}

function extinfDurations(playlist: string): number[] {
  const out: number[] = [];
  for (const match of playlist.matchAll(/#EXTINF:([\d.]+)/g)) out.push(Number(match[1]));
  return out;
}

/** Pure: the VOD MPD as a dynamic one (or static again once everything is released). */
export function liveMpd(vod: string, startTimeMs: number, elapsedSeconds: number, windowSeconds: number, minimumUpdatePeriodSeconds: number, nowMs: number): string {
  const durationMatch = /mediaPresentationDuration="PT([\d.]+)S"/.exec(vod);
  const duration = durationMatch ? Number(durationMatch[1]) : Infinity;
  const ast = new Date(startTimeMs).toISOString();
  if (elapsedSeconds >= duration) {
    // The event is over: a static MPD keeps the availability start so times stay the same.
    return vod.replace(/<MPD /, `<MPD availabilityStartTime="${ast}" `);
  }
  return vod
    .replace(/type="static"/, 'type="dynamic"')
    .replace(/\s*mediaPresentationDuration="[^"]*"/, '')
    .replace(
      /<MPD /,
      `<MPD availabilityStartTime="${ast}" publishTime="${new Date(nowMs).toISOString()}" minimumUpdatePeriod="PT${minimumUpdatePeriodSeconds}S" timeShiftBufferDepth="PT${windowSeconds}S" suggestedPresentationDelay="PT6S" `,
    );
}

/** Pure: a VOD media playlist cut to the live window of released segments. */
export function liveMediaPlaylist(vod: string, elapsedSeconds: number, windowSeconds: number): string {
  const lines = vod.split(/\r?\n/);
  const header: string[] = [];
  const segments: Array<{ lines: string[]; duration: number }> = [];
  let pending: string[] = [];
  let firstSequence = 1;
  for (const line of lines) {
    if (line.startsWith('#EXT-X-MEDIA-SEQUENCE:')) firstSequence = Number(line.slice(22));
    else if (line.startsWith('#EXT-X-PLAYLIST-TYPE') || line.startsWith('#EXT-X-ENDLIST')) continue;
    else if (line.startsWith('#EXTINF:')) pending.push(line);
    else if (pending.length > 0 && line && !line.startsWith('#')) {
      pending.push(line);
      segments.push({ lines: pending, duration: Number(/#EXTINF:([\d.]+)/.exec(pending.join('\n'))?.[1] ?? 0) });
      pending = [];
    } else if (pending.length > 0) pending.push(line);
    else if (line) header.push(line);
  }
  let end = 0;
  let released = 0;
  for (const s of segments) {
    if (end + s.duration > elapsedSeconds) break;
    end += s.duration;
    released++;
  }
  let first = released;
  let windowDuration = 0;
  while (first > 0 && windowDuration + segments[first - 1]!.duration <= windowSeconds) {
    windowDuration += segments[first - 1]!.duration;
    first--;
  }
  const out = [...header, `#EXT-X-MEDIA-SEQUENCE:${firstSequence + first}`];
  for (const s of segments.slice(first, released)) out.push(...s.lines);
  if (released === segments.length) out.push('#EXT-X-ENDLIST');
  return out.join('\n') + '\n';
}
