import type { ByteRange } from '@tessera/core';

/** Where a thumbnail track came from. */
export type ThumbnailFormat = 'sprites' | 'webvtt' | 'bif' | 'dash' | 'hls';

/** A tile's rectangle inside its image, pixels. */
export interface TileRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One image to load: a sprite sheet, a DASH/HLS tile image, or one BIF frame (a byte range of the BIF). */
export interface ThumbnailImage {
  url: string;
  byteRange?: ByteRange;
  /** The bytes, when they came with the index (a small BIF read in one go). */
  data?: Uint8Array;
}

/** One thumbnail: the time span it stands for and where its picture is. */
export interface ThumbnailCue {
  /** Seconds. */
  startTime: number;
  endTime: number;
  /** Index into {@link ThumbnailIndex.images}. */
  image: number;
  /** Absent: the whole image (BIF frames, untiled images). */
  rect?: TileRect;
}

/** A parsed thumbnail track, whatever the format: cues sorted by start time. Plain data. */
export interface ThumbnailIndex {
  format: ThumbnailFormat;
  cues: ThumbnailCue[];
  images: ThumbnailImage[];
}

/** What `getThumbnail(time)` gives: a loaded image reference, the tile in it, the span it covers. */
export interface Thumbnail {
  /** Object URL of the loaded image (or what `createUrl` made). */
  url: string;
  rect?: TileRect;
  startTime: number;
  endTime: number;
  /** Index of the cue in the track. */
  cue: number;
}

/** A request that can be cancelled; `abort()` rejects `promise` with ABORTED. */
export interface Abortable<T> {
  promise: Promise<T>;
  abort(): void;
}

/**
 * How thumbnails are downloaded: text (playlists, JSON, WebVTT) and bytes (images,
 * BIF ranges). {@link networkFetcher} adapts a core NetworkEngine; tests pass a fake.
 */
export interface ThumbnailFetcher {
  text(url: string): Abortable<{ text: string; url: string }>;
  /** `totalBytes`: the resource's full size when the response told it (Content-Range / Content-Length). */
  bytes(url: string, byteRange?: ByteRange): Abortable<{ data: Uint8Array; totalBytes?: number }>;
}
