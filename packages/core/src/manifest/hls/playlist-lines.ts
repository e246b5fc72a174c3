import { ErrorCode } from '../../errors';
import { fail } from '../parse-context';

/** Playlist lines, trimmed (RFC 8216 §4.1: lines end in LF or CR LF; stray whitespace is common). */
export function splitLines(text: string): string[] {
  const raw = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = raw.split(/\r\n|\r|\n/);
  for (let k = 0; k < lines.length; k++) lines[k] = lines[k].trim();
  return lines;
}

/** "#EXT-X-FOO:value" → ["#EXT-X-FOO", "value"]. */
export function splitTag(line: string): [string, string] {
  const colon = line.indexOf(':');
  return colon < 0 ? [line, ''] : [line.slice(0, colon), line.slice(colon + 1)];
}

/** A blank line, or a comment that is not a tag. */
export function isComment(line: string): boolean {
  return line === '' || (line.charAt(0) === '#' && line.indexOf('#EXT') !== 0);
}

/** Index of the `#EXTM3U` line: leading blank and comment lines are tolerated (seen in the wild). */
export function firstTagLine(lines: string[], url: string): number {
  let first = 0;
  while (first < lines.length && isComment(lines[first])) first++;
  if (first >= lines.length || lines[first].indexOf('#EXTM3U') !== 0) {
    fail(ErrorCode.HLS_INVALID, { url, reason: 'no #EXTM3U', line: first + 1 });
  }
  return first;
}
