import { decodeBase64 } from './base64';

/** UTF-8 bytes of a string (no TextEncoder on 2017 TVs). */
export function encodeUtf8(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let k = 0; k < text.length; k++) {
    let c = text.charCodeAt(k);
    if (c >= 0xd800 && c < 0xdc00 && k + 1 < text.length) {
      const low = text.charCodeAt(k + 1);
      if (low >= 0xdc00 && low < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        k++;
      }
    }
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return new Uint8Array(bytes);
}

/** The payload of an RFC 2397 `data:` URI, or undefined when it is not one or is malformed. */
export function decodeDataUri(uri: string): Uint8Array | undefined {
  const m = /^data:([^,]*),([\s\S]*)$/i.exec(uri.trim());
  if (!m) return undefined;
  if (/;base64$/i.test(m[1])) return decodeBase64(m[2]);
  try {
    return encodeUtf8(decodeURIComponent(m[2]));
  } catch {
    return undefined;
  }
}
