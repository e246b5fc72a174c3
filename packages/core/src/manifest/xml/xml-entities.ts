/** XML 1.0 §4.6 predefined entities and §4.1 character references; nothing else is expanded. */
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** A reference (at most 11 characters between '&' and ';'), or a '&' that starts none. */
const REFERENCE = /&(#x[0-9a-fA-F]{1,9}|#[0-9]{1,10}|lt|gt|amp|quot|apos);|&/g;

/** §2.2 Char: what a character reference may stand for. */
function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/**
 * Expands references in `raw`. Returns the decoded string, or a number: the index in
 * `raw` of the first bad reference (the caller turns it into a well-formedness error).
 */
export function decodeEntities(raw: string): string | number {
  if (raw.indexOf('&') < 0) return raw;
  let bad = -1;
  const out = raw.replace(REFERENCE, (match, body: string | undefined, offset: number) => {
    if (body && body.charAt(0) !== '#') return PREDEFINED[body];
    const hex = body && body.charAt(1) === 'x';
    const cp = body ? parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10) : -1;
    if (!isXmlChar(cp)) {
      if (bad < 0) bad = offset;
      return match;
    }
    // Astral code points become a surrogate pair.
    return cp < 0x10000 ? String.fromCharCode(cp) : String.fromCharCode(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
  });
  return bad < 0 ? out : bad;
}
