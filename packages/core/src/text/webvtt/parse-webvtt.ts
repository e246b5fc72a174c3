import { ErrorCode, TesseraError } from '../../errors';
import { redactUrl } from '../../net/url-policy';
import { parseCueSettings } from './cue-settings';
import { parseRegionSettings } from './region-settings';
import type { ParseWebVttOptions, VttCue, VttRegion, VttTimestampMap, VttWarning, WebVttParseResult } from './types';
import { collectTimestamp } from './vtt-timestamp';

/** Beyond this many warnings only a count is kept: memory stays bounded on garbage input. */
const MAX_WARNINGS = 200;

/**
 * Parse a WebVTT file (W3C WebVTT, §6.1 "WebVTT parser algorithm"), tolerant of what real
 * files do: whitespace-only lines count as blank, blank lines before the signature, commas
 * and odd fraction lengths in timestamps, a cue right after a NOTE line. Cues whose end is
 * before their start, or whose timings do not parse, are skipped with a warning.
 *
 * Pure and linear in the input; never throws anything but a `TEXT_PARSE_FAILED`
 * TesseraError, and only when the input is not WebVTT at all (no `WEBVTT` signature).
 *
 * @example
 * const { cues } = parseWebVtt('WEBVTT\n\n00:01.000 --> 00:02.500 align:start\nHello');
 * // cues[0] = { startTime: 1, endTime: 2.5, text: 'Hello', settings: { align: 'start' } }
 */
export function parseWebVtt(text: string, options: ParseWebVttOptions = {}): WebVttParseResult {
  const url = typeof options.url === 'string' ? redactUrl(options.url) : '';
  const offset = typeof options.timestampOffset === 'number' && isFinite(options.timestampOffset) ? options.timestampOffset : 0;
  if (typeof text !== 'string') throw parseError(url, 'input is not a string', undefined);

  const warningList: VttWarning[] = [];
  let dropped = 0;
  const warn = (line: number, message: string): void => {
    if (warningList.length < MAX_WARNINGS) warningList.push({ line, message });
    else dropped++;
  };

  // §6.1: a leading BOM is skipped; NULs become U+FFFD; CRLF, CR and LF all end a line.
  let input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (input.indexOf('\u0000') !== -1) input = input.split('\u0000').join('\ufffd');
  const lines = input.split(/\r\n|\r|\n/);

  let i = 0;
  while (i < lines.length && isBlank(lines[i])) i++;
  if (i === lines.length) throw parseError(url, 'empty file', 1);
  if (i > 0) warn(i + 1, 'blank lines before the WEBVTT signature');
  const signature = lines[i];
  // "WEBVTT" alone or followed by a space or tab (§6.1 steps 4–7).
  if (signature.slice(0, 6) !== 'WEBVTT' || (signature.length > 6 && signature.charAt(6) !== ' ' && signature.charAt(6) !== '\t')) {
    throw parseError(url, 'missing WEBVTT signature', i + 1);
  }
  i++;

  let timestampMap: VttTimestampMap | undefined;
  // Header lines run to the first blank line; a timing line also ends them (§6.1 "in header").
  while (i < lines.length && !isBlank(lines[i]) && lines[i].indexOf('-->') === -1) {
    if (lines[i].slice(0, 16) === 'X-TIMESTAMP-MAP=') timestampMap = readTimestampMap(lines[i], i + 1, warn) || timestampMap;
    i++;
  }

  const cues: VttCue[] = [];
  const regions: VttRegion[] = [];
  const styles: string[] = [];
  let seenCue = false;

  while (i < lines.length) {
    while (i < lines.length && isBlank(lines[i])) i++;
    if (i >= lines.length) break;
    const blockStart = i;
    // Collect one block (§6.1 "collect a WebVTT block").
    let lineCount = 0;
    let seenArrow = false;
    let kind: 'none' | 'cue' | 'style' | 'region' | 'note' | 'ignored' = 'none';
    let cueLine = '';
    let cueLineNumber = 0;
    let id = '';
    const buffer: string[] = [];
    while (i < lines.length) {
      const line = lines[i];
      if (isBlank(line)) break;
      lineCount++;
      if (line.indexOf('-->') !== -1) {
        if (kind !== 'note' && (lineCount === 1 || (lineCount === 2 && !seenArrow))) {
          seenArrow = true;
          kind = 'cue';
          cueLine = line;
          cueLineNumber = i + 1;
          id = buffer.length > 0 ? buffer[0] : '';
          buffer.length = 0;
          i++;
          continue;
        }
        // A timing line inside a block starts the next block (a missing blank line).
        if (kind === 'note') warn(i + 1, 'missing blank line after a NOTE');
        break;
      }
      if (lineCount === 1 && isKeywordLine(line, 'NOTE')) kind = 'note';
      if (lineCount === 2 && kind === 'none' && buffer.length === 1) {
        if (isKeywordLine(buffer[0], 'STYLE', true) || isKeywordLine(buffer[0], 'REGION', true)) {
          const isStyle = buffer[0].charAt(0) === 'S';
          if (seenCue) {
            // §6.1: STYLE and REGION blocks count only before the first cue.
            warn(blockStart + 1, (isStyle ? 'STYLE' : 'REGION') + ' block after the first cue ignored');
            kind = 'ignored';
          } else {
            kind = isStyle ? 'style' : 'region';
            buffer.length = 0;
          }
        }
      }
      buffer.push(line);
      i++;
    }

    if (kind === 'cue') {
      const cue = readCue(cueLine, cueLineNumber, id, buffer, regions, offset, warn);
      if (cue) {
        cues.push(cue);
        seenCue = true;
      }
    } else if (kind === 'style') {
      styles.push(buffer.join('\n'));
    } else if (kind === 'region') {
      const region = parseRegionSettings(buffer.join('\n'), (message) => warn(blockStart + 1, message));
      if (region.id === '') warn(blockStart + 1, 'REGION without an id ignored');
      else {
        // A later region with the same id replaces the earlier one (§6.1 step "region").
        for (let r = regions.length - 1; r >= 0; r--) if (regions[r].id === region.id) regions.splice(r, 1);
        regions.push(region);
      }
    } else if (kind === 'none' && !seenCue && buffer.length > 0 && buffer[0].slice(0, 16) === 'X-TIMESTAMP-MAP=') {
      // Some packagers put the map after a blank line; it still precedes every cue.
      timestampMap = readTimestampMap(buffer[0], blockStart + 1, warn) || timestampMap;
    } else if (kind === 'none' && buffer.length > 0) {
      warn(blockStart + 1, 'block without cue timings ignored');
    }
  }

  if (dropped > 0) warningList.push({ line: lines.length, message: dropped + ' more warnings not listed' });
  const result: WebVttParseResult = { cues, regions, styles, warnings: warningList };
  if (timestampMap) result.timestampMap = timestampMap;
  return result;
}

