import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@tessera/core';
import { parseHlsMediaPlaylist, parseManifest } from '@tessera/core/manifest';
import { expectTesseraError, segmentsOf, setOf } from './helpers';

const URL = 'https://cdn.example.com/hls/video/720.m3u8';
const V = 'https://cdn.example.com/hls/video/';

const BYTE_RANGES = `#EXTM3U
#EXT-X-VERSION:7
#EXT-X-TARGETDURATION:6
#EXT-X-MEDIA-SEQUENCE:100
#EXT-X-PLAYLIST-TYPE:VOD
#EXT-X-MAP:URI="main.mp4",BYTERANGE="720@0"
#EXTINF:6.0,
#EXT-X-BYTERANGE:1000@720
main.mp4
#EXTINF:6.0,
#EXT-X-BYTERANGE:2000
main.mp4
#EXTINF:4.5,
#EXT-X-BYTERANGE:500
main.mp4
#EXT-X-ENDLIST
`;

const LIVE = `#EXTM3U
#EXT-X-TARGETDURATION:4
#EXT-X-MEDIA-SEQUENCE:7
#EXT-X-DISCONTINUITY-SEQUENCE:3
#EXT-X-MAP:URI="init-a.mp4"
#EXT-X-PROGRAM-DATE-TIME:2024-01-01T00:00:00.000Z
#EXTINF:4,
a1.m4s
#EXTINF:4,
a2.m4s
#EXT-X-DISCONTINUITY
#EXT-X-MAP:URI="init-b.mp4"
#EXT-X-KEY:METHOD=SAMPLE-AES,URI="skd://k1",KEYFORMAT="com.apple.streamingkeydelivery",KEYFORMATVERSIONS="1"
#EXTINF:3.5,
b1.m4s
#EXT-X-GAP
#EXTINF:4,
b2.m4s
#EXT-X-KEY:METHOD=NONE
#EXTINF:4,
b3.m4s
`;

