import { describe, expect, it } from 'vitest';
import { parseHlsMediaPlaylist, parseManifest } from '@tessera/core';
import { concatBytes, writeMediaSegment } from '@tessera/core/mp4';
import { loadIndex, parseBif, parseSpriteMetadata, parseThumbnailVtt, type ThumbnailFetcher } from '@tessera/thumbnails';
import { parsePackageArgs } from '../../src/package/package-options';
import { writeDashManifest } from '../../src/package/dash-manifest';
import { writeHlsMultivariantPlaylist } from '../../src/package/hls-playlists';
import { iFrameStreamInf, syncSamplesOf, writeIFramePlaylist, type IFrameEntry } from '../../src/thumbnails/iframe-playlists';
import type { PackagedThumbnails } from '../../src/thumbnails/packaged-thumbnails';
import { spriteMetadata, vttTimestamp, writeHlsImagePlaylist, writeThumbnailVtt } from '../../src/thumbnails/thumbnail-manifests';
import { jpegQscale } from '../../src/thumbnails/thumbnail-options';
import { writeBif } from '../../src/thumbnails/write-bif';
import { fakeSummary } from '../package/fixtures';

/** 27 thumbnails every 10 s in 5x5 sheets of 320x180 over 265 s. */
function thumbs(overrides: Partial<PackagedThumbnails> = {}): PackagedThumbnails {
  return {
    intervalSeconds: 10, width: 320, height: 180, columns: 5, rows: 5, quality: 85, count: 27, durationSeconds: 265,
    sheets: [
      { url: 'thumbnails/sprite_00.jpg', bytes: 200_000, startSeconds: 0, durationSeconds: 250, tiles: 25 },
      { url: 'thumbnails/sprite_01.jpg', bytes: 30_000, startSeconds: 250, durationSeconds: 15, tiles: 2 },
    ],
    metadataUrl: 'thumbnails/metadata.json', webvttUrl: 'thumbnails/thumbnails.vtt', bifUrl: 'thumbnails/thumbnails.bif', bifBytes: 1,
    hlsPlaylistUrl: 'thumbnails/images.m3u8', bandwidth: 12_000,
    ...overrides,
  };
}

describe('tessera package --thumbnails options', () => {
  const parse = (...args: string[]) => parsePackageArgs(['in.mp4', '-o', 'out', ...args], '/w');
  it('is off by default; --thumbnails takes the seeds defaults; the settings alone turn it on', () => {
    expect(parse().thumbnails).toBeUndefined();
    expect(parse('--thumbnails').thumbnails).toEqual({ intervalSeconds: 10, width: 320, height: 180, columns: 5, rows: 5, quality: 85 });
    expect(parse('--thumbnail-interval', '2.5', '--thumbnail-size', '160x90', '--sprite-grid', '10x4', '--thumbnail-quality', '70').thumbnails)
      .toEqual({ intervalSeconds: 2.5, width: 160, height: 90, columns: 10, rows: 4, quality: 70 });
  });
  it.each([
    ['--thumbnail-interval', '0'], ['--thumbnail-size', '320'], ['--thumbnail-size', '321x180'], ['--sprite-grid', '0x5'],
    ['--thumbnail-quality', '101'], ['--thumbnail-size', '1920x1080'],
  ])('refuses %s %s', (flag, value) => {
    expect(() => parse(flag, value)).toThrow(/must|over/);
  });
  it('maps JPEG quality to mjpeg -q:v (2 best, 31 worst)', () => {
    expect([100, 85, 50, 1].map(jpegQscale)).toEqual([2, 6, 17, 31]);
  });
});

