/*
 * EME-flavoured views of core's byte helpers: EME wants BufferSources backed by their own
 * ArrayBuffer (`Bytes`). Everything here handles key IDs and licence messages, and never logs them.
 */
import { concatBytes as concat, decodeBase64, decodeUtf8, encodeBase64, encodeUtf8, fromHex as hexToBytes, toHex } from '@tessera/core';

/** A Uint8Array over its own ArrayBuffer, as EME's BufferSource parameters want. */
export type Bytes = Uint8Array<ArrayBuffer>;

export { toHex };

export function toBytes(data: BufferSource | ArrayLike<number>): Bytes {
  if (data instanceof Uint8Array) return new Uint8Array(data) as Bytes;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer);
  if (data instanceof ArrayBuffer) return new Uint8Array(data.slice(0));
  return new Uint8Array(Array.prototype.slice.call(data)) as Bytes;
}

/** Hex to bytes; invalid hex gives an empty array (callers validate key IDs before). */
export function fromHex(hex: string): Bytes {
  return toBytes(hexToBytes(hex) ?? new Uint8Array(0));
}

export function toBase64(bytes: Uint8Array, url = false): string {
  return encodeBase64(bytes, url);
}

/** base64 or base64url, padding optional; characters outside the alphabet are dropped first. */
export function fromBase64(text: string): Bytes {
  return toBytes(decodeBase64(text.replace(/[^A-Za-z0-9+/_=-]/g, '')) ?? new Uint8Array(0));
}

export function utf8(text: string): Bytes {
  return toBytes(encodeUtf8(text));
}

export function fromUtf8(bytes: Uint8Array): string {
  return decodeUtf8(bytes);
}

/** UTF-16LE (PlayReady key messages). */
export function fromUtf16le(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode(bytes[i]! | (bytes[i + 1]! << 8));
  return out;
}

export function concatBytes(parts: readonly Uint8Array[]): Bytes {
  return concat(parts) as Bytes;
}
