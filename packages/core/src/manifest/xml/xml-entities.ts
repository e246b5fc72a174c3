/** XML 1.0 §4.6 predefined entities and §4.1 character references; nothing else is expanded. */
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function fromCodePoint(cp: number): string {
  if (cp < 0x10000) return String.fromCharCode(cp);
  const v = cp - 0x10000;
  return String.fromCharCode(0xd800 + (v >> 10), 0xdc00 + (v & 0x3ff));
}

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/**
 * Expands references in `raw`. Returns the decoded string, or a number: the index in
 * `raw` of the first bad reference (the caller turns it into a well-formedness error).
 */
export function decodeEntities(raw: string): string | number {
  let amp = raw.indexOf('&');
  if (amp < 0) return raw;
  let out = '';
  let last = 0;
  while (amp >= 0) {
    const semi = raw.indexOf(';', amp + 1);
    if (semi < 0 || semi - amp > 12) return amp;
    const body = raw.slice(amp + 1, semi);
    let value: string | undefined;
    if (body.charCodeAt(0) === 35) {
      const hex = body.charCodeAt(1) === 120;
      const digits = body.slice(hex ? 2 : 1);
      if (!(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return amp;
      const cp = parseInt(digits, hex ? 16 : 10);
      if (!isXmlChar(cp)) return amp;
      value = fromCodePoint(cp);
    } else {
      value = Object.prototype.hasOwnProperty.call(PREDEFINED, body) ? PREDEFINED[body] : undefined;
      if (value === undefined) return amp;
    }
    out += raw.slice(last, amp) + value;
    last = semi + 1;
    amp = raw.indexOf('&', last);
  }
  return out + raw.slice(last);
}
