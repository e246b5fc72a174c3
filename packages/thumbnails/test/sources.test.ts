import { describe, expect, it } from 'vitest';
import { ErrorCode, parseManifest, type TesseraError } from '@tessera/core';
import { loadIndex, loadThumbnails, type ThumbnailIndex } from '@tessera/thumbnails';
import { buildBif, fakeFetcher, fakeUrls } from './support/fake-fetcher';

const MPD = `<?xml version="1.0"?>
<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT37S" minBufferTime="PT4S" profiles="urn:mpeg:dash:profile:isoff-live:2011">
  <Period id="0" start="PT0S">
    <AdaptationSet id="0" contentType="video" mimeType="video/mp4">
      <Representation id="v" bandwidth="300000" width="320" height="180" codecs="avc1.42c00c">
        <SegmentTemplate timescale="1000" initialization="v/init.mp4" media="v/seg-$Number$.m4s" startNumber="1" duration="4000"/>
      </Representation>
    </AdaptationSet>
    <AdaptationSet id="1" contentType="image" mimeType="image/jpeg">
      <SegmentTemplate media="thumbnails/sprite_$Number%02d$.jpg" startNumber="0" timescale="1000" duration="24000"/>
      <Representation id="thumbnails-160x90" bandwidth="11248" width="640" height="270">
        <EssentialProperty schemeIdUri="http://dashif.org/thumbnail_tile" value="4x3"/>
      </Representation>
    </AdaptationSet>
  </Period>
</MPD>`;

const MASTER = `#EXTM3U
#EXT-X-VERSION:7
#EXT-X-STREAM-INF:BANDWIDTH=460118,CODECS="avc1.42c00c",RESOLUTION=320x180
video/v/playlist.m3u8
#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=48552,CODECS="avc1.42c00c",RESOLUTION=320x180,URI="video/v/iframes.m3u8"
#EXT-X-IMAGE-STREAM-INF:BANDWIDTH=11248,RESOLUTION=160x90,CODECS="jpeg",URI="thumbnails/images.m3u8"
`;

const IMAGES = `#EXTM3U
#EXT-X-VERSION:7
#EXT-X-TARGETDURATION:24
#EXT-X-MEDIA-SEQUENCE:0
#EXT-X-PLAYLIST-TYPE:VOD
#EXT-X-IMAGES-ONLY
#EXT-X-TILES:RESOLUTION=160x90,LAYOUT=4x3,DURATION=2
#EXTINF:24,
sprite_00.jpg
#EXT-X-TILES:RESOLUTION=160x90,LAYOUT=4x3,DURATION=2
#EXTINF:13,
sprite_01.jpg
#EXT-X-ENDLIST
`;

/** 19 tiles of 2 s in 4x3 sheets of 160x90, as `tessera package --thumbnail-interval 2 --sprite-grid 4x3 --thumbnail-size 160x90` makes them. */
function expectTiles(index: ThumbnailIndex, base: string): void {
  expect(index.images.map((i) => i.url)).toEqual([`${base}sprite_00.jpg`, `${base}sprite_01.jpg`]);
  expect(index.cues).toHaveLength(19);
  expect(index.cues[5]).toEqual({ startTime: 10, endTime: 12, image: 0, rect: { x: 160, y: 90, width: 160, height: 90 } });
  expect(index.cues[13]).toEqual({ startTime: 26, endTime: 28, image: 1, rect: { x: 160, y: 0, width: 160, height: 90 } });
  expect(index.cues[18]).toMatchObject({ startTime: 36, endTime: 37, image: 1, rect: { x: 320, y: 90 } });
}

