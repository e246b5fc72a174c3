/**
 * The presentation model: what `parseManifest()` returns for DASH and HLS alike,
 * and what the engine, DRM, thumbnails and ABR consume. Plain data, DOM-free.
 *
 * Times are seconds on one presentation timeline (multi-Period DASH is
 * flattened: each Segment's startTime/endTime already include its Period's
 * start). Bandwidths are bits per second.
 */

export type Protocol = 'dash' | 'hls';
export type ContentType = 'video' | 'audio' | 'text' | 'image';

/** Inclusive byte range, as in an HTTP Range header. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface InitSegment {
  /** Candidate URLs in preference order (BaseURL/CDN alternatives for failover). */
  urls: string[];
  byteRange?: ByteRange;
}

/** HLS EXT-X-KEY in effect for a segment (kept for DRM; AES-128 whole-segment is not supported). */
export interface SegmentKey {
  method: 'NONE' | 'AES-128' | 'SAMPLE-AES' | 'SAMPLE-AES-CTR' | 'ISO-23001-7' | string;
  uri?: string;
  iv?: string;
  keyFormat?: string;
  keyFormatVersions?: string;
}

export interface Segment {
  /** Presentation time (s) where this segment starts. */
  startTime: number;
  /** Presentation time (s) where this segment ends. */
  endTime: number;
  /** Candidate URLs in preference order. */
  urls: string[];
  byteRange?: ByteRange;
  init?: InitSegment;
  /**
   * Seconds added to media timestamps to place them on the presentation timeline
   * (SourceBuffer.timestampOffset). DASH: periodStart - presentationTimeOffset.
   * `undefined` (HLS): derive from the media's first `tfdt` after a discontinuity.
   */
  timestampOffset?: number;
  /** $Number$ (DASH) or media sequence number (HLS). */
  number: number;
  /** Period index (DASH) or discontinuity sequence (HLS): a change means a new timeline/init. */
  discontinuity: number;
  key?: SegmentKey;
  /** EXT-X-PROGRAM-DATE-TIME as epoch ms. */
  programDateTimeMs?: number;
  /** Size when known from a byte range or sidx; ABR uses it. */
  sizeBytes?: number;
  /** HLS EXT-X-GAP: the segment is missing on the server; do not request it. */
  gap?: boolean;
}

/** A part of a representation's segment index, one per Period (DASH) or one per playlist (HLS). */
export type SegmentIndexPart =
  | { kind: 'segments'; segments: Segment[] }
  | {
      /** DASH SegmentBase: segments come from the `sidx` box of the media, fetched by the engine. */
      kind: 'sidx';
      urls: string[];
      /** indexRange; when absent the engine fetches the first bytes and looks for sidx. */
      indexRange?: ByteRange;
      /**
       * DASH RepresentationIndex@sourceURL: the sidx lives in this separate resource
       * (at indexRange when given) instead of in `urls`. Byte offsets in it still refer to `urls`.
       */
      indexUrls?: string[];
      init?: InitSegment;
      periodStart: number;
      periodEnd: number;
      /** Seconds; subtracted from media time. */
      presentationTimeOffset: number;
      discontinuity: number;
    }
  | {
      /** HLS multivariant entry: the media playlist must be fetched and parsed. */
      kind: 'hls-playlist';
      url: string;
    };

export interface DrmInitData {
  /** 'cenc' (pssh boxes), 'keyids' (JSON), 'sinf', 'skd' (FairPlay) */
  type: string;
  data: Uint8Array;
}

export interface DrmInfo {
  /** EME key system when known, e.g. 'com.widevine.alpha', 'org.w3.clearkey'. */
  keySystem?: string;
  /** DASH ContentProtection@schemeIdUri, or `hls:<KEYFORMAT>` for HLS. */
  schemeIdUri: string;
  encryptionScheme?: 'cenc' | 'cbcs' | 'cens' | 'cbc1';
  /** Lower-case hex, no dashes. */
  defaultKeyIds: string[];
  initData: DrmInitData[];
  licenseServerUrl?: string;
  /** HLS EXT-X-KEY / EXT-X-SESSION-KEY attributes. */
  hlsKey?: SegmentKey;
}

