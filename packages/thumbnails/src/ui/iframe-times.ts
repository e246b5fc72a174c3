import { parseHlsMediaPlaylist, type Presentation } from '@tessera/core';
import type { ThumbnailFetcher } from '../types';
import type { TrickPlayTarget } from './trick-play';

/**
 * Times of the I-frames trick play can show: from the lowest-bandwidth HLS I-frame
 * playlist (EXT-X-I-FRAME-STREAM-INF, RFC 8216 §4.3.4.3) when the presentation has one,
 * else the starts of the video segments in the model (CMAF segments start with a
 * sync sample, ISO/IEC 23000-19 §7.3.2.2). Empty when neither is known.
 */
export async function loadIFrameTimes(presentation: Presentation, fetcher: ThumbnailFetcher): Promise<number[]> {
  const streams = presentation.iFrameStreams.slice().sort((a, b) => a.bandwidth - b.bandwidth);
  if (streams.length) {
    const response = await fetcher.text(streams[0]!.url).promise;
    return parseHlsMediaPlaylist(response.text, response.url).segments.map((s) => s.startTime);
  }
  for (const set of presentation.switchingSets) {
    if (set.type !== 'video') continue;
    const times: number[] = [];
    for (const part of set.representations[0]!.segmentIndex) if (part.kind === 'segments') for (const s of part.segments) times.push(s.startTime);
    return times;
  }
  return [];
}

/** What `trickPlayTarget` uses of a core Player; the quality methods are optional. */
export interface TrickPlayPlayer {
  media: HTMLMediaElement;
  seek(t: number): void;
  pause(): void;
  play(): Promise<void> | void;
  getVideoRepresentations?(): Array<{ id: string; bandwidth: number }>;
  getVideoSelection?(): string;
  selectVideoRepresentation?(id: string, options?: { clearBuffer?: boolean }): void;
}

/**
 * A TrickPlayTarget on a core Player. While trick play runs, video is locked to the lowest
 * rung (each step fetches a whole segment to show its I-frame); the selection before
 * (a manual lock or `'auto'`) comes back when it stops.
 */
export function trickPlayTarget(player: TrickPlayPlayer): TrickPlayTarget {
  let saved: string | undefined;
  return {
    enter: () => {
      const reps = player.getVideoRepresentations ? player.getVideoRepresentations() : [];
      if (!reps.length || !player.selectVideoRepresentation || !player.getVideoSelection) return;
      const lowest = reps.reduce((a, b) => (b.bandwidth < a.bandwidth ? b : a));
      saved = player.getVideoSelection();
      player.selectVideoRepresentation(lowest.id, { clearBuffer: false });
    },
    leave: () => {
      if (saved !== undefined && player.selectVideoRepresentation) player.selectVideoRepresentation(saved, { clearBuffer: false });
      saved = undefined;
    },
    currentTime: () => player.media.currentTime,
    duration: () => player.media.duration,
    seek: (t) => player.seek(t),
    pause: () => player.pause(),
    play: () => {
      const p = player.play();
      if (p && p.catch) p.catch(() => undefined);
    },
  };
}

/** What a remote key means to trick play: keys by name, and the Tizen/webOS/HbbTV key codes. */
export function trickPlayKey(event: { key?: string; keyCode?: number }): 'ff' | 'rw' | 'ok' | undefined {
  const key = event.key || '';
  const code = event.keyCode || 0;
  if (key === 'MediaFastForward' || code === 417) return 'ff';
  if (key === 'MediaRewind' || code === 412) return 'rw';
  if (key === 'Enter' || key === 'MediaPlay' || key === 'MediaPlayPause' || code === 13 || code === 415 || code === 10252) return 'ok';
  return undefined;
}
