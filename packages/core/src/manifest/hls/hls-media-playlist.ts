import type { DrmInfo, InitSegment, ParseWarning, Segment, SwitchingSet } from '../../model';

/** A parsed HLS media playlist (RFC 8216 §4.3.3), as the engine needs it to play and refresh. */
export interface HlsMediaPlaylist {
  segments: Segment[];
  /** EXT-X-TARGETDURATION, seconds (recovered from the longest segment when missing or invalid). */
  targetDuration: number;
  /** EXT-X-MEDIA-SEQUENCE: the number of the first segment (before any EXT-X-SKIP). */
  mediaSequence: number;
  /** EXT-X-DISCONTINUITY-SEQUENCE. */
  discontinuitySequence: number;
  /** EXT-X-ENDLIST: no segment will be added. Without it the playlist is live: refresh every targetDuration. */
  endList: boolean;
  playlistType?: 'VOD' | 'EVENT';
  /** The first EXT-X-MAP (each segment carries its own in `init`). */
  map?: InitSegment;
  /** EXT-X-TILES of image playlists; durationSeconds is per tile. */
  tiles?: NonNullable<SwitchingSet['tiles']>;
  iFramesOnly: boolean;
  /** EXT-X-IMAGES-ONLY (image playlists). */
  imagesOnly: boolean;
  /** What the kept segments are: CMAF fragments, WebVTT files or image tiles. */
  segmentFormat: 'fmp4' | 'webvtt' | 'image';
  /** Sum of EXTINF durations of the listed segments, seconds. */
  totalDuration: number;
  /** DRM from EXT-X-KEY with SAMPLE-AES, SAMPLE-AES-CTR or ISO-23001-7 (AES-128 stays in Segment.key only). */
  drm: DrmInfo[];
  /** EXT-X-SKIP SKIPPED-SEGMENTS (delta update): the first listed segment is number mediaSequence + skippedSegments. */
  skippedSegments: number;
  independentSegments: boolean;
  version?: number;
  /** EXT-X-START. */
  start?: { timeOffset: number; precise: boolean };
  /** EXT-X-SERVER-CONTROL (seconds). */
  serverControl?: { canBlockReload: boolean; canSkipUntil?: number; holdBack?: number; partHoldBack?: number };
  /** EXT-X-PART-INF PART-TARGET (LL-HLS parts are not listed: whole segments only). */
  partTargetDuration?: number;
  warnings: ParseWarning[];
}

/** Where this playlist sits on the presentation timeline. */
export interface HlsPlaylistContext {
  /** Added to every segment's discontinuity number (default 0). */
  discontinuityStart?: number;
  /** Presentation time (s) of the first listed segment (default 0). For a refresh, the engine passes the time of that segment number. */
  startTime?: number;
  /** Cap on listed segments (default 100000): VOD beyond it fails with TOO_MANY_SEGMENTS, live keeps the newest. */
  maxSegments?: number;
}
