import type { TitleMarkers } from './sample-titles';

/** One playable title of catalog.json (schema documented in packages/toolkit/README.md). */
export interface CatalogTitle {
  id: string;
  title: string;
  kind: 'movie' | 'episode' | 'reference';
  /** 'tessera' (our CMAF packager) or 'ffmpeg' (ffmpeg's own dash/hls muxers). */
  packager: 'tessera' | 'ffmpeg';
  seriesId?: string;
  episodeNumber?: number;
  /** The next episode of the series (absent for the last). */
  nextEpisodeId?: string;
  durationSeconds: number;
  /** URLs relative to catalog.json. */
  manifests: { dash: string; hls: string };
  /** packaging.json of a title we packaged (segment sizes, bandwidths). */
  packaging?: string;
  /** Seconds; present for episodes. */
  markers?: TitleMarkers;
  /** BCP 47 codes. */
  languages: { audio: string[]; subtitles: string[] };
  video: { width: number; height: number; frameRate: string; renditions: number };
  /** Encrypted titles: how to get keys (ClearKey from `tessera serve --license-keys <catalog dir>`). */
  drm?: {
    scheme: 'cenc' | 'cbcs';
    keySystems: string[];
    /** Root-relative path of the licence route on `tessera serve` (also in the DASH manifest). */
    licensePath: string;
    /** keys.json, relative to catalog.json. Secret: for the licence server only. */
    keysFile: string;
    keys: Array<{ label: string; keyId: string }>;
  };
  /** Trick play files, URLs relative to catalog.json (titles we packaged). */
  thumbnails?: {
    intervalSeconds: number;
    /** The seeds' sprite metadata JSON. */
    sprites: string;
    webvtt: string;
    bif: string;
    /** HLS image media playlist (also listed in the multivariant playlist; the MPD has the DASH image AdaptationSet). */
    hlsImages: string;
    /** HLS I-frame playlists, lowest bandwidth first. */
    iFrames: string[];
  };
}

export interface CatalogSeries {
  id: string;
  title: string;
  /** Title IDs in episode order. */
  episodes: string[];
}

export interface Catalog {
  schemaVersion: 1;
  generator: string;
  titles: CatalogTitle[];
  series: CatalogSeries[];
}

/** Pure: assembles catalog.json from per-title entries (next-episode links filled in here). */
export function buildCatalog(titles: ReadonlyArray<CatalogTitle>, series: ReadonlyArray<{ id: string; title: string }>, generator: string): Catalog {
  const out: CatalogTitle[] = titles.map((title) => ({ ...title }));
  const catalogSeries: CatalogSeries[] = series.map((s) => {
    const episodes = out.filter((t) => t.kind === 'episode' && t.seriesId === s.id).sort((a, b) => (a.episodeNumber ?? 0) - (b.episodeNumber ?? 0));
    episodes.forEach((episode, i) => {
      const next = episodes[i + 1];
      if (next) episode.nextEpisodeId = next.id;
      else delete episode.nextEpisodeId;
    });
    return { id: s.id, title: s.title, episodes: episodes.map((e) => e.id) };
  });
  return { schemaVersion: 1, generator, titles: out, series: catalogSeries };
}
