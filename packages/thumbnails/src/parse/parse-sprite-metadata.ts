import { MAX_CUES, guarded, thumbnailsInvalid } from '../errors';
import type { ThumbnailCue, ThumbnailImage, ThumbnailIndex } from '../types';
import { resolveImageUrl } from './resolve-image-url';

const FORMAT = 'sprites';

function count(json: Record<string, unknown>, key: string, max: number, fallback?: number): number {
  const value = json[key] === undefined ? fallback : json[key];
  if (typeof value !== 'number' || !(value >= 1 && value <= max) || Math.floor(value) !== value) throw thumbnailsInvalid(FORMAT, key + ' must be an integer from 1 to ' + max);
  return value;
}

/**
 * The sprite metadata JSON of the design seeds (§2.5.1): `thumbnail_interval`,
 * `thumbnail_width`/`_height`, `sprite_columns`/`_rows`, `total_thumbnails`,
 * `thumbnails_per_sprite`, `base_url`; sheets are `<base_url>sprite_NN.jpg` unless a
 * `sprites` list names them; an optional `duration` ends the last span. Thumbnail i
 * covers [i·interval, (i+1)·interval) and sits in sheet ⌊i / per sprite⌋, row-major.
 * Throws TesseraError THUMBNAILS_INVALID.
 */
export function parseSpriteMetadata(input: string | object, url: string): ThumbnailIndex {
  return guarded(FORMAT, () => {
    let json: unknown = input;
    if (typeof input === 'string') {
      try {
        json = JSON.parse(input);
      } catch {
        throw thumbnailsInvalid(FORMAT, 'not JSON');
      }
    }
    if (!json || typeof json !== 'object' || Array.isArray(json)) throw thumbnailsInvalid(FORMAT, 'not a JSON object');
    const meta = json as Record<string, unknown>;
    const interval = meta.thumbnail_interval;
    if (typeof interval !== 'number' || !(interval > 0 && interval < 1e6)) throw thumbnailsInvalid(FORMAT, 'thumbnail_interval must be a positive number');
    const width = count(meta, 'thumbnail_width', 16384);
    const height = count(meta, 'thumbnail_height', 16384);
    const columns = count(meta, 'sprite_columns', 1000);
    const rows = count(meta, 'sprite_rows', 1000);
    const perSprite = count(meta, 'thumbnails_per_sprite', columns * rows, columns * rows);
    const total = count(meta, 'total_thumbnails', MAX_CUES);
    const duration = typeof meta.duration === 'number' && meta.duration > 0 ? meta.duration : total * interval;
    const base = resolveImageUrl(url, typeof meta.base_url === 'string' ? meta.base_url : '');
    if (base === undefined) throw thumbnailsInvalid(FORMAT, 'base_url is not http(s)');
    const names = Array.isArray(meta.sprites) ? meta.sprites : [];
    const images: ThumbnailImage[] = [];
    const sheets = Math.ceil(total / perSprite);
    for (let s = 0; s < sheets; s++) {
      const name = typeof names[s] === 'string' ? (names[s] as string) : 'sprite_' + (s < 10 ? '0' : '') + s + '.jpg';
      const sheetUrl = resolveImageUrl(base, name);
      if (sheetUrl === undefined) throw thumbnailsInvalid(FORMAT, 'sprite ' + s + ' is not http(s)');
      images.push({ url: sheetUrl });
    }
    const cues: ThumbnailCue[] = [];
    for (let i = 0; i < total; i++) {
      const start = i * interval;
      if (start >= duration) break;
      const k = i % perSprite;
      cues.push({
        startTime: start,
        endTime: Math.min(start + interval, duration),
        image: (i - k) / perSprite,
        rect: { x: (k % columns) * width, y: Math.floor(k / columns) * height, width, height },
      });
    }
    return { format: FORMAT, cues, images };
  });
}
