import { ErrorCode, TesseraError } from '../errors';
import type { Presentation } from '../model';
import { parseMpd } from './dash/parse-mpd';
import { parseHls } from './hls/parse-hls';
import { createParseContext, fail } from './parse-context';
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
  let format: 'dash' | 'hls' | undefined;
  try {
    if (typeof text !== 'string') fail(ErrorCode.MANIFEST_UNKNOWN_FORMAT, { url });
    if (text.length > MAX_MANIFEST_CHARS) fail(ErrorCode.MANIFEST_TOO_LARGE, { url, bytes: text.length });
    const head = leadingContent(text);
    if (head.charAt(0) === '#') {
      format = 'hls';
      return parseHls(text, ctx);
    }
    if (head.charAt(0) === '<') {
      format = 'dash';
      return parseMpd(parseXml(text, { url }), ctx);
    }
    return fail(ErrorCode.MANIFEST_UNKNOWN_FORMAT, { url });
  } catch (error) {
    if (error instanceof TesseraError) throw error;
    // A bug in a parser must still surface as the typed error the contract promises.
    const reason = 'internal parser error: ' + (error instanceof Error ? error.message : String(error));
    if (format === 'hls') throw new TesseraError(ErrorCode.HLS_INVALID, 'fatal', { url, reason }, undefined, error);
    if (format === 'dash') throw new TesseraError(ErrorCode.DASH_INVALID, 'fatal', { url, reason }, undefined, error);
    throw new TesseraError(ErrorCode.MANIFEST_UNKNOWN_FORMAT, 'fatal', { url }, reason, error);
  }
}

function leadingContent(text: string): string {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    i++;
  }
  return text.slice(i, i + 16);
}
