/**
 * What an HLS segment is, from its EXT-X-MAP and file extension. RFC 8216 §3: segments
 * without EXT-X-MAP are MPEG-TS unless they are packed audio or WebVTT, so an unknown
 * extension without a map counts as TS.
 */
export type HlsSegmentFormat = 'fmp4' | 'webvtt' | 'image' | 'ts' | 'packed-audio';

/** File extensions of segments without EXT-X-MAP that are not MPEG-TS. */
const EXTENSION_FORMATS: Array<[HlsSegmentFormat, RegExp]> = [
  ['fmp4', /^(mp4|m4s|m4f|m4v|m4a|cmfv|cmfa|cmft|mp4a)$/],
  ['webvtt', /^(vtt|webvtt)$/],
  ['image', /^(jpg|jpeg|png|webp)$/],
  ['packed-audio', /^(aac|mp3|ac3|ec3)$/],
];

export function extensionOf(url: string): string {
  let end = url.length;
  const q = url.indexOf('?');
  const h = url.indexOf('#');
  if (q >= 0) end = q;
  if (h >= 0 && h < end) end = h;
  const path = url.slice(0, end);
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') ? path.slice(dot + 1).toLowerCase() : '';
}

export function segmentFormat(url: string, hasMap: boolean, imagesOnly: boolean): HlsSegmentFormat {
  if (hasMap) return 'fmp4';
  if (imagesOnly) return 'image';
  const ext = extensionOf(url);
  for (let k = 0; k < EXTENSION_FORMATS.length; k++) if (EXTENSION_FORMATS[k][1].test(ext)) return EXTENSION_FORMATS[k][0];
  return 'ts';
}
