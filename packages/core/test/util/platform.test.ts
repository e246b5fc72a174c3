import { describe, expect, it } from 'vitest';
import {
  decodeUtf8,
  decodeUtf8Fallback,
  getGlobalObject,
  hasAbortableFetch,
  hasHttpLocation,
  hasXhr,
} from '../../src/util/platform';
import { seededRandom } from '../net/helpers/seeded-random';

describe('platform', () => {
  it('finds the global object without globalThis', () => {
    const g = getGlobalObject();
    expect(g).toBe(globalThis);
    expect(typeof g.setTimeout).toBe('function');
  });

  it('detects abortable fetch and XHR on a given global', () => {
    expect(hasAbortableFetch(getGlobalObject())).toBe(true); // Node 20
    expect(hasAbortableFetch({ fetch: () => Promise.reject(new Error('x')) })).toBe(false);
    expect(hasAbortableFetch({})).toBe(false);
    expect(hasXhr({})).toBe(false);
    expect(hasXhr({ XMLHttpRequest: function Xhr() {} as never })).toBe(true);
    expect(hasHttpLocation({ location: { href: 'https://a/', protocol: 'https:' } })).toBe(true);
    expect(hasHttpLocation({ location: { href: 'file:///a', protocol: 'file:' } })).toBe(false);
    expect(hasHttpLocation({})).toBe(false);
  });

  it('decodes UTF-8 with TextDecoder and drops the BOM', () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe('A');
  });

  it('the fallback decoder (no TextDecoder on the platform) matches TextDecoder on valid text', () => {
    const samples = ['', 'plain ascii', 'héllo wörld', '日本語の字幕', 'emoji 🎬🍿 and 𝄞', '\u0000\u007f\u0080\u07ff\u0800\uffff', '\ufeffBOM first'];
    const random = seededRandom(3);
    for (let i = 0; i < 200; i++) {
      let s = '';
      const length = Math.floor(random() * 40);
      for (let j = 0; j < length; j++) {
        const cp = Math.floor(random() * 0x10ffff);
        if (cp >= 0xd800 && cp <= 0xdfff) continue;
        s += String.fromCodePoint(cp);
      }
      samples.push(s);
    }
    for (const text of samples) {
      const bytes = new TextEncoder().encode(text);
      expect(decodeUtf8Fallback(bytes)).toBe(new TextDecoder().decode(bytes));
      expect(decodeUtf8(bytes, {})).toBe(new TextDecoder().decode(bytes));
    }
  });

  it('the fallback decoder replaces malformed input with U+FFFD, never throws', () => {
    expect(decodeUtf8Fallback(new Uint8Array([0x41, 0xff, 0x42]))).toBe('A\ufffdB');
    expect(decodeUtf8Fallback(new Uint8Array([0xe2, 0x82]))).toBe('\ufffd');
    expect(decodeUtf8Fallback(new Uint8Array([0xed, 0xa0, 0x80]))).toBe('\ufffd'); // encoded surrogate
    const random = seededRandom(11);
    for (let i = 0; i < 200; i++) {
      const bytes = new Uint8Array(Math.floor(random() * 64)).map(() => Math.floor(random() * 256));
      expect(typeof decodeUtf8Fallback(bytes)).toBe('string');
    }
    // Large inputs go through the chunked path.
    expect(decodeUtf8Fallback(new Uint8Array(100000).fill(0x61)).length).toBe(100000);
  });
});
