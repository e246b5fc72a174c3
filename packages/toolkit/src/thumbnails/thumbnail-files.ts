/** Output directory of every thumbnail file, under the title root. */
export const THUMBNAIL_DIRECTORY = 'thumbnails';

/** The seeds' sheet names: sprite_00.jpg, sprite_01.jpg... */
export function sheetName(index: number): string {
  return `sprite_${String(index).padStart(2, '0')}.jpg`;
}

/** The same names as a DASH SegmentTemplate@media (ISO/IEC 23009-1 §5.3.9.4.4 format tag), numbered from 0. */
export const SHEET_TEMPLATE = 'sprite_$Number%02d$.jpg';

/** Bumped whenever trick-play output changes for the same inputs (part of `tessera sample`'s cache key). */
export const TRICK_PLAY_VERSION = 2;
