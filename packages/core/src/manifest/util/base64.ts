/** Value of one base64 / base64url character, or -1. */
function sextet(c: number): number {
  if (c >= 65 && c <= 90) return c - 65; // A-Z
  if (c >= 97 && c <= 122) return c - 71; // a-z
  if (c >= 48 && c <= 57) return c + 4; // 0-9
  if (c === 43 || c === 45) return 62; // '+' or '-' (base64url)
  if (c === 47 || c === 95) return 63; // '/' or '_' (base64url)
  return -1;
}

/**
 * Decodes standard or URL-safe base64 (whitespace and padding tolerated).
 * Returns undefined for any other character, so bad manifests yield a warning, not a throw.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let acc = 0;
  let bits = 0;
  let n = 0;
  let ended = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    if (c === 61) {
      ended = true; // '=' padding: only more padding or whitespace may follow
      continue;
    }
    const v = sextet(c);
    if (v < 0 || ended) return undefined;
    acc = ((acc << 6) | v) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}
