import { decodeBase64, encodeUtf8 } from '../../util/bytes';

export { encodeUtf8 };

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
