import { ErrorCode, TesseraError } from '../../errors';
import { redactUrl } from '../../net/url-policy';
import { parseCueSettings } from './cue-settings';
import { parseRegionSettings } from './region-settings';
import type { ParseWebVttOptions, VttCue, VttRegion, VttTimestampMap, VttWarning, WebVttParseResult } from './types';
import { collectTimestamp } from './vtt-timestamp';

/** Beyond this many warnings only a count is kept: memory stays bounded on garbage input. */
const MAX_WARNINGS = 200;
/** Empty, or only spaces/tabs/form feeds: real files carry stray whitespace on "blank" lines. */
const BLANK = /^[ \t\f]*$/;
const TIMESTAMP_MAP = 'X-TIMESTAMP-MAP=';

type Warn = (line: number, message: string) => void;

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
  const parseError = (reason: string, line?: number): TesseraError => {
    const data: { url: string; reason: string; line?: number } = { url, reason };
    if (line !== undefined) data.line = line;
    return new TesseraError(ErrorCode.TEXT_PARSE_FAILED, 'recoverable', data);
  };
  if (typeof text !== 'string') throw parseError('input is not a string');

  const warnings: VttWarning[] = [];
  let dropped = 0;
  const warn: Warn = (line, message) => {
    if (warnings.length < MAX_WARNINGS) warnings.push({ line, message });
    else dropped++;
  };

  // §6.1: a leading BOM is skipped; NULs become U+FFFD; CRLF, CR and LF all end a line.
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split('\u0000').join('\ufffd').split(/\r\n|\r|\n/);
  const blank = (index: number): boolean => BLANK.test(lines[index]);

  let i = 0;
  while (i < lines.length && blank(i)) i++;
  if (i === lines.length) throw parseError('empty file', 1);
  if (i > 0) warn(i + 1, 'blank lines before the WEBVTT signature');
  // "WEBVTT" alone or followed by a space or tab (§6.1 steps 4–7).
  if (!/^WEBVTT([ \t]|$)/.test(lines[i])) throw parseError('missing WEBVTT signature', i + 1);
  i++;

  const result: WebVttParseResult = { cues: [], regions: [], styles: [], warnings };
  const readMap = (line: string, lineNumber: number): void => {
    const map = readTimestampMap(line, lineNumber, warn);
    if (map) result.timestampMap = map;
  };
  // Header lines run to the first blank line; a timing line also ends them (§6.1 "in header").
  for (; i < lines.length && !blank(i) && lines[i].indexOf('-->') === -1; i++) {
    if (lines[i].slice(0, 16) === TIMESTAMP_MAP) readMap(lines[i], i + 1);
  }

  const { cues, regions } = result;
  while (i < lines.length) {
    while (i < lines.length && blank(i)) i++;
    if (i >= lines.length) break;
    const blockStart = i;
    // Collect one block (§6.1 "collect a WebVTT block").
    let lineCount = 0;
    let kind: 'none' | 'cue' | 'style' | 'region' | 'note' | 'ignored' = 'none';
    let cueLine = '';
    let cueLineNumber = 0;
    let id = '';
    const buffer: string[] = [];
    for (; i < lines.length && !blank(i); i++) {
      const line = lines[i];
      lineCount++;
      if (line.indexOf('-->') !== -1) {
        if (kind === 'none' && lineCount <= 2) {
          kind = 'cue';
          cueLine = line;
          cueLineNumber = i + 1;
          id = buffer.length ? buffer[0] : '';
          buffer.length = 0;
          continue;
        }
        // A timing line inside a block starts the next block (a missing blank line).
        if (kind === 'note') warn(i + 1, 'missing blank line after a NOTE');
        break;
      }
      if (lineCount === 1 && /^NOTE([ \t]|$)/.test(line)) kind = 'note';
      if (lineCount === 2 && kind === 'none' && /^(STYLE|REGION)[ \t\f]*$/.test(buffer[0])) {
        const keyword = buffer[0].slice(0, buffer[0].charAt(0) === 'S' ? 5 : 6);
        if (cues.length) {
          // §6.1: STYLE and REGION blocks count only before the first cue.
          warn(blockStart + 1, keyword + ' block after the first cue ignored');
          kind = 'ignored';
        } else {
          kind = keyword === 'STYLE' ? 'style' : 'region';
          buffer.length = 0;
        }
      }
      buffer.push(line);
    }

    if (kind === 'cue') {
      const cue = readCue(cueLine, cueLineNumber, id, buffer, regions, offset, warn);
      if (cue) cues.push(cue);
    } else if (kind === 'style') {
      result.styles.push(buffer.join('\n'));
    } else if (kind === 'region') {
      const region = parseRegionSettings(buffer.join('\n'), (message) => warn(blockStart + 1, message));
      if (region.id === '') warn(blockStart + 1, 'REGION without an id ignored');
      else {
        // A later region with the same id replaces the earlier one (§6.1 step "region").
        for (let r = regions.length - 1; r >= 0; r--) if (regions[r].id === region.id) regions.splice(r, 1);
        regions.push(region);
      }
    } else if (kind === 'none' && !cues.length && buffer[0].slice(0, 16) === TIMESTAMP_MAP) {
      // Some packagers put the map after a blank line; it still precedes every cue.
      readMap(buffer[0], blockStart + 1);
    } else if (kind === 'none') {
      warn(blockStart + 1, 'block without cue timings ignored');
    }
  }

  if (dropped > 0) warnings.push({ line: lines.length, message: dropped + ' more warnings not listed' });
  return result;
}

