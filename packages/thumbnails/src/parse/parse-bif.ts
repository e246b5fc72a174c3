import { MAX_CUES, guarded, thumbnailsInvalid } from '../errors';
import type { ThumbnailCue, ThumbnailImage, ThumbnailIndex } from '../types';

const FORMAT = 'bif';
const MAGIC = [0x89, 0x42, 0x49, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
/** Header size; the index starts here. */
export const BIF_INDEX_OFFSET = 64;

function u32(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16)) + bytes[at + 3]! * 0x1000000;
}

export interface BifHeader {
  /** Number of images (index entries before the end marker). */
  count: number;
  /** Milliseconds per timestamp unit. */
  multiplierMs: number;
  /** First byte after the index (header + (count + 1) × 8). */
  indexEnd: number;
}

/**
 * The 64-byte BIF header (Roku trick-mode BIF layout, little-endian): magic
 * 89 42 49 46 0D 0A 1A 0A, version 0 at byte 8, image count at 12, timestamp
 * multiplier in ms at 16 (0 means 1000). Throws THUMBNAILS_INVALID.
 */
export function parseBifHeader(bytes: Uint8Array): BifHeader {
  return guarded(FORMAT, () => {
    if (!(bytes instanceof Uint8Array) || bytes.length < BIF_INDEX_OFFSET) throw thumbnailsInvalid(FORMAT, 'truncated header');
    for (let i = 0; i < 8; i++) if (bytes[i] !== MAGIC[i]) throw thumbnailsInvalid(FORMAT, 'not a BIF file (magic)');
    const version = u32(bytes, 8);
    if (version !== 0) throw thumbnailsInvalid(FORMAT, 'unsupported version ' + version);
    const count = u32(bytes, 12);
    if (count > MAX_CUES) throw thumbnailsInvalid(FORMAT, 'image count ' + count + ' over the limit');
    return { count, multiplierMs: u32(bytes, 16) || 1000, indexEnd: BIF_INDEX_OFFSET + (count + 1) * 8 };
  });
}

/**
 * A BIF's index → one cue per image, each image a byte range of the BIF at `url`.
 * `bytes` holds at least the header and index (the start of the file); without
 * `totalBytes` it is the whole file (Infinity: a prefix of a file of unknown size). Bounds are checked: index entries
 * whose offsets point inside the header/index, backwards or past the end of the
 * file are dropped (a lying index), timestamps must increase, the index ends at the
 * 0xFFFFFFFF marker or after `count` entries. An image's span ends where the next
 * one starts; the last one's lasts as long as the one before (or `lastSpanSeconds`).
 * Bytes of images inside `bytes` come along as `data` (nothing to download).
 * Throws THUMBNAILS_INVALID (truncated header or index, no usable image).
 */
export function parseBif(bytes: Uint8Array, url: string, options: { totalBytes?: number; lastSpanSeconds?: number } = {}): ThumbnailIndex {
  return guarded(FORMAT, () => {
    const header = parseBifHeader(bytes);
    if (bytes.length < header.indexEnd) throw thumbnailsInvalid(FORMAT, 'truncated index');
    const total = options.totalBytes || 0;
    const size = total > bytes.length ? total : bytes.length;
    // Index entries: count images, then the end marker whose offset ends the last image.
    const times: number[] = [];
    const offsets: number[] = [];
    for (let i = 0; i <= header.count; i++) {
      const at = BIF_INDEX_OFFSET + i * 8;
      const stamp = u32(bytes, at);
      offsets.push(u32(bytes, at + 4));
      if (stamp === 0xffffffff) break;
      times.push((stamp * header.multiplierMs) / 1000);
    }
    const images: ThumbnailImage[] = [];
    const cues: ThumbnailCue[] = [];
    let lastTime = -1;
    for (let i = 0; i < times.length; i++) {
      const start = offsets[i]!;
      // The image ends where the next one starts; past a lying entry, at the next offset that is further on.
      let end = offsets[i + 1]!;
      for (let j = i + 2; end <= start && j < offsets.length && j < i + 16; j++) end = offsets[j]!;
      if (!(start >= header.indexEnd && end > start && end <= size && times[i]! > lastTime)) continue;
      lastTime = times[i]!;
      const image: ThumbnailImage = { url, byteRange: { start, end: end - 1 } };
      if (end <= bytes.length) image.data = bytes.subarray(start, end);
      cues.push({ startTime: lastTime, endTime: lastTime, image: images.length });
      images.push(image);
    }
    if (!cues.length) throw thumbnailsInvalid(FORMAT, 'no image with a valid index entry');
    for (let i = 0; i < cues.length; i++) {
      const next = cues[i + 1];
      const previous = cues[i - 1];
      cues[i]!.endTime = next ? next.startTime : cues[i]!.startTime + (options.lastSpanSeconds || (previous ? cues[i]!.startTime - previous.startTime : 10));
    }
    return { format: FORMAT, cues, images };
  });
}
