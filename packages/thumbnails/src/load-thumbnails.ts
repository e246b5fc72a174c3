import { NetworkEngine, parseHlsMediaPlaylist, parseManifest, systemClock, type Presentation } from '@tessera/core';
import { networkFetcher } from './dom/network-fetcher';
import { objectUrls } from './dom/object-urls';
import { guarded, thumbnailsInvalid } from './errors';
import { parseBif, parseBifHeader } from './parse/parse-bif';
import { indexFromPresentation } from './parse/index-from-presentation';
import { indexFromSegments } from './parse/index-from-segments';
import { parseSpriteMetadata } from './parse/parse-sprite-metadata';
import { parseThumbnailVtt } from './parse/parse-thumbnail-vtt';
import { ThumbnailTrack, type ThumbnailTrackOptions } from './thumbnail-track';
import type { ThumbnailFetcher, ThumbnailFormat, ThumbnailIndex } from './types';

/** A thumbnail file by URL (format from `format`, else the extension, else the content), or a loaded presentation. */
export type ThumbnailSource = string | { url: string; format?: ThumbnailFormat } | { presentation: Presentation; preferredTileWidth?: number };

export interface LoadThumbnailsOptions extends Partial<ThumbnailTrackOptions> {
  /** Used to make the default fetcher (a new NetworkEngine when absent). */
  network?: NetworkEngine;
  /** BIF: bytes read first (header, index and the first images). Default 64 KiB. */
  bifFirstReadBytes?: number;
}

const EXTENSIONS: Record<string, ThumbnailFormat> = { json: 'sprites', vtt: 'webvtt', webvtt: 'webvtt', bif: 'bif', m3u8: 'hls', mpd: 'dash' };

/**
 * One entry point for every format: sprite JSON, WebVTT `#xywh`, BIF, an HLS
 * multivariant or image playlist, a DASH MPD, or the presentation the player
 * loaded (`player.getPresentation()`). Resolves with a ThumbnailTrack, or undefined
 * when a presentation has no image track. Rejects with TesseraError
 * (THUMBNAILS_INVALID, or the network error).
 *
 * @example
 * const track = await loadThumbnails({ presentation: player.getPresentation() });
 * const thumb = await track?.getThumbnail(42); // { url, rect, startTime, endTime }
 */
export async function loadThumbnails(source: ThumbnailSource, options: LoadThumbnailsOptions = {}): Promise<ThumbnailTrack | undefined> {
  const fetcher = options.fetcher || networkFetcher(options.network || new NetworkEngine({ clock: systemClock }));
  const index = await loadIndex(source, fetcher, options.bifFirstReadBytes || 65536);
  if (!index) return undefined;
  const urls = options.createUrl && options.revokeUrl ? { createUrl: options.createUrl, revokeUrl: options.revokeUrl } : objectUrls();
  return new ThumbnailTrack(index, { ...options, ...urls, fetcher });
}

/** Fetches and parses a source into the format-independent index (no images loaded). */
export async function loadIndex(source: ThumbnailSource, fetcher: ThumbnailFetcher, bifFirstReadBytes = 65536): Promise<ThumbnailIndex | undefined> {
  const text = (url: string) => fetcher.text(url).promise;
  if (typeof source === 'object' && 'presentation' in source) return indexFromPresentation(source.presentation, text, source.preferredTileWidth);
  const url = typeof source === 'string' ? source : source.url;
  const ext = /\.([a-z0-9]+)$/i.exec(url.split(/[?#]/)[0]!);
  let format = (typeof source === 'object' && source.format) || (ext ? EXTENSIONS[ext[1]!.toLowerCase()] : undefined);
  if (format === 'bif') return loadBif(url, fetcher, bifFirstReadBytes);
  const response = await text(url);
  const body = response.text;
  if (!format) {
    const head = body.replace(/^\uFEFF?\s*/, '').slice(0, 10);
    format = head.charAt(0) === '{' ? 'sprites' : head.indexOf('WEBVTT') === 0 ? 'webvtt' : head.indexOf('#EXTM3U') === 0 ? 'hls' : head.charAt(0) === '<' ? 'dash' : undefined;
    if (!format) throw thumbnailsInvalid('unknown', 'not sprite JSON, WebVTT, BIF, HLS or DASH');
  }
  if (format === 'sprites') return parseSpriteMetadata(body, response.url);
  if (format === 'webvtt') return parseThumbnailVtt(body, response.url);
  if (format === 'hls' && body.indexOf('-STREAM-INF') < 0) {
    // An image media playlist itself.
    const playlist = guarded('hls', () => parseHlsMediaPlaylist(body, response.url));
    if (!playlist.imagesOnly && playlist.segmentFormat !== 'image') throw thumbnailsInvalid('hls', 'not an image playlist (no EXT-X-IMAGES-ONLY)');
    return indexFromSegments('hls', playlist.segments, playlist.tiles);
  }
  const presentation = guarded(format, () => parseManifest(body, response.url));
  const index = await indexFromPresentation(presentation, text);
  if (!index) throw thumbnailsInvalid(format, 'no image track in the manifest');
  return index;
}

/**
 * BIF by range requests: the first read brings the header, the index and the first
 * images; a longer index is read next; every other image is a byte range loaded
 * when needed. A server that ignores Range just sends the whole file once.
 */
async function loadBif(url: string, fetcher: ThumbnailFetcher, firstRead: number): Promise<ThumbnailIndex> {
  const first = await fetcher.bytes(url, { start: 0, end: firstRead - 1 }).promise;
  let bytes = first.data;
  const whole = bytes.length < firstRead || first.totalBytes === bytes.length;
  const header = parseBifHeader(bytes);
  if (!whole && header.indexEnd > bytes.length) {
    const rest = await fetcher.bytes(url, { start: bytes.length, end: header.indexEnd - 1 }).promise;
    const joined = new Uint8Array(bytes.length + rest.data.length);
    joined.set(bytes);
    joined.set(rest.data, bytes.length);
    bytes = joined;
  }
  return parseBif(bytes, url, { totalBytes: whole ? undefined : first.totalBytes || Infinity });
}
