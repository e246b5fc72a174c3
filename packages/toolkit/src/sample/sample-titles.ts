import { DEFAULT_LADDER, type LadderRung } from '../package/ladder';
import type { EncryptionScheme } from '../encrypt/cenc-boxes';
import type { KeyScope } from '../encrypt/encryption-plan';

export interface TitleMarkers {
  /** Seconds. */
  introStart: number;
  introEnd: number;
  creditsStart: number;
}

export interface SampleTitleSpec {
  id: string;
  title: string;
  kind: 'movie' | 'episode' | 'reference';
  /** Output directory relative to the catalog root. */
  directory: string;
  width: number;
  height: number;
  fps: number;
  durationSeconds: number;
  /** testsrc2 pattern offset so episodes look different. */
  hue: number;
  seriesId?: string;
  episodeNumber?: number;
  markers?: TitleMarkers;
  ladder: ReadonlyArray<LadderRung>;
  /** Packaged with Common Encryption and ClearKey signalling (keys.json next to the manifests). */
  encryption?: { scheme: EncryptionScheme; keyScope: KeyScope };
}

export const SAMPLE_SERIES = { id: 'series', title: 'Tessera Sample Series' };

/** Audio of every sample source: one tone per language, tagged ISO 639-2. */
export const SAMPLE_AUDIO = [
  { language: 'eng', frequencyHz: 440 },
  { language: 'fra', frequencyHz: 660 },
] as const;

/** The sample catalog: a 2-minute 1080p movie, a 3-episode 720p series with markers, and a short reference title. */
export function sampleTitles(): SampleTitleSpec[] {
  const episodes: SampleTitleSpec[] = [1, 2, 3].map((n) => ({
    id: `series-e${n}`,
    title: `Episode ${n}`,
    kind: 'episode',
    directory: `series/episode-${n}`,
    width: 1280,
    height: 720,
    fps: 24,
    durationSeconds: 90,
    hue: n * 90,
    seriesId: SAMPLE_SERIES.id,
    episodeNumber: n,
    markers: { introStart: 4 + n, introEnd: 19 + n, creditsStart: 78 + n },
    ladder: DEFAULT_LADDER,
  }));
  return [
    { id: 'movie', title: 'Tessera Sample Movie', kind: 'movie', directory: 'movie', width: 1920, height: 1080, fps: 24, durationSeconds: 120, hue: 0, ladder: DEFAULT_LADDER },
    ...episodes,
    {
      id: 'reference', title: 'Reference (ffmpeg muxers)', kind: 'reference', directory: 'reference', width: 1280, height: 720, fps: 24,
      durationSeconds: 30, hue: 200, ladder: [{ height: 360, bitrateKbps: 600 }, { height: 720, bitrateKbps: 2000 }],
    },
    // ClearKey-protected titles, short to keep the cold sample run fast: 'cenc' (a video and an
    // audio key), 'cbcs' (one key), and 'cenc' with a key per quality group (audio, SD, HD), so
    // switching rungs switches keys (keys on the DASH Representations).
    {
      id: 'drm-cenc', title: 'ClearKey cenc', kind: 'movie', directory: 'drm/cenc', width: 1280, height: 720, fps: 24,
      durationSeconds: 32, hue: 300, encryption: { scheme: 'cenc', keyScope: 'type' },
      ladder: [{ height: 360, bitrateKbps: 600 }, { height: 540, bitrateKbps: 1200 }, { height: 720, bitrateKbps: 2000 }],
    },
    {
      id: 'drm-cbcs', title: 'ClearKey cbcs', kind: 'movie', directory: 'drm/cbcs', width: 960, height: 540, fps: 24,
      durationSeconds: 32, hue: 60, encryption: { scheme: 'cbcs', keyScope: 'title' },
      ladder: [{ height: 360, bitrateKbps: 600 }, { height: 540, bitrateKbps: 1200 }],
    },
    {
      id: 'drm-multikey', title: 'ClearKey cenc, keys per quality', kind: 'movie', directory: 'drm/multikey', width: 960, height: 540, fps: 24,
      durationSeconds: 16, hue: 150, encryption: { scheme: 'cenc', keyScope: 'quality' },
      ladder: [{ height: 360, bitrateKbps: 500 }, { height: 540, bitrateKbps: 1000 }],
    },
  ];
}
