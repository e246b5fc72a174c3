import { describe, expect, it } from 'vitest';
import { ErrorCode, TesseraError } from '@tessera/core';
import { parseBif, parseBifHeader, parseSpriteMetadata, parseThumbnailVtt } from '@tessera/thumbnails';
import { buildBif } from './support/fake-fetcher';

function invalid(fn: () => unknown): TesseraError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TesseraError);
    expect((error as TesseraError).code).toBe(ErrorCode.THUMBNAILS_INVALID);
    expect((error as TesseraError).severity).toBe('recoverable');
    return error as TesseraError;
  }
  throw new Error('expected THUMBNAILS_INVALID');
}

const SEEDS_METADATA = {
  content_id: 'movie',
  thumbnail_interval: 10,
  thumbnail_width: 320,
  thumbnail_height: 180,
  sprite_columns: 5,
  sprite_rows: 5,
  total_thumbnails: 27,
  total_sprites: 2,
  thumbnails_per_sprite: 25,
  base_url: 'https://assets.example.com/thumbnails/movie/',
  format: 'sprite',
  version: 2,
};

describe('sprite metadata JSON (the seeds shape)', () => {
  it('maps thumbnail i to [10i, 10i+10) in sheet ⌊i/25⌋, row-major 5x5', () => {
    const index = parseSpriteMetadata(JSON.stringify(SEEDS_METADATA), 'https://cdn.example.com/movie/metadata.json');
    expect(index.format).toBe('sprites');
    expect(index.images.map((i) => i.url)).toEqual(['https://assets.example.com/thumbnails/movie/sprite_00.jpg', 'https://assets.example.com/thumbnails/movie/sprite_01.jpg']);
    expect(index.cues).toHaveLength(27);
    expect(index.cues[0]).toEqual({ startTime: 0, endTime: 10, image: 0, rect: { x: 0, y: 0, width: 320, height: 180 } });
    expect(index.cues[7]).toEqual({ startTime: 70, endTime: 80, image: 0, rect: { x: 640, y: 180, width: 320, height: 180 } });
    expect(index.cues[24]!.rect).toEqual({ x: 1280, y: 720, width: 320, height: 180 });
    expect(index.cues[26]).toEqual({ startTime: 260, endTime: 270, image: 1, rect: { x: 320, y: 0, width: 320, height: 180 } });
  });

  it('resolves a relative base_url against the JSON, takes `sprites` names and ends at `duration`', () => {
    const index = parseSpriteMetadata({ ...SEEDS_METADATA, base_url: './', total_thumbnails: 3, duration: 25, sprites: ['a.jpg'] }, 'http://h/t/thumbnails/metadata.json');
    expect(index.images).toEqual([{ url: 'http://h/t/thumbnails/a.jpg' }]);
    expect(index.cues.map((c) => [c.startTime, c.endTime])).toEqual([[0, 10], [10, 20], [20, 25]]);
  });

  it.each([
    ['not JSON', '{nope'],
    ['an array', '[]'],
    ['no interval', JSON.stringify({ ...SEEDS_METADATA, thumbnail_interval: undefined })],
    ['zero interval', JSON.stringify({ ...SEEDS_METADATA, thumbnail_interval: 0 })],
    ['fractional columns', JSON.stringify({ ...SEEDS_METADATA, sprite_columns: 2.5 })],
    ['a huge count', JSON.stringify({ ...SEEDS_METADATA, total_thumbnails: 1e12 })],
    ['more per sprite than the grid holds', JSON.stringify({ ...SEEDS_METADATA, thumbnails_per_sprite: 26 })],
    ['a javascript: base_url', JSON.stringify({ ...SEEDS_METADATA, base_url: 'javascript:alert(1)//' })],
  ])('rejects %s', (_name, text) => {
    invalid(() => parseSpriteMetadata(text, 'http://h/m.json'));
  });
});

