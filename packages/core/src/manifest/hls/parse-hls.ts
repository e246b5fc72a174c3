import { ErrorCode } from '../../errors';
import type { ContentType, Presentation, Representation, SwitchingSet } from '../../model';
import { newPresentation } from '../new-presentation';
import { fail, warn, type ParseContext } from '../parse-context';
import type { HlsMediaPlaylist } from './hls-media-playlist';
import { parseMediaPlaylistWith } from './parse-media-playlist';
import { parseMultivariant } from './parse-multivariant';
import { extensionOf } from './segment-format';
import { firstTagLine, splitLines } from './playlist-lines';

const MULTIVARIANT_TAGS = /^#EXT-X-(STREAM-INF|I-FRAME-STREAM-INF|IMAGE-STREAM-INF|MEDIA|SESSION-DATA|SESSION-KEY|CONTENT-STEERING):/;
const MEDIA_TAGS = /^#(EXTINF|EXT-X-TARGETDURATION|EXT-X-MAP|EXT-X-MEDIA-SEQUENCE|EXT-X-ENDLIST|EXT-X-BYTERANGE|EXT-X-PART)\b/;

/** An HLS playlist of either kind → Presentation. */
export function parseHls(text: string, ctx: ParseContext): Presentation {
  const lines = splitLines(text);
  const first = firstTagLine(lines, ctx.url);
  if (lines.slice(0, first).some((l) => l !== '')) warn(ctx, 'extm3u-not-first', 'comments ignored');
  let multivariant = false;
  let media = false;
  for (let k = first + 1; k < lines.length; k++) {
    const line = lines[k];
    if (MULTIVARIANT_TAGS.test(line)) multivariant = true;
    else if (MEDIA_TAGS.test(line) || (line !== '' && line.charAt(0) !== '#')) media = true;
  }
  if (multivariant) {
    if (media) warn(ctx, 'mixed-playlist', 'media tags ignored');
    return parseMultivariant(text, ctx);
  }
  if (!media) fail(ErrorCode.HLS_INVALID, { url: ctx.url, reason: 'neither variants nor segments', line: first + 1 });
  return mediaPresentation(parseMediaPlaylistWith(text, ctx.url, ctx, { maxSegments: ctx.maxSegments }), ctx);
}

function guessType(playlist: HlsMediaPlaylist): { type: ContentType; mimeType: string } {
  if (playlist.segmentFormat === 'webvtt') return { type: 'text', mimeType: 'text/vtt' };
  if (playlist.segmentFormat === 'image') return { type: 'image', mimeType: 'image/jpeg' };
  const probe = playlist.map ? playlist.map.urls[0] : playlist.segments.length ? playlist.segments[0].urls[0] : '';
  const ext = extensionOf(probe);
  if (ext === 'm4a' || ext === 'cmfa' || ext === 'mp4a') return { type: 'audio', mimeType: 'audio/mp4' };
  return { type: 'video', mimeType: 'video/mp4' };
}

/** A media playlist loaded directly: one switching set with one representation. */
function mediaPresentation(playlist: HlsMediaPlaylist, ctx: ParseContext): Presentation {
  if (!playlist.segments.length && playlist.endList) fail(ErrorCode.HLS_INVALID, { url: ctx.url, reason: 'VOD without segments' });
  const { type, mimeType } = guessType(playlist);
  const rep: Representation = { id: 'media', bandwidth: 0, mimeType, codecs: '', segmentIndex: [{ kind: 'segments', segments: playlist.segments }], drm: playlist.drm };
  const set: SwitchingSet = { id: type, type, mimeType, codecs: '', roles: [], isDefault: true, representations: [rep], drm: playlist.drm };
  if (playlist.tiles) set.tiles = playlist.tiles;
  const presentation = newPresentation('hls', ctx, playlist.endList ? playlist.totalDuration : Infinity, [set]);
  if (!playlist.endList) {
    presentation.live = {
      availabilityStartTimeMs: 0,
      timeShiftBufferDepth: playlist.totalDuration,
      refreshIntervalSeconds: playlist.targetDuration,
      // RFC 8216 §6.3.3: start no closer than three target durations from the end (HOLD-BACK when given).
      suggestedPresentationDelay: playlist.serverControl && playlist.serverControl.holdBack !== undefined ? playlist.serverControl.holdBack : 3 * playlist.targetDuration,
      ended: false,
    };
  }
  return presentation;
}