describe('one API for every source', () => {
  it('DASH image AdaptationSet (thumbnail_tile) from the presentation model', async () => {
    const presentation = parseManifest(MPD, 'http://h/t/manifest.mpd');
    const index = await loadIndex({ presentation }, fakeFetcher({}));
    expect(index!.format).toBe('dash');
    expectTiles(index!, 'http://h/t/thumbnails/');
  });

  it('HLS image playlist (EXT-X-IMAGE-STREAM-INF + EXT-X-TILES) from the presentation model, the playlist fetched', async () => {
    const presentation = parseManifest(MASTER, 'http://h/t/master.m3u8');
    const index = await loadIndex({ presentation }, fakeFetcher({ 'http://h/t/thumbnails/images.m3u8': IMAGES }));
    expect(index!.format).toBe('hls');
    expectTiles(index!, 'http://h/t/thumbnails/');
  });

  it('by URL: MPD, multivariant playlist, image playlist, sprite JSON, WebVTT (format from the extension or the content)', async () => {
    const fetcher = fakeFetcher({
      'http://h/t/manifest.mpd': MPD,
      'http://h/t/master.m3u8': MASTER,
      'http://h/t/thumbnails/images.m3u8': IMAGES,
      'http://h/t/thumbnails/metadata.json': JSON.stringify({
        thumbnail_interval: 2, thumbnail_width: 160, thumbnail_height: 90, sprite_columns: 4, sprite_rows: 3, total_thumbnails: 19, base_url: './', duration: 37,
      }),
      'http://h/t/thumbs?format=vtt': 'WEBVTT\n\n00:00.000 --> 00:02.000\nthumbnails/sprite_00.jpg#xywh=0,0,160,90\n',
    });
    expectTiles((await loadIndex('http://h/t/manifest.mpd', fetcher))!, 'http://h/t/thumbnails/');
    expectTiles((await loadIndex('http://h/t/master.m3u8', fetcher))!, 'http://h/t/thumbnails/');
    expectTiles((await loadIndex('http://h/t/thumbnails/images.m3u8', fetcher))!, 'http://h/t/thumbnails/');
    expectTiles((await loadIndex({ url: 'http://h/t/thumbnails/metadata.json' }, fetcher))!, 'http://h/t/thumbnails/');
    expect((await loadIndex('http://h/t/thumbs?format=vtt', fetcher))!.format).toBe('webvtt');
  });

  it('BIF by ranges: header + index first, a longer index next, images later by byte range', async () => {
    const images = Array.from({ length: 40 }, (_, i) => ({ time: i * 10, bytes: [i, i, i, i] }));
    const bif = buildBif(images);
    const fetcher = fakeFetcher({ 'http://h/t.bif': bif });
    const track = await loadThumbnails('http://h/t.bif', { fetcher, ...fakeUrls(), bifFirstReadBytes: 128, preloadRadius: 0 });
    // 64 + 41 × 8 = 392 bytes of header and index: read in two requests.
    expect(fetcher.requests.map((r) => r.byteRange)).toEqual([{ start: 0, end: 127 }, { start: 128, end: 391 }]);
    expect(await track!.getThumbnail(125)).toMatchObject({ startTime: 120, endTime: 130, url: 'blob:fake/1/4' });
    expect(fetcher.requests[2]!.byteRange).toEqual({ start: 392 + 12 * 4, end: 392 + 12 * 4 + 3 });
  });

  it('a small BIF comes in one read, its images with it', async () => {
    const fetcher = fakeFetcher({ 'http://h/t.bif': buildBif([{ time: 0, bytes: [1] }, { time: 10, bytes: [2] }]) });
    const track = await loadThumbnails('http://h/t.bif', { fetcher, ...fakeUrls() });
    expect(await track!.getThumbnail(12)).toMatchObject({ startTime: 10, endTime: 20 });
    expect(fetcher.requests).toHaveLength(1);
  });

  it('no image track: undefined from a presentation, THUMBNAILS_INVALID from a manifest URL', async () => {
    const presentation = parseManifest(MPD.replace(/<AdaptationSet id="1"[\s\S]*?<\/AdaptationSet>/, ''), 'http://h/t/manifest.mpd');
    expect(await loadThumbnails({ presentation }, { fetcher: fakeFetcher({}), ...fakeUrls() })).toBeUndefined();
    const fetcher = fakeFetcher({ 'http://h/x.mpd': MPD.replace(/<AdaptationSet id="1"[\s\S]*?<\/AdaptationSet>/, '') });
    const error = (await loadIndex('http://h/x.mpd', fetcher).catch((e: unknown) => e)) as TesseraError;
    expect(error.code).toBe(ErrorCode.THUMBNAILS_INVALID);
  });

  it('unknown content or a video playlist is THUMBNAILS_INVALID; a missing file is the network error', async () => {
    const fetcher = fakeFetcher({ 'http://h/x': 'hello', 'http://h/v.m3u8': '#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-MAP:URI="init.mp4"\n#EXTINF:4,\nseg-1.m4s\n#EXT-X-ENDLIST\n' });
    expect(((await loadIndex('http://h/v.m3u8', fetcher).catch((e: unknown) => e)) as TesseraError).code).toBe(ErrorCode.THUMBNAILS_INVALID);
    expect(((await loadIndex('http://h/x', fetcher).catch((e: unknown) => e)) as TesseraError).code).toBe(ErrorCode.THUMBNAILS_INVALID);
    expect(((await loadIndex('http://h/none.vtt', fetcher).catch((e: unknown) => e)) as TesseraError).code).toBe(ErrorCode.BAD_HTTP_STATUS);
  });
});
