/**
 * @tessera/thumbnails — trick play: one API for sprite JSON, WebVTT `#xywh`, Roku BIF,
 * DASH image AdaptationSets and HLS image playlists. The seek-bar preview and the TV
 * I-frame trick play are a separate entry (`src/ui/index.ts`), outside this one's size.
 */
export { loadThumbnails, loadIndex, type ThumbnailSource, type LoadThumbnailsOptions } from './load-thumbnails';
export { ThumbnailTrack, type ThumbnailTrackOptions } from './thumbnail-track';
export { parseSpriteMetadata } from './parse/parse-sprite-metadata';
export { parseThumbnailVtt } from './parse/parse-thumbnail-vtt';
export { parseBif, parseBifHeader, type BifHeader } from './parse/parse-bif';
export { indexFromSegments } from './parse/index-from-segments';
export { indexFromPresentation } from './parse/index-from-presentation';
export { findCue } from './find-cue';
export { LruCache } from './lru-cache';
export { networkFetcher } from './dom/network-fetcher';
export { objectUrls } from './dom/object-urls';
export type { Thumbnail, ThumbnailCue, ThumbnailImage, ThumbnailIndex, ThumbnailFormat, ThumbnailFetcher, TileRect, Abortable } from './types';