describe('WebVTT thumbnail track', () => {
  const vtt = [
    'WEBVTT',
    '',
    '00:00.000 --> 00:10.000',
    'sprite_00.jpg#xywh=0,0,160,90',
    '',
    'two',
    '00:00:10.000 --> 00:00:20.000',
    'sprite_00.jpg#xywh=pixel:160,0,160,90',
    '',
    '00:00:20.000 --> 00:00:30.000',
    'https://other.example.com/full.jpg',
    '',
  ].join('\n');

  it('reads the image URL and the #xywh tile, sharing one image per sheet', () => {
    const index = parseThumbnailVtt(vtt, 'http://h/t/thumbs.vtt');
    expect(index.images).toEqual([{ url: 'http://h/t/sprite_00.jpg' }, { url: 'https://other.example.com/full.jpg' }]);
    expect(index.cues).toEqual([
      { startTime: 0, endTime: 10, image: 0, rect: { x: 0, y: 0, width: 160, height: 90 } },
      { startTime: 10, endTime: 20, image: 0, rect: { x: 160, y: 0, width: 160, height: 90 } },
      { startTime: 20, endTime: 30, image: 1 },
    ]);
  });

  it('skips what it cannot use (percent fragments, zero sizes, javascript:, empty payloads) and sorts by time', () => {
    const messy = [
      '\uFEFFWEBVTT - thumbnails',
      '',
      '00:00:20.000 --> 00:00:30.000',
      's.jpg#xywh=320,0,160,90',
      '',
      '00:00:00.000 --> 00:00:10.000',
      's.jpg#xywh=percent:0,0,50,50',
      '',
      '00:00:10.000 --> 00:00:20.000',
      's.jpg#xywh=0,0,0,90',
      '',
      '00:00:30.000 --> 00:00:40.000',
      'javascript:alert(1)',
      '',
      '00:00:40.000 --> 00:00:50.000',
      '',
      '00:00:05.000 --> 00:00:15.000',
      's.jpg#xywh=160,0,160,90',
    ].join('\r\n');
    const index = parseThumbnailVtt(messy, 'http://h/x.vtt');
    expect(index.cues.map((c) => [c.startTime, c.rect?.x])).toEqual([[5, 160], [20, 320]]);
  });

  it('rejects files that are not WebVTT or hold no usable cue', () => {
    expect(invalid(() => parseThumbnailVtt('<html>', 'http://h/x.vtt')).data).toMatchObject({ format: 'webvtt' });
    invalid(() => parseThumbnailVtt('WEBVTT\n\n00:00.000 --> 00:01.000\n', 'http://h/x.vtt'));
    invalid(() => parseThumbnailVtt(undefined as unknown as string, 'http://h/x.vtt'));
  });
});

describe('BIF (Roku layout)', () => {
  const images = [
    { time: 0, bytes: [1, 2, 3] },
    { time: 10, bytes: [4, 5] },
    { time: 20, bytes: [6, 7, 8, 9] },
  ];

  it('reads header, index and images: times × multiplier, spans to the next image, image bytes as byte ranges', () => {
    const bif = buildBif(images);
    expect(parseBifHeader(bif)).toEqual({ count: 3, multiplierMs: 1000, indexEnd: 96 });
    const index = parseBif(bif, 'http://h/t.bif');
    expect(index.cues.map((c) => [c.startTime, c.endTime, c.image])).toEqual([[0, 10, 0], [10, 20, 1], [20, 30, 2]]);
    expect(index.images.map((i) => [i.byteRange, Array.from(i.data!)])).toEqual([
      [{ start: 96, end: 98 }, [1, 2, 3]],
      [{ start: 99, end: 100 }, [4, 5]],
      [{ start: 101, end: 104 }, [6, 7, 8, 9]],
    ]);
  });

  it('uses 1000 ms when the multiplier is 0, and any other multiplier as given', () => {
    expect(parseBif(buildBif(images, { multiplier: 0 }), 'u').cues[1]!.startTime).toBe(10);
    expect(parseBif(buildBif(images, { multiplier: 500 }), 'u').cues[1]!.startTime).toBe(5);
  });

  it('reads an index prefix of a file of unknown size: ranges to load later, no data', () => {
    const bif = buildBif(images);
    const index = parseBif(bif.subarray(0, 100), 'u', { totalBytes: Infinity });
    expect(index.images.map((i) => !!i.data)).toEqual([true, false, false]);
    expect(index.images[2]!.byteRange).toEqual({ start: 101, end: 104 });
  });

  it('drops index entries with lying offsets or times that go back', () => {
    // Image 1 points into the index, image 2 past the end of the file.
    expect(parseBif(buildBif(images, { offsets: [96, 10, 101, 105] }), 'u').cues.map((c) => c.startTime)).toEqual([0, 20]);
    expect(parseBif(buildBif(images, { offsets: [96, 99, 101, 5000] }), 'u').cues.map((c) => c.startTime)).toEqual([0, 10]);
    expect(parseBif(buildBif([{ time: 5, bytes: [1] }, { time: 2, bytes: [2] }, { time: 9, bytes: [3] }]), 'u').cues.map((c) => c.startTime)).toEqual([5, 9]);
  });

  it.each([
    ['a truncated header', () => buildBif(images).subarray(0, 40)],
    ['a wrong magic', () => Object.assign(buildBif(images), { 1: 0x41 })],
    ['an unknown version', () => buildBif(images, { version: 1 })],
    ['a huge image count', () => buildBif(images, { count: 0xffffff00 })],
    ['a count past the end of the index', () => buildBif(images, { count: 50 })],
    ['no valid image', () => buildBif(images, { offsets: [1, 2, 3, 4] })],
    ['not bytes', () => 'BIF' as unknown as Uint8Array],
  ])('rejects %s', (_name, make) => {
    invalid(() => parseBif(make(), 'u'));
  });
});
