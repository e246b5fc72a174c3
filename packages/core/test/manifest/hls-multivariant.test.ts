import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@tessera/core';
import { parseManifest } from '@tessera/core/manifest';
import { expectTesseraError, setOf } from './helpers';

const URL = 'https://cdn.example.com/hls/master.m3u8';
const H = 'https://cdn.example.com/hls/';
const PSSH_B64 = 'AAAAMnBzc2gAAAAA7e+LqXnWSs6jyCfc1R0h7QAAABIiEHRlc3QtY29udGVudC1pZDE=';

const MASTER = `#EXTM3U
#EXT-X-VERSION:7
#EXT-X-INDEPENDENT-SEGMENTS
#EXT-X-CONTENT-STEERING:SERVER-URI="/steer?video=1",PATHWAY-ID="CDN-A"
#EXT-X-SESSION-DATA:DATA-ID="com.example.title",VALUE="Big Buck Bunny",LANGUAGE="en"
#EXT-X-SESSION-DATA:DATA-ID="com.example.meta",URI="meta.json"
#EXT-X-SESSION-KEY:METHOD=SAMPLE-AES,URI="skd://key-1",KEYFORMAT="com.apple.streamingkeydelivery",KEYFORMATVERSIONS="1"
#EXT-X-SESSION-KEY:METHOD=SAMPLE-AES-CTR,URI="data:text/plain;base64,${PSSH_B64}",KEYFORMAT="urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed",KEYFORMATVERSIONS="1",KEYID=0x6E5A1D26275747D78046EAA5D1D34B5A
#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aac",LANGUAGE="en",NAME="English",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="2",URI="audio/en.m3u8"
#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aac",LANGUAGE="en",NAME="English AD",CHARACTERISTICS="public.accessibility.describes-video",CHANNELS="2",URI="audio/en-ad.m3u8"
#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="ec3",LANGUAGE="en",NAME="English 5.1",CHANNELS="6/JOC",URI="audio/en-51.m3u8"
#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",LANGUAGE="fr",NAME="Français",FORCED=YES,URI="subs/fr.m3u8"
#EXT-X-MEDIA:TYPE=CLOSED-CAPTIONS,GROUP-ID="cc",LANGUAGE="en",NAME="CC",INSTREAM-ID="CC1"
#EXT-X-STREAM-INF:BANDWIDTH=1500000,AVERAGE-BANDWIDTH=1200000,CODECS="avc1.64001f,mp4a.40.2",RESOLUTION=1280x720,FRAME-RATE=29.970,AUDIO="aac",SUBTITLES="subs",CLOSED-CAPTIONS="cc",PATHWAY-ID="CDN-A"
video/720.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=5000000,CODECS="avc1.640028,ec-3",RESOLUTION=1920x1080,AUDIO="ec3",PATHWAY-ID="CDN-A"
video/1080.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=800000,CODECS="avc1.4d401e,mp4a.40.2",RESOLUTION=640x360
video/muxed-360.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=100
javascript:alert(1)
#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=200000,CODECS="avc1.64001f",RESOLUTION=1280x720,URI="video/720-iframes.m3u8"
#EXT-X-IMAGE-STREAM-INF:BANDWIDTH=16000,RESOLUTION=320x180,CODECS="jpeg",URI="thumbs/320.m3u8"
`;

