import { readFileSync } from 'node:fs';
import { SAMPLE_DIR } from './global-setup';

export interface SampleTitle {
  id: string;
  kind: 'movie' | 'episode' | 'reference';
  packager: 'tessera' | 'ffmpeg';
  durationSeconds: number;
  manifests: { dash: string; hls: string };
  languages: { audio: string[]; subtitles: string[] };
  video: { width: number; height: number; renditions: number };
  markers?: { introStart?: number; introEnd?: number; creditsStart?: number };
  /** Thumbnail files relative to catalog.json, when the title has them. */
  thumbnails?: Record<string, string>;
  drm?: Record<string, unknown>;
}

/** The sample catalog made by `tessera sample` in global setup. */
export function sampleCatalog(): { titles: SampleTitle[] } {
  return JSON.parse(readFileSync(`${SAMPLE_DIR}/catalog.json`, 'utf8')) as { titles: SampleTitle[] };
}

export function sampleTitle(predicate: (t: SampleTitle) => boolean): SampleTitle {
  const title = sampleCatalog().titles.find(predicate);
  if (!title) throw new Error('sample catalog has no such title');
  return title;
}
