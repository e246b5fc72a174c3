import type { Segment, SwitchingSet } from '@tessera/core';
import { MAX_CUES, thumbnailsInvalid } from '../errors';
import type { ThumbnailCue, ThumbnailFormat, ThumbnailImage, ThumbnailIndex } from '../types';

export type Tiles = NonNullable<SwitchingSet['tiles']>;

/**
 * Image segments (DASH image AdaptationSet, HLS image playlist) → cues. Each segment
 * is one image holding columns × rows tiles, row-major, each standing for
 * `tiles.durationSeconds` (else the segment's duration over the tile count) from the
 * segment start, up to the segment end (a last, partly filled sheet has fewer).
 * DASH-IF IOP v4.3 §6.2.6; the HLS Image Media Playlist EXT-X-TILES.
 * `tileWidth`/`tileHeight`: one tile's size when `tiles` lacks it.
 */
export function indexFromSegments(format: ThumbnailFormat, segments: ReadonlyArray<Segment>, tiles: Tiles | undefined, tileWidth?: number, tileHeight?: number): ThumbnailIndex {
  const columns = tiles ? tiles.columns : 1;
  const rows = tiles ? tiles.rows : 1;
  const perImage = columns * rows;
  const width = tiles && tiles.width ? tiles.width : tileWidth;
  const height = tiles && tiles.height ? tiles.height : tileHeight;
  if (perImage > 1 && !(width! > 0 && height! > 0)) throw thumbnailsInvalid(format, 'tile size unknown');
  const images: ThumbnailImage[] = [];
  const cues: ThumbnailCue[] = [];
  for (let s = 0; s < segments.length; s++) {
    const segment = segments[s]!;
    const url = segment.urls[0];
    const span = segment.endTime - segment.startTime;
    if (!url || !(span > 0) || segment.gap) continue;
    const image = images.length;
    images.push(segment.byteRange ? { url, byteRange: segment.byteRange } : { url });
    const each = tiles && tiles.durationSeconds! > 0 ? tiles.durationSeconds! : span / perImage;
    for (let k = 0; k < perImage; k++) {
      const start = segment.startTime + k * each;
      if (start >= segment.endTime - 1e-6) break;
      const cue: ThumbnailCue = { startTime: start, endTime: Math.min(start + each, segment.endTime), image };
      if (perImage > 1) cue.rect = { x: (k % columns) * width!, y: Math.floor(k / columns) * height!, width: width!, height: height! };
      cues.push(cue);
      if (cues.length > MAX_CUES) throw thumbnailsInvalid(format, 'more than ' + MAX_CUES + ' tiles');
    }
  }
  if (!cues.length) throw thumbnailsInvalid(format, 'no image segment');
  return { format, cues, images };
}
