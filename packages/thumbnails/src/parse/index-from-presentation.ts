import { parseHlsMediaPlaylist, type Presentation, type Representation, type Segment } from '@tessera/core';
import { guarded, thumbnailsInvalid } from '../errors';
import type { ThumbnailIndex } from '../types';
import { indexFromSegments, type Tiles } from './index-from-segments';

/**
 * The image track of a presentation the player loaded: the DASH image
 * AdaptationSet (its segments are in the model) or the HLS image playlist (named by
 * EXT-X-IMAGE-STREAM-INF, fetched with `fetchText`). The representation whose tile
 * width is nearest `preferredTileWidth` is chosen. Undefined when there is no image set.
 */
export async function indexFromPresentation(
  presentation: Presentation,
  fetchText: (url: string) => Promise<{ text: string; url: string }>,
  preferredTileWidth = 320,
): Promise<ThumbnailIndex | undefined> {
  let set;
  for (let i = 0; i < presentation.switchingSets.length && !set; i++) if (presentation.switchingSets[i]!.type === 'image') set = presentation.switchingSets[i];
  if (!set || !set.representations.length) return undefined;
  const tiles = set.tiles;
  const columns = tiles ? tiles.columns : 1;
  const rows = tiles ? tiles.rows : 1;
  const hls = presentation.protocol === 'hls';
  // HLS RESOLUTION is a tile's; a DASH Representation's width/height are a whole image's.
  const tileWidth = (rep: Representation) => (rep.width || 0) / (hls ? 1 : columns);
  let rep = set.representations[0]!;
  for (const r of set.representations) if (Math.abs(tileWidth(r) - preferredTileWidth) < Math.abs(tileWidth(rep) - preferredTileWidth)) rep = r;
  const width = tileWidth(rep) || undefined;
  const height = (rep.height || 0) / (hls ? 1 : rows) || undefined;
  const part = rep.segmentIndex[0];
  if (part && part.kind === 'hls-playlist') {
    const response = await fetchText(part.url);
    const playlist = guarded('hls', () => parseHlsMediaPlaylist(response.text, response.url));
    return indexFromSegments('hls', playlist.segments, playlist.tiles || tiles, width, height);
  }
  const segments: Segment[] = [];
  for (const p of rep.segmentIndex) {
    if (p.kind !== 'segments') throw thumbnailsInvalid('dash', 'image Representation without a SegmentTemplate');
    for (const s of p.segments) segments.push(s);
  }
  return indexFromSegments(hls ? 'hls' : 'dash', segments, tiles as Tiles | undefined, width, height);
}