describe('HLS media playlist', () => {
  it('reads EXT-X-BYTERANGE with implicit offsets and EXT-X-MAP with BYTERANGE', () => {
    const playlist = parseHlsMediaPlaylist(BYTE_RANGES, URL);
    expect(playlist.segments).toEqual([
      { startTime: 0, endTime: 6, urls: [V + 'main.mp4'], byteRange: { start: 720, end: 1719 }, sizeBytes: 1000, number: 100, discontinuity: 0, init: playlist.map },
      { startTime: 6, endTime: 12, urls: [V + 'main.mp4'], byteRange: { start: 1720, end: 3719 }, sizeBytes: 2000, number: 101, discontinuity: 0, init: playlist.map },
      { startTime: 12, endTime: 16.5, urls: [V + 'main.mp4'], byteRange: { start: 3720, end: 4219 }, sizeBytes: 500, number: 102, discontinuity: 0, init: playlist.map },
    ]);
    expect(playlist.map).toEqual({ urls: [V + 'main.mp4'], byteRange: { start: 0, end: 719 } });
    expect(playlist).toMatchObject({ targetDuration: 6, mediaSequence: 100, endList: true, playlistType: 'VOD', segmentFormat: 'fmp4', totalDuration: 16.5, version: 7 });
    expect(playlist.segments[0]).not.toHaveProperty('timestampOffset');
  });

  it('tracks discontinuities, PROGRAM-DATE-TIME, keys, gaps and the context offsets', () => {
    const playlist = parseHlsMediaPlaylist(LIVE, URL, { startTime: 100, discontinuityStart: 10 });
    const pdt = Date.UTC(2024, 0, 1);
    const fps = { method: 'SAMPLE-AES', uri: 'skd://k1', keyFormat: 'com.apple.streamingkeydelivery', keyFormatVersions: '1' };
    expect(playlist.segments.map((s) => [s.startTime, s.endTime, s.number, s.discontinuity, s.init?.urls[0], s.programDateTimeMs, s.key, s.gap])).toEqual([
      [100, 104, 7, 13, V + 'init-a.mp4', pdt, undefined, undefined],
      [104, 108, 8, 13, V + 'init-a.mp4', pdt + 4000, undefined, undefined],
      [108, 111.5, 9, 14, V + 'init-b.mp4', undefined, fps, undefined],
      [111.5, 115.5, 10, 14, V + 'init-b.mp4', undefined, fps, true],
      [115.5, 119.5, 11, 14, V + 'init-b.mp4', undefined, undefined, undefined],
    ]);
    expect(playlist).toMatchObject({ endList: false, discontinuitySequence: 3, targetDuration: 4 });
    expect(playlist.drm.map((d) => d.keySystem)).toEqual(['com.apple.fps']);
  });

  it('makes a presentation of a media playlist loaded directly (live: no ENDLIST)', () => {
    const p = parseManifest(LIVE, URL);
    expect(p.live).toEqual({ availabilityStartTimeMs: 0, timeShiftBufferDepth: 19.5, refreshIntervalSeconds: 4, suggestedPresentationDelay: 12, ended: false });
    expect(p.duration).toBe(Infinity);
    const set = setOf(p, 'video');
    expect(segmentsOf(set).length).toBe(5);
    expect(set.drm.length).toBe(1);
    const vod = parseManifest(BYTE_RANGES, URL);
    expect(vod.live).toBeUndefined();
    expect(vod.duration).toBe(16.5);
  });

  it('refuses MPEG-TS, and drops TS segments when fMP4 ones remain', () => {
    const ts = '#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\n00001.ts\n#EXTINF:10,\nsegment?id=2\n#EXT-X-ENDLIST\n';
    expectTesseraError(() => parseManifest(ts, URL), ErrorCode.MPEG_TS_UNSUPPORTED);
    expectTesseraError(() => parseHlsMediaPlaylist(ts, URL), ErrorCode.MPEG_TS_UNSUPPORTED);
    const mixed = '#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nold.ts\n#EXT-X-DISCONTINUITY\n#EXT-X-MAP:URI="init.mp4"\n#EXTINF:10,\nnew.m4s\n#EXT-X-ENDLIST\n';
    const playlist = parseHlsMediaPlaylist(mixed, URL);
    expect(playlist.segments.map((s) => [s.startTime, s.urls[0], s.discontinuity])).toEqual([[10, V + 'new.m4s', 1]]);
    expect(playlist.warnings.map((w) => w.kind)).toContain('segments-dropped');
    expectTesseraError(() => parseHlsMediaPlaylist('#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\na.aac\n#EXT-X-ENDLIST\n', URL), ErrorCode.NO_PLAYABLE_STREAMS);
  });

  it('recognises WebVTT subtitle and image playlists', () => {
    const vtt = parseManifest('#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\n0.webvtt\n#EXTINF:9,\n1.vtt?x=1\n#EXT-X-ENDLIST\n', URL);
    expect(setOf(vtt, 'text').mimeType).toBe('text/vtt');
    const images = `#EXTM3U
#EXT-X-TARGETDURATION:60
#EXT-X-PLAYLIST-TYPE:VOD
#EXT-X-IMAGES-ONLY
#EXT-X-TILES:RESOLUTION=320x180,LAYOUT=5x4,DURATION=3.0
#EXTINF:60,
sheet1
#EXTINF:30,
sheet2.jpg
#EXT-X-ENDLIST
`;
    const playlist = parseHlsMediaPlaylist(images, URL);
    expect(playlist).toMatchObject({ imagesOnly: true, segmentFormat: 'image', tiles: { columns: 5, rows: 4, width: 320, height: 180, durationSeconds: 3 } });
    expect(playlist.segments.map((s) => [s.startTime, s.endTime])).toEqual([[0, 60], [60, 90]]);
    expect(setOf(parseManifest(images, URL), 'image').tiles).toEqual(playlist.tiles);
  });

  it('recovers from missing or invalid EXTINF, TARGETDURATION and MEDIA-SEQUENCE, with warnings', () => {
    const text = `#EXTM3U
#EXT-X-MEDIA-SEQUENCE:gobble
#EXT-X-MAP:URI="i.mp4"
s1.m4s
#EXTINF:7,
s2.m4s
#EXT-X-TARGETDURATION:NaN
#EXTINF:;junk,
s3.m4s
#EXT-X-ENDLIST
`;
    const playlist = parseHlsMediaPlaylist(text, URL);
    expect(playlist.targetDuration).toBe(7);
    expect(playlist.mediaSequence).toBe(0);
    expect(playlist.segments.map((s) => [s.startTime, s.endTime, s.number])).toEqual([[0, 7, 0], [7, 14, 1], [14, 21, 2]]);
    expect(playlist.warnings.map((w) => w.kind)).toEqual(expect.arrayContaining(['invalid-sequence', 'missing-extinf', 'invalid-target-duration', 'invalid-extinf', 'missing-target-duration']));
  });

  it('continues a BYTERANGE without offset from the previous range even across resources, with a warning', () => {
    const playlist = parseHlsMediaPlaylist('#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-MAP:URI="i.mp4"\n#EXTINF:4,\n#EXT-X-BYTERANGE:10@5\na.mp4\n#EXTINF:4,\n#EXT-X-BYTERANGE:20\nb.mp4\n#EXTINF:4,\n#EXT-X-BYTERANGE:30\nc.mp4\n', URL);
    expect(playlist.segments.map((s) => s.byteRange)).toEqual([{ start: 5, end: 14 }, { start: 15, end: 34 }, { start: 35, end: 64 }]);
    expect(playlist.warnings.filter((w) => w.kind === 'byte-range-offset-guessed').length).toBe(2);
  });

  it('keeps AES-128 in Segment.key with a warning but not as DRM; drops non-http segment URIs', () => {
    const text = '#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-MAP:URI="i.mp4"\n#EXT-X-KEY:METHOD=AES-128,URI="key.bin",IV=0x0000000000000000000000000000000A\n#EXTINF:4,\na.m4s\n#EXTINF:4,\njavascript:b.m4s\n#EXT-X-ENDLIST\n';
    const playlist = parseHlsMediaPlaylist(text, URL);
    expect(playlist.segments.length).toBe(1);
    expect(playlist.segments[0].key).toEqual({ method: 'AES-128', uri: V + 'key.bin', iv: '0x0000000000000000000000000000000A' });
    expect(playlist.drm).toEqual([]);
    expect(playlist.warnings.map((w) => w.kind)).toEqual(expect.arrayContaining(['aes-128-unsupported', 'unsupported-url-scheme']));
    expectTesseraError(() => parseHlsMediaPlaylist('#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-MAP:URI="https://x/i.mp4"\n#EXTINF:4,\nfile:///a.m4s\n', URL), ErrorCode.UNSUPPORTED_URL_SCHEME);
  });

  it('numbers segments after EXT-X-SKIP and reads LL-HLS server control', () => {
    const text = `#EXTM3U
#EXT-X-TARGETDURATION:4
#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,CAN-SKIP-UNTIL=12.0,HOLD-BACK=12.0,PART-HOLD-BACK=1.0
#EXT-X-PART-INF:PART-TARGET=0.33334
#EXT-X-MEDIA-SEQUENCE:266
#EXT-X-SKIP:SKIPPED-SEGMENTS=3
#EXT-X-MAP:URI="init.mp4"
#EXTINF:4.00008,
fileSequence269.mp4
#EXT-X-PART:DURATION=0.33334,URI="filePart270.0.mp4"
#EXTINF:4.00008,
fileSequence270.mp4
`;
    const playlist = parseHlsMediaPlaylist(text, URL);
    expect(playlist.segments.map((s) => [s.number, s.urls[0]])).toEqual([[269, V + 'fileSequence269.mp4'], [270, V + 'fileSequence270.mp4']]);
    expect(playlist).toMatchObject({ skippedSegments: 3, partTargetDuration: 0.33334, serverControl: { canBlockReload: true, canSkipUntil: 12, holdBack: 12, partHoldBack: 1 } });
    expect(parseManifest(text, URL).live?.suggestedPresentationDelay).toBe(12);
  });

  it('caps the segment count: VOD fails, live keeps the newest', () => {
    const body = (n: number) => Array.from({ length: n }, (_, k) => `#EXTINF:2,\ns${k}.m4s`).join('\n');
    const head = '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MAP:URI="i.mp4"\n';
    expectTesseraError(() => parseHlsMediaPlaylist(head + body(11) + '\n#EXT-X-ENDLIST\n', URL, { maxSegments: 10 }), ErrorCode.TOO_MANY_SEGMENTS);
    const live = parseHlsMediaPlaylist(head + body(11), URL, { maxSegments: 10 });
    expect(live.segments.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(live.segments[0].startTime).toBe(2);
  });

  it('rejects playlists without #EXTM3U and tolerates comment lines before it', () => {
    expectTesseraError(() => parseHlsMediaPlaylist('#EXT-X-TARGETDURATION:10\n#EXTINF:10,\na.m4s\n', URL), ErrorCode.HLS_INVALID);
    const p = parseManifest('# generated by a tool\n#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXT-X-MAP:URI="i.mp4"\n#EXTINF:10,\na.m4s\n#EXT-X-ENDLIST\n', URL);
    expect(p.warnings.map((w) => w.kind)).toContain('extm3u-not-first');
    expectTesseraError(() => parseHlsMediaPlaylist('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nv.m3u8\n', URL), ErrorCode.HLS_INVALID);
    expect(parseHlsMediaPlaylist('#EXTM3U\n#EXT-X-I-FRAMES-ONLY\n#EXT-X-TARGETDURATION:2\n#EXT-X-MAP:URI="i.mp4"\n#EXTINF:2,\n#EXT-X-BYTERANGE:100@0\na.mp4\n', URL).iFramesOnly).toBe(true);
  });
});