export interface Representation {
  id: string;
  /** bits per second */
  bandwidth: number;
  averageBandwidth?: number;
  mimeType: string;
  codecs: string;
  width?: number;
  height?: number;
  frameRate?: number;
  audioSamplingRate?: number;
  channels?: number;
  segmentIndex: SegmentIndexPart[];
  drm: DrmInfo[];
  /** HLS: rendition groups this variant refers to. */
  audioGroupId?: string;
  subtitleGroupId?: string;
  /** HLS content steering PATHWAY-ID. */
  pathwayId?: string;
}

export interface SwitchingSet {
  id: string;
  type: ContentType;
  mimeType: string;
  codecs: string;
  language?: string;
  label?: string;
  /** DASH Role values / HLS CHARACTERISTICS. */
  roles: string[];
  /** DASH Accessibility descriptors (e.g. urn:tva:metadata:cs:AudioPurposeCS:2007 value 1 = audio description). */
  accessibility?: Array<{ schemeIdUri: string; value?: string }>;
  /** HLS DEFAULT=YES / DASH Role main. */
  isDefault: boolean;
  /** HLS GROUP-ID (audio/subtitles). */
  groupId?: string;
  channels?: number;
  /** Thumbnail tiles (DASH http://dashif.org/thumbnail_tile, HLS EXT-X-TILES). */
  tiles?: { columns: number; rows: number; width?: number; height?: number; durationSeconds?: number };
  representations: Representation[];
  drm: DrmInfo[];
}

export interface PeriodInfo {
  id: string;
  start: number;
  duration: number;
}

export interface LiveInfo {
  /** DASH availabilityStartTime as epoch ms (0 for HLS). */
  availabilityStartTimeMs: number;
  /** DASH timeShiftBufferDepth / HLS window length, seconds. */
  timeShiftBufferDepth: number;
  /** Seconds between manifest/playlist refreshes (minimumUpdatePeriod / target duration). */
  refreshIntervalSeconds: number;
  suggestedPresentationDelay: number;
  /** The presentation ends: MPD became static / EXT-X-ENDLIST. */
  ended: boolean;
  /** DASH UTCTiming descriptors, for the engine's clock synchronisation. */
  utcTiming?: Array<{ schemeIdUri: string; value: string }>;
}

export interface ContentSteering {
  serverUri: string;
  defaultPathwayId?: string;
  queryBeforeStart?: boolean;
  proxyServerUri?: string;
}

export interface IFrameStream {
  url: string;
  bandwidth: number;
  codecs: string;
  width?: number;
  height?: number;
}

export interface ManifestEvent {
  schemeIdUri: string;
  value?: string;
  id?: string;
  startTime: number;
  duration: number;
  messageData?: string;
}

export interface ParseWarning {
  /** What was recovered from, e.g. 'missing-target-duration'. */
  kind: string;
  detail: string;
}

export interface Presentation {
  protocol: Protocol;
  url: string;
  /** Seconds; Infinity for live presentations with no known end. */
  duration: number;
  /** Present for dynamic MPDs and HLS playlists without EXT-X-ENDLIST. */
  live?: LiveInfo;
  periods: PeriodInfo[];
  switchingSets: SwitchingSet[];
  /** Presentation-level DRM (HLS EXT-X-SESSION-KEY). */
  drm: DrmInfo[];
  steering?: ContentSteering;
  /** DASH BaseURL@serviceLocation order, parallel to Segment.urls candidates. */
  pathways?: string[];
  sessionData: Array<{ dataId: string; value?: string; uri?: string; language?: string }>;
  iFrameStreams: IFrameStream[];
  /** DASH Location elements (refresh URL). */
  locations: string[];
  events: ManifestEvent[];
  minBufferTime?: number;
  warnings: ParseWarning[];
}
