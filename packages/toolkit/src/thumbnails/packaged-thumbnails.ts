import type { ThumbnailOptions } from './thumbnail-options';

/** One sprite sheet as written (URLs relative to the title root, like packaging.json's). */
export interface PackagedThumbnailSheet {
  url: string;
  bytes: number;
  /** Time of the sheet's first tile, seconds. */
  startSeconds: number;
  /** Time its tiles cover (the last sheet ends at the title's end). */
  durationSeconds: number;
  /** Tiles used (the last sheet may be partly empty, padded black). */
  tiles: number;
}

/** What `tessera package --thumbnails` made, in packaging.json under `thumbnails`. */
export interface PackagedThumbnails extends ThumbnailOptions {
  /** Thumbnails (tiles, and BIF images). */
  count: number;
  /** Presentation time the thumbnails cover: [0, durationSeconds). */
  durationSeconds: number;
  sheets: PackagedThumbnailSheet[];
  /** The seeds' sprite metadata JSON. */
  metadataUrl: string;
  /** WebVTT thumbnail track (`sprite_00.jpg#xywh=x,y,w,h`). */
  webvttUrl: string;
  /** Roku BIF with one JPEG per thumbnail. */
  bifUrl: string;
  bifBytes: number;
  /** HLS image media playlist (EXT-X-IMAGES-ONLY, EXT-X-TILES). */
  hlsPlaylistUrl: string;
  /** Peak bits per second of the sheets over the time they cover (HLS BANDWIDTH, DASH @bandwidth). */
  bandwidth: number;
}

/** One HLS I-frame playlist (EXT-X-I-FRAMES-ONLY) per video representation. */
export interface PackagedIFramePlaylist {
  representationId: string;
  url: string;
  codecs: string;
  width?: number;
  height?: number;
  /** Peak I-frame bits over the time until the next one, bits/s (RFC 8216 §4.3.4.3 BANDWIDTH). */
  bandwidth: number;
  averageBandwidth: number;
  iFrames: number;
}
