import { extname } from 'node:path';

/**
 * Content types by extension, for what a streaming origin serves: manifests (DASH
 * ISO 23009-1 Annex C, HLS RFC 8216 §4), CMAF segments (`video/iso.segment` is the IANA
 * type for .m4s), text tracks, trick-play images and the demo page's assets.
 */
const CONTENT_TYPES: Record<string, string> = {
  '.mpd': 'application/dash+xml',
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.m4s': 'video/iso.segment',
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.cmfv': 'video/mp4',
  '.m4a': 'audio/mp4',
  '.cmfa': 'audio/mp4',
  '.cmft': 'application/mp4',
  '.aac': 'audio/aac',
  '.mp3': 'audio/mpeg',
  '.ts': 'video/mp2t',
  '.webm': 'video/webm',
  '.vtt': 'text/vtt; charset=utf-8',
  '.srt': 'application/x-subrip',
  '.ttml': 'application/ttml+xml',
  '.xml': 'application/xml',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.bif': 'application/octet-stream',
  '.key': 'application/octet-stream',
  '.json': 'application/json',
  '.map': 'application/json',
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
};

export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[extname(filePath).toLowerCase()] ?? DEFAULT_CONTENT_TYPE;
}
