import { ErrorCode } from '../errors';
import type { Presentation } from '../model';
import { parseMpd } from './dash/parse-mpd';
import { parseHls } from './hls/parse-hls';
import { createParseContext, fail, rethrowTyped } from './parse-context';
import { MAX_MANIFEST_CHARS, type ParseOptions } from './parse-options';
import { parseXml } from './xml/parse-xml';

/**
 * Parses a DASH MPD or an HLS playlist (multivariant or media) into the presentation
 * model. Pure and synchronous; throws only TesseraError (manifest category, fatal).
 * Relative URLs resolve against `url`; only http(s) URLs survive.
 *
 * @example
 * const presentation = parseManifest(mpdText, 'https://cdn.example.com/title/manifest.mpd');
 */
export function parseManifest(text: string, url: string, options?: ParseOptions): Presentation {
  const ctx = createParseContext(url, options);
  if (typeof text !== 'string') fail(ErrorCode.MANIFEST_UNKNOWN_FORMAT, { url });
  if (text.length > MAX_MANIFEST_CHARS) fail(ErrorCode.MANIFEST_TOO_LARGE, { url, bytes: text.length });
  // After a BOM and whitespace: '#' is HLS, '<' is XML (DASH).
  const first = /^\uFEFF?[ \t\n\r]*([\s\S]?)/.exec(text)![1];
  try {
    if (first === '#') return parseHls(text, ctx);
    if (first === '<') return parseMpd(parseXml(text, { url }), ctx);
  } catch (error) {
    return rethrowTyped(error, first === '#' ? ErrorCode.HLS_INVALID : ErrorCode.DASH_INVALID, url);
  }
  return fail(ErrorCode.MANIFEST_UNKNOWN_FORMAT, { url });
}