describe('BIF writer (Roku layout)', () => {
  it('writes magic, version 0, count, multiplier 1000, reserved zeros, index with end marker, then the images', () => {
    const bif = writeBif([{ timeMs: 0, jpeg: new Uint8Array([1, 2]) }, { timeMs: 10_000, jpeg: new Uint8Array([3]) }]);
    const view = new DataView(bif.buffer);
    expect(Array.from(bif.subarray(0, 8))).toEqual([0x89, 0x42, 0x49, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect([view.getUint32(8, true), view.getUint32(12, true), view.getUint32(16, true)]).toEqual([0, 2, 1000]);
    expect(bif.subarray(20, 64).every((b) => b === 0)).toBe(true);
    expect([0, 1, 2, 3, 4, 5].map((i) => view.getUint32(64 + i * 4, true))).toEqual([0, 88, 10, 90, 0xffffffff, 91]);
    expect(Array.from(bif.subarray(88))).toEqual([1, 2, 3]);
    const index = parseBif(bif, 'http://h/t.bif');
    expect(index.cues.map((c) => [c.startTime, c.endTime])).toEqual([[0, 10], [10, 20]]);
  });
  it('falls back to a 1 ms multiplier for times that are not whole seconds', () => {
    const bif = writeBif([{ timeMs: 0, jpeg: new Uint8Array([1]) }, { timeMs: 2500, jpeg: new Uint8Array([2]) }]);
    expect(new DataView(bif.buffer).getUint32(16, true)).toBe(1);
    expect(parseBif(bif, 'u').cues[1]!.startTime).toBe(2.5);
  });
});

describe('thumbnail manifests, read back by @tessera/thumbnails and the core parsers', () => {
  const t = thumbs();
  it('sprite metadata has the seeds fields', () => {
    const meta = spriteMetadata(t, 'movie');
    expect(meta).toMatchObject({
      content_id: 'movie', thumbnail_interval: 10, thumbnail_width: 320, thumbnail_height: 180, sprite_columns: 5, sprite_rows: 5,
      total_thumbnails: 27, total_sprites: 2, thumbnails_per_sprite: 25, base_url: './', format: 'sprite', version: 2,
    });
    const index = parseSpriteMetadata(JSON.stringify(meta), 'http://h/t/thumbnails/metadata.json');
    expect(index.cues[26]).toEqual({ startTime: 260, endTime: 265, image: 1, rect: { x: 320, y: 0, width: 320, height: 180 } });
  });

  it('WebVTT cues are the same tiles', () => {
    const vtt = writeThumbnailVtt(t);
    expect(vtt.split('\n').slice(0, 6)).toEqual(['WEBVTT', '', '00:00:00.000 --> 00:00:10.000', 'sprite_00.jpg#xywh=0,0,320,180', '', '00:00:10.000 --> 00:00:20.000']);
    expect(vttTimestamp(3725.5)).toBe('01:02:05.500');
    const index = parseThumbnailVtt(vtt, 'http://h/t/thumbnails/thumbnails.vtt');
    expect(index.cues).toEqual(parseSpriteMetadata(spriteMetadata(t, 'x'), 'http://h/t/thumbnails/metadata.json').cues);
  });

  it('HLS image playlist: IMAGES-ONLY, EXT-X-TILES per sheet, EXTINF = time covered; listed in the multivariant playlist', async () => {
    const playlist = writeHlsImagePlaylist(t);
    expect(playlist).toContain('#EXT-X-IMAGES-ONLY\n#EXT-X-TILES:RESOLUTION=320x180,LAYOUT=5x5,DURATION=10\n#EXTINF:250,\nsprite_00.jpg\n');
    const parsed = parseHlsMediaPlaylist(playlist, 'http://h/t/thumbnails/images.m3u8');
    expect([parsed.imagesOnly, parsed.tiles, parsed.segments.map((s) => s.endTime)]).toEqual([true, { columns: 5, rows: 5, width: 320, height: 180, durationSeconds: 10 }, [250, 265]]);
    const master = writeHlsMultivariantPlaylist(fakeSummary({ thumbnails: t }));
    expect(master).toContain('#EXT-X-IMAGE-STREAM-INF:BANDWIDTH=12000,RESOLUTION=320x180,CODECS="jpeg",URI="thumbnails/images.m3u8"');
    const presentation = parseManifest(master, 'http://h/t/master.m3u8');
    const fetcher: ThumbnailFetcher = {
      text: (url) => ({ promise: Promise.resolve({ text: playlist, url }), abort: () => undefined }),
      bytes: () => ({ promise: Promise.reject(new Error('unused')), abort: () => undefined }),
    };
    const index = await loadIndex({ presentation }, fetcher);
    expect(index!.cues).toHaveLength(27);
    expect(index!.cues[26]).toMatchObject({ startTime: 260, endTime: 265, image: 1 });
  });

  it('DASH image AdaptationSet (DASH-IF IOP §6.2.6) in the MPD', async () => {
    const mpd = writeDashManifest(fakeSummary({ durationSeconds: 265, thumbnails: t }));
    expect(mpd).toContain('<AdaptationSet id="4" contentType="image" mimeType="image/jpeg">');
    expect(mpd).toContain('<SegmentTemplate media="thumbnails/sprite_$Number%02d$.jpg" startNumber="0" timescale="1000" duration="250000"/>');
    expect(mpd).toContain('<Representation id="thumbnails-320x180" bandwidth="12000" width="1600" height="900">');
    expect(mpd).toContain('<EssentialProperty schemeIdUri="http://dashif.org/thumbnail_tile" value="5x5"/>');
    const presentation = parseManifest(mpd, 'http://h/t/manifest.mpd');
    const index = await loadIndex({ presentation }, { text: () => ({ promise: Promise.reject(new Error('unused')), abort: () => undefined }), bytes: () => ({ promise: Promise.reject(new Error('unused')), abort: () => undefined }) });
    expect(index!.images.map((i) => i.url)).toEqual(['http://h/t/thumbnails/sprite_00.jpg', 'http://h/t/thumbnails/sprite_01.jpg']);
    expect(index!.cues).toHaveLength(27);
  });

  it('no thumbnails: manifests unchanged', () => {
    expect(writeDashManifest(fakeSummary())).not.toContain('image');
    expect(writeHlsMultivariantPlaylist(fakeSummary())).not.toMatch(/IMAGE|I-FRAME/);
  });
});

describe('HLS I-frame playlists', () => {
  const SYNC = 0x02000000;
  const NON_SYNC = 0x01010000;
  const fragment = (sequenceNumber: number, time: number, flags: number[], sizes: number[]) => writeMediaSegment({
    sequenceNumber,
    styp: sequenceNumber === 1 ? { majorBrand: 'msdh', compatibleBrands: ['msdh'] } : undefined,
    tracks: [{
      trackId: 1, baseMediaDecodeTime: time,
      samples: flags.map((f, i) => ({ duration: 512, size: sizes[i]!, flags: f, compositionTimeOffset: 0 })),
      sampleData: sizes.map((n) => new Uint8Array(n).fill(7)),
    }],
  });

  it('lists each sync sample from its fragment start (the segment start for the first, styp included) through the sample end', () => {
    const first = fragment(1, 0, [SYNC, NON_SYNC, NON_SYNC], [1000, 100, 100]);
    const second = fragment(2, 1536, [SYNC, NON_SYNC], [800, 50]);
    const segment = concatBytes([first, second]);
    const syncs = syncSamplesOf(segment, new Uint8Array(0));
    expect(syncs).toHaveLength(2);
    expect(syncs[0]!.offset).toBe(0);
    expect(syncs[0]!.length).toBe(first.length - 200); // all but the two non-sync samples
    expect(syncs[1]).toEqual({ offset: first.length, length: second.length - 50, offsetSeconds: 1536 });
  });

  it('writes EXT-X-I-FRAMES-ONLY with the init as EXT-X-MAP, EXTINF and EXT-X-BYTERANGE per I-frame', () => {
    const summary = fakeSummary();
    const rep = summary.video[0]!;
    const entries: IFrameEntry[] = [
      { url: 'video/360p-600k/seg-1.m4s', offset: 0, length: 5000, startSeconds: 0, durationSeconds: 4 },
      { url: 'video/360p-600k/seg-2.m4s', offset: 0, length: 4000, startSeconds: 4, durationSeconds: 4 },
    ];
    const text = writeIFramePlaylist('video/360p-600k/iframes.m3u8', rep, entries);
    expect(text).toContain('#EXT-X-I-FRAMES-ONLY\n#EXT-X-MAP:URI="init.mp4"\n#EXTINF:4,\n#EXT-X-BYTERANGE:5000@0\nseg-1.m4s\n');
    const parsed = parseHlsMediaPlaylist(text, 'http://h/t/video/360p-600k/iframes.m3u8');
    expect([parsed.iFramesOnly, parsed.segments.map((s) => [s.startTime, s.byteRange])]).toEqual([true, [[0, { start: 0, end: 4999 }], [4, { start: 0, end: 3999 }]]]);
    const line = iFrameStreamInf({ representationId: rep.id, url: 'video/360p-600k/iframes.m3u8', codecs: 'avc1.64001e', width: 640, height: 360, bandwidth: 10_000, averageBandwidth: 9000, iFrames: 2 });
    expect(line).toBe('#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=10000,AVERAGE-BANDWIDTH=9000,CODECS="avc1.64001e",RESOLUTION=640x360,URI="video/360p-600k/iframes.m3u8"');
    const master = parseManifest(writeHlsMultivariantPlaylist(fakeSummary({ iFramePlaylists: [{ representationId: rep.id, url: 'video/360p-600k/iframes.m3u8', codecs: 'avc1.64001e', bandwidth: 10_000, averageBandwidth: 9000, iFrames: 2 }] })), 'http://h/t/master.m3u8');
    expect(master.iFrameStreams).toEqual([{ url: 'http://h/t/video/360p-600k/iframes.m3u8', bandwidth: 10_000, codecs: 'avc1.64001e' }]);
  });
});
