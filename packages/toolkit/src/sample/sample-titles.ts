import { DEFAULT_LADDER, type LadderRung } from '../package/ladder';

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
  ];
}
