import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What one title's trick-play files weigh, by format, in bytes per hour of content. */
export interface TitleBytes {
  titleId: string;
  durationSeconds: number;
  thumbnails: number;
  intervalSeconds: number;
  /** Bytes per hour of content, by format (what a client downloads to have every thumbnail). */
  perHour: Record<string, number>;
}

interface Summary {
  durationSeconds: number;
  thumbnails?: { intervalSeconds: number; count: number; sheets: Array<{ bytes: number }>; metadataUrl: string; webvttUrl: string; bifUrl: string; hlsPlaylistUrl: string };
  iFramePlaylists?: Array<{ url: string; bandwidth: number; averageBandwidth: number; width?: number; height?: number }>;
}

const size = (dir: string, url: string) => statSync(join(dir, url)).size;

/**
 * Bytes of every format for one packaged title, from packaging.json and the files:
 * sheets + metadata JSON (sprites), sheets + .vtt (WebVTT), the .bif (BIF), the sheets
 * (DASH: the AdaptationSet is a few hundred bytes of the MPD), sheets + image playlist
 * (HLS), and the I-frames of the lowest and highest rungs (all byte ranges + playlist).
 */
export function titleBytes(titleId: string, titleDir: string): TitleBytes | undefined {
  const summary = JSON.parse(readFileSync(join(titleDir, 'packaging.json'), 'utf8')) as Summary;
  const t = summary.thumbnails;
  if (!t) return undefined;
  const sheets = t.sheets.reduce((sum, s) => sum + s.bytes, 0);
  const bytes: Record<string, number> = {
    'sprite JSON': sheets + size(titleDir, t.metadataUrl),
    WebVTT: sheets + size(titleDir, t.webvttUrl),
    BIF: size(titleDir, t.bifUrl),
    'DASH image set': sheets,
    'HLS image playlist': sheets + size(titleDir, t.hlsPlaylistUrl),
  };
  const iFrames = (summary.iFramePlaylists ?? []).slice().sort((a, b) => a.bandwidth - b.bandwidth);
  for (const [label, playlist] of [['I-frames (lowest rung)', iFrames[0]], ['I-frames (highest rung)', iFrames[iFrames.length - 1]]] as const) {
    if (!playlist) continue;
    const text = readFileSync(join(titleDir, playlist.url), 'utf8');
    let total = text.length;
    for (const m of text.matchAll(/#EXT-X-BYTERANGE:(\d+)/g)) total += Number(m[1]);
    bytes[`${label} ${playlist.height ?? ''}p`] = total;
  }
  const perHour: Record<string, number> = {};
  for (const [format, value] of Object.entries(bytes)) perHour[format] = (value * 3600) / summary.durationSeconds;
  return { titleId, durationSeconds: summary.durationSeconds, thumbnails: t.count, intervalSeconds: t.intervalSeconds, perHour };
}
