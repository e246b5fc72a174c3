import { parseWebVtt } from '@tessera/core';
import { MAX_CUES, guarded, thumbnailsInvalid } from '../errors';
import type { ThumbnailCue, ThumbnailImage, ThumbnailIndex, TileRect } from '../types';
import { resolveImageUrl } from './resolve-image-url';

const FORMAT = 'webvtt';
// Media Fragments URI 1.0 §4.2.1 spatial dimension, pixel unit ('pixel:' optional).
const XYWH = /^xywh=(?:pixel:)?(\d+(?:\.\d+)?),(\d+(?:\.\d+)?),(\d+(?:\.\d+)?),(\d+(?:\.\d+)?)$/;

/**
 * A WebVTT thumbnail track: each cue's payload is an image URL, optionally with a
 * `#xywh=x,y,w,h` media fragment naming the tile (`sprite.jpg#xywh=0,0,160,90`).
 * Tolerant like real-world files need: cues without a usable URL, with a percent or
 * malformed fragment, or with zero-size tiles are skipped; cues are sorted by start.
 * Throws TesseraError THUMBNAILS_INVALID when nothing usable is left.
 */
export function parseThumbnailVtt(text: string, url: string): ThumbnailIndex {
  return guarded(FORMAT, () => {
    let vttCues;
    try {
      vttCues = parseWebVtt(text, { url }).cues;
    } catch (error) {
      throw thumbnailsInvalid(FORMAT, error instanceof Error ? error.message : 'unparsable', error);
    }
    if (vttCues.length > MAX_CUES) throw thumbnailsInvalid(FORMAT, 'more than ' + MAX_CUES + ' cues');
    const images: ThumbnailImage[] = [];
    const imageOf: Record<string, number> = Object.create(null);
    const cues: ThumbnailCue[] = [];
    for (let c = 0; c < vttCues.length; c++) {
      const cue = vttCues[c]!;
      const payload = cue.text.split('\n')[0]!.trim();
      if (!payload || !(cue.endTime > cue.startTime)) continue;
      const hash = payload.indexOf('#');
      const imageUrl = resolveImageUrl(url, hash < 0 ? payload : payload.slice(0, hash));
      if (imageUrl === undefined) continue;
      let rect: TileRect | undefined;
      if (hash >= 0) {
        const m = XYWH.exec(payload.slice(hash + 1));
        if (!m) continue;
        rect = { x: +m[1]!, y: +m[2]!, width: +m[3]!, height: +m[4]! };
        if (!(rect.width > 0 && rect.height > 0)) continue;
      }
      let image = imageOf[imageUrl];
      if (image === undefined) {
        image = imageOf[imageUrl] = images.length;
        images.push({ url: imageUrl });
      }
      const out: ThumbnailCue = { startTime: cue.startTime, endTime: cue.endTime, image };
      if (rect) out.rect = rect;
      cues.push(out);
    }
    if (!cues.length) throw thumbnailsInvalid(FORMAT, 'no thumbnail cue with an http(s) image');
    cues.sort((a, b) => a.startTime - b.startTime);
    return { format: FORMAT, cues, images };
  });
}