/** Timings, settings and payload of one cue block (§6.5), or undefined when it must be skipped. */
function readCue(
  line: string,
  lineNumber: number,
  id: string,
  payload: string[],
  regions: readonly VttRegion[],
  offset: number,
  warn: (line: number, message: string) => void,
): VttCue | undefined {
  let position = skipWhitespace(line, 0);
  const start = collectTimestamp(line, position);
  if (!start) {
    warn(lineNumber, 'cue skipped: bad start time');
    return undefined;
  }
  position = skipWhitespace(line, start.end);
  if (line.slice(position, position + 3) !== '-->') {
    warn(lineNumber, 'cue skipped: no "-->" after the start time');
    return undefined;
  }
  position = skipWhitespace(line, position + 3);
  const end = collectTimestamp(line, position);
  if (!end) {
    warn(lineNumber, 'cue skipped: bad end time');
    return undefined;
  }
  if (start.lenient) warn(lineNumber, 'start time accepted with ' + start.lenient);
  if (end.lenient) warn(lineNumber, 'end time accepted with ' + end.lenient);
  const startTime = start.seconds + offset;
  const endTime = end.seconds + offset;
  if (!(endTime >= startTime)) {
    warn(lineNumber, 'cue skipped: ends before it starts');
    return undefined;
  }
  const settings = parseCueSettings(line.slice(end.end), regions, (message) => warn(lineNumber, message));
  const cue: VttCue = { startTime, endTime, text: payload.join('\n'), settings };
  if (id !== '') cue.id = id;
  return cue;
}

/** `X-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000` in either order (RFC 8216 §3.5). */
function readTimestampMap(line: string, lineNumber: number, warn: (line: number, message: string) => void): VttTimestampMap | undefined {
  let mpegts: number | undefined;
  let local: number | undefined;
  const parts = line.slice(16).split(',');
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p].trim();
    if (part.slice(0, 7) === 'MPEGTS:') {
      const value = part.slice(7).trim();
      if (/^\d+$/.test(value)) mpegts = Number(value);
    } else if (part.slice(0, 6) === 'LOCAL:') {
      const value = part.slice(6).trim();
      const timestamp = collectTimestamp(value, 0);
      if (timestamp && timestamp.end === value.length) local = timestamp.seconds;
    }
  }
  if (mpegts === undefined || local === undefined || !isFinite(mpegts)) {
    warn(lineNumber, 'malformed X-TIMESTAMP-MAP ignored');
    return undefined;
  }
  return { mpegts, local };
}

/** `NOTE`, `STYLE`, `REGION`: the keyword alone or followed by whitespace (and, with `alone`, only whitespace). */
function isKeywordLine(line: string, keyword: string, alone = false): boolean {
  if (line.slice(0, keyword.length) !== keyword) return false;
  const rest = line.slice(keyword.length);
  if (rest === '') return true;
  return alone ? isBlank(rest) : rest.charAt(0) === ' ' || rest.charAt(0) === '\t';
}

/** Empty, or only spaces/tabs/form feeds: real files carry stray whitespace on "blank" lines. */
function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0c) return false;
  }
  return true;
}

function skipWhitespace(line: string, from: number): number {
  let i = from;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0c) break;
    i++;
  }
  return i;
}

function parseError(url: string, reason: string, line: number | undefined): TesseraError {
  const data: { url: string; reason: string; line?: number } = { url, reason };
  if (line !== undefined) data.line = line;
  return new TesseraError(ErrorCode.TEXT_PARSE_FAILED, 'recoverable', data);
}
