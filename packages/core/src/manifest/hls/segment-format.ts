/**
 * What an HLS segment is, from its EXT-X-MAP and file extension. RFC 8216 §3: segments
 * without EXT-X-MAP are MPEG-TS unless they are packed audio or WebVTT, so an unknown
 * extension without a map counts as TS.
 */
export type HlsSegmentFormat = 'fmp4' | 'webvtt' | 'image' | 'ts' | 'packed-audio';

const EXTENSION_FORMAT: Record<string, HlsSegmentFormat> = {
  mp4: 'fmp4', m4s: 'fmp4', m4f: 'fmp4', m4v: 'fmp4', m4a: 'fmp4', cmfv: 'fmp4', cmfa: 'fmp4', cmft: 'fmp4', mp4a: 'fmp4',
  vtt: 'webvtt', webvtt: 'webvtt',
  jpg: 'image', jpeg: 'image', png: 'image', webp: 'image',
  aac: 'packed-audio', mp3: 'packed-audio', ac3: 'packed-audio', ec3: 'packed-audio',
};

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
  return Object.prototype.hasOwnProperty.call(EXTENSION_FORMAT, ext) ? EXTENSION_FORMAT[ext] : 'ts';
}