/** Timings, settings and payload of one cue block (§6.5), or undefined when it must be skipped. */
function readCue(line: string, lineNumber: number, id: string, payload: string[], regions: readonly VttRegion[], offset: number, warn: Warn): VttCue | undefined {
  const skipped = (why: string): undefined => void warn(lineNumber, 'cue skipped: ' + why);
  const start = collectTimestamp(line, skipBlank(line, 0));
  if (!start) return skipped('bad start time');
  const arrow = skipBlank(line, start.end);
  if (line.slice(arrow, arrow + 3) !== '-->') return skipped('no "-->" after the start time');
  const end = collectTimestamp(line, skipBlank(line, arrow + 3));
  if (!end) return skipped('bad end time');
  if (start.lenient) warn(lineNumber, 'start time accepted with ' + start.lenient);
  if (end.lenient) warn(lineNumber, 'end time accepted with ' + end.lenient);
  const startTime = start.seconds + offset;
  const endTime = end.seconds + offset;
  if (!(endTime >= startTime)) return skipped('ends before it starts');
  const settings = parseCueSettings(line.slice(end.end), regions, (message) => warn(lineNumber, message));
  const cue: VttCue = { startTime, endTime, text: payload.join('\n'), settings };
  if (id !== '') cue.id = id;
  return cue;
}

/** `X-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000` in either order (RFC 8216 §3.5). */
function readTimestampMap(line: string, lineNumber: number, warn: Warn): VttTimestampMap | undefined {
  let mpegts: number | undefined;
  let local: number | undefined;
  line.slice(16).split(',').forEach((part) => {
    const m = /^\s*(MPEGTS|LOCAL):\s*(.*?)\s*$/.exec(part);
    const value = m ? m[2] : '';
    const timestamp = m && m[1] === 'LOCAL' ? collectTimestamp(value, 0) : undefined;
    if (m && m[1] === 'MPEGTS' && /^\d+$/.test(value)) mpegts = Number(value);
    if (timestamp && timestamp.end === value.length) local = timestamp.seconds;
  });
  if (mpegts === undefined || local === undefined || !isFinite(mpegts)) {
    warn(lineNumber, 'malformed X-TIMESTAMP-MAP ignored');
    return undefined;
  }
  return { mpegts, local };
}

function skipBlank(line: string, from: number): number {
  let i = from;
  while (i < line.length && /[ \t\f]/.test(line.charAt(i))) i++;
  return i;
}
