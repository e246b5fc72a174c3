import { describe, expect, it } from 'vitest';
import { ErrorCode, TesseraError, parseHlsMediaPlaylist } from '@tessera/core';
import { indexFromSegments, parseBif, parseSpriteMetadata, parseThumbnailVtt, type ThumbnailIndex } from '@tessera/thumbnails';
import { buildBif } from './support/fake-fetcher';

/** mulberry32: a seeded PRNG so a failure reproduces. */
function prng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs `parse` on `runs` mutated inputs: it returns an index or throws THUMBNAILS_INVALID, within `maxMs` each (a hang bound, generous for a shared box). */
function fuzz<T>(runs: number, seed: number, mutate: (random: () => number) => T, parse: (input: T) => ThumbnailIndex, maxMs = 1000): { ok: number; invalid: number } {
  const random = prng(seed);
  let ok = 0;
  let invalid = 0;
  for (let i = 0; i < runs; i++) {
    const input = mutate(random);
    const started = performance.now();
    try {
      const index = parse(input);
      for (const cue of index.cues) {
        if (!(cue.endTime >= cue.startTime) || !(cue.image >= 0 && cue.image < index.images.length)) throw new Error('bad cue ' + JSON.stringify(cue));
      }
      ok++;
    } catch (error) {
      if (!(error instanceof TesseraError) || error.code !== ErrorCode.THUMBNAILS_INVALID) throw new Error(`run ${i}: ${String(error)}`);
      invalid++;
    }
    expect(performance.now() - started).toBeLessThan(maxMs);
  }
  return { ok, invalid };
}

const int = (random: () => number, n: number) => Math.floor(random() * n);

function mutateBytes(base: Uint8Array, random: () => number): Uint8Array {
  let bytes = base.slice();
  const edits = 1 + int(random, 6);
  for (let e = 0; e < edits; e++) {
    const kind = int(random, 5);
    if (kind === 0) bytes[int(random, bytes.length)] = int(random, 256);
    else if (kind === 1) bytes = bytes.slice(0, int(random, bytes.length + 1));
    else if (kind === 2 && bytes.length >= 4) new DataView(bytes.buffer, bytes.byteOffset).setUint32(4 * int(random, Math.floor(bytes.length / 4)), [0, 0xffffffff, 0x7fffffff, int(random, 1e6)][int(random, 4)]!, true);
    else if (kind === 3) bytes.fill(0xff, int(random, bytes.length));
    else {
      const extra = new Uint8Array(int(random, 64)).map(() => int(random, 256));
      const joined = new Uint8Array(bytes.length + extra.length);
      joined.set(bytes);
      joined.set(extra, bytes.length);
      bytes = joined;
    }
  }
  return bytes;
}

function mutateText(base: string, random: () => number, alphabet: string): string {
  let text = base;
  const edits = 1 + int(random, 8);
  for (let e = 0; e < edits; e++) {
    const at = int(random, text.length + 1);
    const kind = int(random, 4);
    if (kind === 0) text = text.slice(0, at) + text.slice(at + 1 + int(random, 10));
    else if (kind === 1) text = text.slice(0, at) + alphabet.charAt(int(random, alphabet.length)).repeat(1 + int(random, 3)) + text.slice(at);
    else if (kind === 2) text = text.slice(0, at);
    else text = text.slice(0, at) + ['99999999999', '-1', 'NaN', '1e308', '\u0000', '\n\n', '-->', '#xywh='][int(random, 8)] + text.slice(at);
  }
  return text;
}

describe('parsers under fuzzing: no exception but THUMBNAILS_INVALID escapes, no hang', () => {
  it('BIF: flipped bytes, truncation, lying counts and offsets', () => {
    const base = buildBif(Array.from({ length: 12 }, (_, i) => ({ time: i * 10, bytes: [0xff, 0xd8, i, i, 0xff, 0xd9] })));
    const result = fuzz(3000, 1, (random) => mutateBytes(base, random), (bytes) => parseBif(bytes, 'http://h/t.bif'));
    expect(result.ok).toBeGreaterThan(100);
    expect(result.invalid).toBeGreaterThan(100);
  });

  it('BIF: a header announcing 2^32-1 images costs nothing', () => {
    const bif = buildBif([{ time: 0, bytes: [1] }], { count: 0xffffffff });
    const started = performance.now();
    expect(() => parseBif(bif, 'u')).toThrow(TesseraError);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('WebVTT thumbnail tracks', () => {
    const base = 'WEBVTT\n\n' + Array.from({ length: 20 }, (_, i) => `00:00:${String(i * 2).padStart(2, '0')}.000 --> 00:00:${String(i * 2 + 2).padStart(2, '0')}.000\nsprite_00.jpg#xywh=${(i % 5) * 160},${Math.floor(i / 5) * 90},160,90\n`).join('\n');
    const result = fuzz(3000, 2, (random) => mutateText(base, random, '0123456789:.,-> #xywh=pixel\n'), (text) => parseThumbnailVtt(text, 'http://h/t.vtt'));
    expect(result.ok).toBeGreaterThan(100);
  });

  it('sprite metadata JSON: random values of random types', () => {
    const keys = ['thumbnail_interval', 'thumbnail_width', 'thumbnail_height', 'sprite_columns', 'sprite_rows', 'total_thumbnails', 'thumbnails_per_sprite', 'base_url', 'duration', 'sprites'];
    const values = [0, -1, 1, 2.5, 10, 25, 320, 1e9, NaN, null, '10', 'javascript:x', './', [], ['a.jpg', 3], {}, true];
    const valid = { thumbnail_interval: 10, thumbnail_width: 320, thumbnail_height: 180, sprite_columns: 5, sprite_rows: 5, total_thumbnails: 30 };
    const result = fuzz(3000, 3, (random) => {
      const meta: Record<string, unknown> = { ...valid };
      for (let e = int(random, 4); e >= 0; e--) meta[keys[int(random, keys.length)]!] = values[int(random, values.length)];
      return random() < 0.2 ? mutateText(JSON.stringify(meta), random, '{}[]":,0123456789') : JSON.stringify(meta);
    }, (text) => parseSpriteMetadata(text, 'http://h/m.json'));
    expect(result.ok).toBeGreaterThan(100);
  });

  it('HLS image playlists (core parser + tiles)', () => {
    const base = '#EXTM3U\n#EXT-X-TARGETDURATION:250\n#EXT-X-IMAGES-ONLY\n' + Array.from({ length: 6 }, (_, i) => `#EXT-X-TILES:RESOLUTION=320x180,LAYOUT=5x5,DURATION=10\n#EXTINF:250,\nsprite_0${i}.jpg\n`).join('') + '#EXT-X-ENDLIST\n';
    fuzz(2000, 4, (random) => mutateText(base, random, '0123456789x,=:#\n'), (text) => {
      let playlist;
      try {
        playlist = parseHlsMediaPlaylist(text, 'http://h/i.m3u8');
      } catch {
        // The core parser's own errors are its business; what reaches us is a parsed playlist.
        return { format: 'hls', cues: [], images: [] };
      }
      return indexFromSegments('hls', playlist.segments, playlist.tiles, 320, 180);
    });
  });
});
