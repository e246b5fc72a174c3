/**
 * Safe access to the global object and feature detection.
 *
 * 2017-era TV engines (Chromium 38–56) have no `globalThis`, no `AbortController` and
 * (before 42) no `fetch`, so browser code never names those globals directly (ESLint
 * enforces it). It asks this module instead, and tests pass a fake global to exercise
 * the TV paths in Node.
 */

/** The constructor shape of `AbortController`, named without touching the global. */
export interface AbortControllerConstructor {
  new (): { readonly signal: AbortSignal; abort(): void };
}

/** The parts of the global object Tessera reads. Every member may be missing on a TV. */
export interface PlatformGlobal {
  fetch?: WindowOrWorkerGlobalScope['fetch'];
  AbortController?: AbortControllerConstructor;
  XMLHttpRequest?: { new (): XMLHttpRequest };
  TextDecoder?: { new (label?: string): { decode(input?: ArrayBufferView | ArrayBuffer): string } };
  ReadableStream?: unknown;
  location?: { href: string; protocol: string };
  [name: string]: unknown;
}

declare const global: unknown;

/**
 * The global object of the current realm, found without `globalThis` and without
 * `Function('return this')` (forbidden under a strict CSP): `self` covers windows and
 * workers, `window` old WebViews, `global` Node.
 */
export function getGlobalObject(): PlatformGlobal {
  if (typeof self !== 'undefined' && self) return self as unknown as PlatformGlobal;
  if (typeof window !== 'undefined' && window) return window as unknown as PlatformGlobal;
  if (typeof global !== 'undefined' && global) return global as PlatformGlobal;
  return {};
}

/**
 * True when `fetch` can be used *and* aborted. Fetch without `AbortController`
 * (Chromium 42–65) cannot be cancelled, so seek/abandonment would keep downloading:
 * such engines must use XHR.
 */
export function hasAbortableFetch(g: PlatformGlobal = getGlobalObject()): boolean {
  return typeof g.fetch === 'function' && typeof g.AbortController === 'function';
}

/** True when `XMLHttpRequest` exists (every browser and TV; not Node). */
export function hasXhr(g: PlatformGlobal = getGlobalObject()): boolean {
  return typeof g.XMLHttpRequest === 'function';
}

/** True when the page (or worker) has an http(s) location, so relative URLs resolve to http(s). */
export function hasHttpLocation(g: PlatformGlobal = getGlobalObject()): boolean {
  const location = g.location;
  return !!location && typeof location.protocol === 'string' && /^https?:$/i.test(location.protocol);
}

/**
 * Decode UTF-8 bytes to a string, dropping a leading BOM like `TextDecoder` does
 * (Encoding §4.1 "decode"). Falls back to a small decoder where `TextDecoder` is
 * missing; malformed sequences become U+FFFD in both paths.
 */
export function decodeUtf8(bytes: Uint8Array, g: PlatformGlobal = getGlobalObject()): string {
  const Decoder = g.TextDecoder;
  if (typeof Decoder === 'function') {
    try {
      return new Decoder('utf-8').decode(bytes);
    } catch {
      // Some old engines reject typed-array views from another realm; decode by hand.
    }
  }
  return decodeUtf8Fallback(bytes);
}

/** Exported for tests: the decoder used when `TextDecoder` is missing. */
export function decodeUtf8Fallback(bytes: Uint8Array): string {
  let start = 0;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const parts: string[] = [];
  let codeUnits: number[] = [];
  let i = start;
  while (i < bytes.length) {
    const b0 = bytes[i];
    let codePoint = 0xfffd;
    let length = 1;
    if (b0 < 0x80) {
      codePoint = b0;
    } else if (b0 >= 0xc2 && b0 <= 0xdf) {
      length = continuation(bytes, i, 1);
      if (length === 2) codePoint = ((b0 & 0x1f) << 6) | (bytes[i + 1] & 0x3f);
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      length = continuation(bytes, i, 2);
      if (length === 3) {
        codePoint = ((b0 & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f);
        // Overlong forms and UTF-16 surrogates are not valid UTF-8.
        if (codePoint < 0x800 || (codePoint >= 0xd800 && codePoint <= 0xdfff)) codePoint = 0xfffd;
      }
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      length = continuation(bytes, i, 3);
      if (length === 4) {
        codePoint =
          ((b0 & 0x07) << 18) | ((bytes[i + 1] & 0x3f) << 12) | ((bytes[i + 2] & 0x3f) << 6) | (bytes[i + 3] & 0x3f);
        if (codePoint < 0x10000 || codePoint > 0x10ffff) codePoint = 0xfffd;
      }
    }
    i += length;
    if (codePoint > 0xffff) {
      codePoint -= 0x10000;
      codeUnits.push(0xd800 + (codePoint >> 10), 0xdc00 + (codePoint & 0x3ff));
    } else {
      codeUnits.push(codePoint);
    }
    // fromCharCode.apply has an argument-count limit; flush in chunks.
    if (codeUnits.length >= 8192) {
      parts.push(String.fromCharCode.apply(null, codeUnits));
      codeUnits = [];
    }
  }
  parts.push(String.fromCharCode.apply(null, codeUnits));
  return parts.join('');
}

/** How many bytes (1 + valid continuation bytes, up to 1 + wanted) a sequence at `i` spans. */
function continuation(bytes: Uint8Array, i: number, wanted: number): number {
  let n = 1;
  while (n <= wanted && i + n < bytes.length && (bytes[i + n] & 0xc0) === 0x80) n++;
  return n;
}
