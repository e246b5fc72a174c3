/** SRT timing line: '00:01:02,500 --> 00:01:04,000' (hours optional in the wild, '.' tolerated). */
const TIMING = /^\s*(?:(\d+):)?(\d{1,2}):(\d{1,2})[,.](\d{1,3})\s*-->\s*(?:(\d+):)?(\d{1,2}):(\d{1,2})[,.](\d{1,3})/;

/** Tags WebVTT cue text allows without classes (W3C WebVTT §4.2.2); others are dropped, their text kept. */
const ALLOWED_TAG = /^<\/?[biu]>$/i;
const TAG = /<\/?([A-Za-z][A-Za-z0-9]*)[^<>]*>/g;

function timestamp(h: string | undefined, m: string, s: string, ms: string): string {
  const two = (v: string) => v.padStart(2, '0');
  return `${two(h ?? '0')}:${two(m)}:${two(s)}.${ms.padEnd(3, '0').slice(0, 3)}`;
}

/** Text between tags: a bare & < or > becomes an entity, so '-->' can never appear in cue text. */
function escapeCueText(text: string): string {
  return text.replace(/&(?![a-zA-Z]+;|#\d+;|#x[0-9a-fA-F]+;)/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cue text: keep <b>/<i>/<u>, drop <font> and other markup, escape the rest. */
function convertText(line: string): string {
  let out = '';
  let last = 0;
  TAG.lastIndex = 0;
  for (let match = TAG.exec(line); match; match = TAG.exec(line)) {
    out += escapeCueText(line.slice(last, match.index));
    if (ALLOWED_TAG.test(match[0])) out += match[0].toLowerCase();
    last = TAG.lastIndex;
  }
  return out + escapeCueText(line.slice(last));
}

/**
 * SubRip (.srt) to WebVTT (W3C WebVTT §4): 'WEBVTT' header, '.' before the
 * milliseconds, cue numbers kept as cue identifiers, unsupported markup dropped.
 * Blocks without a valid timing line are skipped.
 */
export function srtToVtt(srt: string): string {
  const text = srt.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const out: string[] = ['WEBVTT', ''];
  for (const block of text.split(/\n{2,}/)) {
    const lines = block.split('\n').filter((line, i, all) => !(i === all.length - 1 && line.trim() === ''));
    const timingAt = lines.findIndex((line) => TIMING.test(line));
    if (timingAt < 0) continue;
    const m = TIMING.exec(lines[timingAt]!)!;
    const identifier = timingAt > 0 ? lines[timingAt - 1]!.trim() : '';
    const cueText = lines.slice(timingAt + 1).map(convertText).filter((line) => line.trim() !== '');
    if (identifier && !identifier.includes('-->')) out.push(identifier);
    out.push(`${timestamp(m[1], m[2]!, m[3]!, m[4]!)} --> ${timestamp(m[5], m[6]!, m[7]!, m[8]!)}`);
    out.push(...cueText, '');
  }
  return out.join('\n');
}

/** True when text is a WebVTT file (starts with 'WEBVTT' then space, tab or newline). */
export function isWebVtt(text: string): boolean {
  return /^\uFEFF?WEBVTT(?:[ \t\r\n]|$)/.test(text);
}
