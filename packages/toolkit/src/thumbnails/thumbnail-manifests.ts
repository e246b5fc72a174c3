import { escapeXml, openTag } from '../package/xml';
import type { PackagedThumbnails } from './packaged-thumbnails';
import { SHEET_TEMPLATE, THUMBNAIL_DIRECTORY } from './thumbnail-files';

/** DASH-IF IOP v4.3 §6.2.6 thumbnail tiles descriptor. */
export const THUMBNAIL_TILE_SCHEME = 'http://dashif.org/thumbnail_tile';

/** Seconds for EXTINF/DURATION: at most 3 decimals, trailing zeros trimmed. */
function decimal(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

/** 'HH:MM:SS.mmm' (W3C WebVTT §4.6 timestamp with hours). */
export function vttTimestamp(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(Math.floor(ms / 3600000), 2)}:${pad(Math.floor(ms / 60000) % 60, 2)}:${pad(Math.floor(ms / 1000) % 60, 2)}.${pad(ms % 1000, 3)}`;
}

/** The directory part of a root-relative URL ('thumbnails/'). */
function directoryOf(url: string): string {
  return url.slice(0, url.lastIndexOf('/') + 1);
}

/** A sheet URL relative to a file in the same directory. */
function sameDirectory(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}

/** Tile i's sheet, column and row. */
function tileOf(thumbs: PackagedThumbnails, i: number): { sheet: number; x: number; y: number } {
  const perSheet = thumbs.columns * thumbs.rows;
  const k = i % perSheet;
  return { sheet: Math.floor(i / perSheet), x: (k % thumbs.columns) * thumbs.width, y: Math.floor(k / thumbs.columns) * thumbs.height };
}

/**
 * The seeds' sprite metadata (design doc §2.5.1 `generate_thumbnail_metadata`), with
 * `base_url` relative to the JSON file, plus two additions readers may use: `duration`
 * (end of the last thumbnail's span, seconds) and `sprites` (the sheet file names, in order).
 */
export function spriteMetadata(thumbs: PackagedThumbnails, contentId: string): Record<string, unknown> {
  return {
    content_id: contentId,
    thumbnail_interval: thumbs.intervalSeconds,
    thumbnail_width: thumbs.width,
    thumbnail_height: thumbs.height,
    sprite_columns: thumbs.columns,
    sprite_rows: thumbs.rows,
    total_thumbnails: thumbs.count,
    total_sprites: thumbs.sheets.length,
    thumbnails_per_sprite: thumbs.columns * thumbs.rows,
    base_url: './',
    format: 'sprite',
    version: 2,
    duration: thumbs.durationSeconds,
    sprites: thumbs.sheets.map((sheet) => sameDirectory(sheet.url)),
  };
}

/** A WebVTT thumbnail track: one cue per thumbnail, payload `sprite_00.jpg#xywh=x,y,w,h` (media fragment, pixels). */
export function writeThumbnailVtt(thumbs: PackagedThumbnails): string {
  const lines = ['WEBVTT', ''];
  for (let i = 0; i < thumbs.count; i++) {
    const start = i * thumbs.intervalSeconds;
    const end = Math.min(thumbs.durationSeconds, start + thumbs.intervalSeconds);
    const tile = tileOf(thumbs, i);
    lines.push(`${vttTimestamp(start)} --> ${vttTimestamp(Math.max(end, start))}`);
    lines.push(`${sameDirectory(thumbs.sheets[tile.sheet]!.url)}#xywh=${tile.x},${tile.y},${thumbs.width},${thumbs.height}`, '');
  }
  return lines.join('\n');
}

/**
 * An HLS image media playlist (the Image Media Playlist specification Roku and Apple
 * devices read): EXT-X-IMAGES-ONLY, one sheet per segment with EXTINF = the time its
 * tiles cover, EXT-X-TILES (tile RESOLUTION, LAYOUT columns x rows, DURATION per tile)
 * before each sheet.
 */
export function writeHlsImagePlaylist(thumbs: PackagedThumbnails): string {
  const target = Math.max(1, ...thumbs.sheets.map((s) => Math.round(s.durationSeconds)));
  const lines = ['#EXTM3U', '#EXT-X-VERSION:7', `#EXT-X-TARGETDURATION:${target}`, '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-PLAYLIST-TYPE:VOD', '#EXT-X-IMAGES-ONLY'];
  const tiles = `#EXT-X-TILES:RESOLUTION=${thumbs.width}x${thumbs.height},LAYOUT=${thumbs.columns}x${thumbs.rows},DURATION=${decimal(thumbs.intervalSeconds)}`;
  for (const sheet of thumbs.sheets) lines.push(tiles, `#EXTINF:${decimal(sheet.durationSeconds)},`, sameDirectory(sheet.url));
  lines.push('#EXT-X-ENDLIST', '');
  return lines.join('\n');
}

/** The multivariant playlist line for the image playlist (RESOLUTION of one tile, CODECS "jpeg"). */
export function hlsImageStreamInf(thumbs: PackagedThumbnails): string {
  return `#EXT-X-IMAGE-STREAM-INF:BANDWIDTH=${thumbs.bandwidth},RESOLUTION=${thumbs.width}x${thumbs.height},CODECS="jpeg",URI="${thumbs.hlsPlaylistUrl}"`;
}

/**
 * The image AdaptationSet (DASH-IF IOP v4.3 §6.2.6): contentType image, one
 * Representation the size of a whole sheet with the thumbnail_tile descriptor
 * ('5x5'), a SegmentTemplate over the sheets ($Number%02d$ from 0, @duration the
 * time one full sheet covers; the last one ends with the Period).
 */
export function dashImageAdaptationSet(thumbs: PackagedThumbnails, id: number, indent: string): string[] {
  const perSheet = thumbs.columns * thumbs.rows;
  const media = directoryOf(thumbs.sheets[0]?.url ?? `${THUMBNAIL_DIRECTORY}/`) + SHEET_TEMPLATE;
  return [
    indent + openTag('AdaptationSet', { id, contentType: 'image', mimeType: 'image/jpeg' }) + '>',
    indent + '  ' + openTag('SegmentTemplate', { media, startNumber: 0, timescale: 1000, duration: Math.round(perSheet * thumbs.intervalSeconds * 1000) }) + '/>',
    indent + '  ' + openTag('Representation', {
      id: `thumbnails-${thumbs.width}x${thumbs.height}`, bandwidth: thumbs.bandwidth, width: thumbs.width * thumbs.columns, height: thumbs.height * thumbs.rows,
    }) + '>',
    `${indent}    <EssentialProperty schemeIdUri="${escapeXml(THUMBNAIL_TILE_SCHEME)}" value="${thumbs.columns}x${thumbs.rows}"/>`,
    indent + '  </Representation>',
    indent + '</AdaptationSet>',
  ];
}
