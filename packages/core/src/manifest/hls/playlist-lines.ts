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