describe('HLS multivariant playlist', () => {
  const p = parseManifest(MASTER, URL);

  it('makes one video set of the variants, each pointing at its media playlist', () => {
    expect(p.protocol).toBe('hls');
    expect(Number.isNaN(p.duration)).toBe(true);
    const video = setOf(p, 'video');
    expect(video.representations).toEqual([
      {
        id: 'variant-0', bandwidth: 1500000, averageBandwidth: 1200000, mimeType: 'video/mp4', codecs: 'avc1.64001f', width: 1280, height: 720, frameRate: 29.97,
        audioGroupId: 'aac', subtitleGroupId: 'subs', pathwayId: 'CDN-A', segmentIndex: [{ kind: 'hls-playlist', url: H + 'video/720.m3u8' }], drm: [],
      },
      {
        id: 'variant-1', bandwidth: 5000000, mimeType: 'video/mp4', codecs: 'avc1.640028', width: 1920, height: 1080,
        audioGroupId: 'ec3', pathwayId: 'CDN-A', segmentIndex: [{ kind: 'hls-playlist', url: H + 'video/1080.m3u8' }], drm: [],
      },
      // No AUDIO group: muxed, CODECS kept as given.
      { id: 'variant-2', bandwidth: 800000, mimeType: 'video/mp4', codecs: 'avc1.4d401e,mp4a.40.2', width: 640, height: 360, segmentIndex: [{ kind: 'hls-playlist', url: H + 'video/muxed-360.m3u8' }], drm: [] },
    ]);
    expect(p.warnings.map((w) => w.kind)).toContain('rendition-dropped');
  });

  it('makes one set per audio rendition, with the codecs of the variants that use its group', () => {
    const audio = p.switchingSets.filter((s) => s.type === 'audio');
    expect(audio.map((s) => [s.id, s.groupId, s.language, s.label, s.codecs, s.channels, s.isDefault, s.roles])).toEqual([
      ['audio:aac:en:English', 'aac', 'en', 'English', 'mp4a.40.2', 2, true, []],
      ['audio:aac:en:English AD', 'aac', 'en', 'English AD', 'mp4a.40.2', 2, false, ['public.accessibility.describes-video']],
      ['audio:ec3:en:English 5.1', 'ec3', 'en', 'English 5.1', 'ec-3', 6, false, []],
    ]);
    expect(audio[0].representations[0].segmentIndex).toEqual([{ kind: 'hls-playlist', url: H + 'audio/en.m3u8' }]);
  });

  it('makes subtitle renditions text sets and ignores in-band closed captions', () => {
    const text = p.switchingSets.filter((s) => s.type === 'text');
    expect(text.length).toBe(1);
    expect(text[0]).toMatchObject({ id: 'text:subs:fr:Français', language: 'fr', roles: ['forced-subtitle'], mimeType: 'text/vtt', groupId: 'subs' });
  });

  it('keeps I-frame streams, image streams, session keys, session data and content steering', () => {
    expect(p.iFrameStreams).toEqual([{ url: H + 'video/720-iframes.m3u8', bandwidth: 200000, codecs: 'avc1.64001f', width: 1280, height: 720 }]);
    const image = setOf(p, 'image');
    expect(image.representations[0]).toMatchObject({ width: 320, height: 180, codecs: 'jpeg', segmentIndex: [{ kind: 'hls-playlist', url: H + 'thumbs/320.m3u8' }] });
    expect(p.sessionData).toEqual([
      { dataId: 'com.example.title', value: 'Big Buck Bunny', language: 'en' },
      { dataId: 'com.example.meta', uri: H + 'meta.json' },
    ]);
    expect(p.steering).toEqual({ serverUri: 'https://cdn.example.com/steer?video=1', defaultPathwayId: 'CDN-A' });
    const [fps, wv] = p.drm;
    expect(fps).toMatchObject({ keySystem: 'com.apple.fps', schemeIdUri: 'hls:com.apple.streamingkeydelivery', encryptionScheme: 'cbcs', defaultKeyIds: [] });
    expect(fps.initData[0].type).toBe('skd');
    expect(String.fromCharCode(...fps.initData[0].data)).toBe('skd://key-1');
    expect(fps.hlsKey).toEqual({ method: 'SAMPLE-AES', uri: 'skd://key-1', keyFormat: 'com.apple.streamingkeydelivery', keyFormatVersions: '1' });
    expect(wv).toMatchObject({ keySystem: 'com.widevine.alpha', encryptionScheme: 'cenc', defaultKeyIds: ['6e5a1d26275747d78046eaa5d1d34b5a'] });
    expect(wv.initData[0].data.length).toBe(50);
  });

  it('is an audio set when every variant is audio-only', () => {
    const q = parseManifest('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=64000,CODECS="mp4a.40.5"\nlo.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=128000,CODECS="mp4a.40.2"\nhi.m3u8\n', URL);
    expect(q.switchingSets.map((s) => [s.id, s.type, s.representations.length])).toEqual([['audio:variants', 'audio', 2]]);
  });

  it('parses RFC 8216 attribute lists leniently (spaces after commas, commas in quotes, duplicates)', () => {
    const q = parseManifest('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1000, CODECS="avc1.4d401e,mp4a.40.2", RESOLUTION=416x234,BANDWIDTH=9\nlow.m3u8\n', URL);
    expect(setOf(q, 'video').representations[0]).toMatchObject({ bandwidth: 1000, codecs: 'avc1.4d401e,mp4a.40.2', width: 416, height: 234 });
    expect(q.warnings.map((w) => w.detail).join()).toContain('duplicate attribute BANDWIDTH');
  });

  it('fails with typed errors when nothing usable is listed', () => {
    expectTesseraError(() => parseManifest('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\ndata:application/x-mpegurl,x\n', URL), ErrorCode.UNSUPPORTED_URL_SCHEME);
    expectTesseraError(() => parseManifest('#EXTM3U\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",NAME="x",URI="a.m3u8"\n', URL), ErrorCode.NO_PLAYABLE_STREAMS);
    expectTesseraError(() => parseManifest('#EXTM3U\n', URL), ErrorCode.HLS_INVALID);
    expectTesseraError(() => parseManifest('#EXT-X-STREAM-INF:BANDWIDTH=1\nx.m3u8\n', URL), ErrorCode.HLS_INVALID);
  });
});
