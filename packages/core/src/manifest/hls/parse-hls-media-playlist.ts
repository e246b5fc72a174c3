import { ErrorCode } from '../../errors';
import { createParseContext, rethrowTyped } from '../parse-context';
import type { HlsMediaPlaylist, HlsPlaylistContext } from './hls-media-playlist';
import { parseMediaPlaylistWith } from './parse-media-playlist';

/**
 * Parses an HLS media playlist the engine fetched for a variant or rendition
 * (RFC 8216 §4.3.3), e.g. on every live refresh. Throws only TesseraError:
 * MPEG_TS_UNSUPPORTED when every segment is MPEG-TS, HLS_INVALID, UNSUPPORTED_URL_SCHEME,
 * TOO_MANY_SEGMENTS. Segment times start at `context.startTime` (default 0).
 */
export function parseHlsMediaPlaylist(text: string, url: string, context?: HlsPlaylistContext): HlsMediaPlaylist {
  const ctx = createParseContext(url, { maxSegments: context && context.maxSegments });
  try {
    return parseMediaPlaylistWith(typeof text === 'string' ? text : '', url, ctx, context);
  } catch (error) {
    return rethrowTyped(error, ErrorCode.HLS_INVALID, url);
  }
}
