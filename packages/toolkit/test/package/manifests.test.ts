// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { timelineRuns, writeDashManifest } from '../../src/package/dash-manifest';
import { writeHlsMediaPlaylist, writeHlsMultivariantPlaylist, writeHlsSubtitlePlaylist } from '../../src/package/hls-playlists';
import { fakeSummary } from './fixtures';

function parseXml(text: string): Document {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  return doc;
}

describe('DASH MPD', () => {
  it('is a static isoff-live MPD with one video set, an audio set per language and a text set', () => {
    const doc = parseXml(writeDashManifest(fakeSummary()));
    const mpd = doc.documentElement;
    expect(mpd.getAttribute('profiles')).toBe('urn:mpeg:dash:profile:isoff-live:2011');
    expect(mpd.getAttribute('type')).toBe('static');
    expect(mpd.getAttribute('mediaPresentationDuration')).toBe('PT12.000S');
    const sets = Array.from(doc.getElementsByTagName('AdaptationSet'));
    expect(sets.map((s) => [s.getAttribute('contentType'), s.getAttribute('lang')])).toEqual([['video', null], ['audio', 'en'], ['audio', 'fr'], ['text', 'en']]);
    expect(sets[0]!.getAttribute('segmentAlignment')).toBe('true');
    expect(sets[0]!.getAttribute('startWithSAP')).toBe('1');
    const reps = Array.from(sets[0]!.getElementsByTagName('Representation'));
    expect(reps.map((r) => [r.getAttribute('id'), r.getAttribute('width'), r.getAttribute('height'), r.getAttribute('frameRate'), r.getAttribute('codecs'), r.getAttribute('bandwidth')])).toEqual([
      ['360p-600k', '640', '360', '24', 'avc1.64001e', '700000'],
      ['720p-2000k', '1280', '720', '24', 'avc1.64001f', '700000'],
    ]);
    const template = reps[0]!.getElementsByTagName('SegmentTemplate')[0]!;
    expect([template.getAttribute('media'), template.getAttribute('initialization'), template.getAttribute('duration'), template.getAttribute('timescale'), template.getAttribute('startNumber')])
      .toEqual(['video/360p-600k/seg-$Number$.m4s', 'video/360p-600k/init.mp4', '49152', '12288', '1']);
    expect(sets[1]!.getElementsByTagName('Role')[0]!.getAttribute('value')).toBe('main');
    expect(sets[2]!.getElementsByTagName('Role')[0]!.getAttribute('value')).toBe('alternate');
    expect(sets[3]!.getAttribute('mimeType')).toBe('text/vtt');
    expect(sets[3]!.getElementsByTagName('BaseURL')[0]!.textContent).toBe('text/en/subtitles.vtt');
  });

  it('writes SegmentTimeline with $Time$ when asked', () => {
    const doc = parseXml(writeDashManifest(fakeSummary({ segmentTemplate: 'timeline' })));
    const template = doc.getElementsByTagName('SegmentTemplate')[0]!;
    expect(template.getAttribute('media')).toBe('video/360p-600k/seg-$Time$.m4s');
    const s = Array.from(template.getElementsByTagName('S')).map((e) => [e.getAttribute('t'), e.getAttribute('d'), e.getAttribute('r')]);
    expect(s).toEqual([['0', '49152', '2']]);
  });

  it('folds equal durations into @r and writes @t only at discontinuities', () => {
    expect(timelineRuns([{ time: 0, duration: 4 }, { time: 4, duration: 4 }, { time: 8, duration: 3 }, { time: 20, duration: 3 }])).toEqual([
      { t: 0, d: 4, r: 1 }, { t: undefined, d: 3, r: 0 }, { t: 20, d: 3, r: 0 },
    ]);
  });
});

describe('HLS playlists', () => {
  it('writes a version 7 multivariant playlist with audio and subtitle groups', () => {
    const text = writeHlsMultivariantPlaylist(fakeSummary());
    const lines = text.split('\n');
    expect(lines.slice(0, 3)).toEqual(['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-INDEPENDENT-SEGMENTS']);
    expect(text).toContain('#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",LANGUAGE="en",NAME="English",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="2",URI="audio/en/playlist.m3u8"');
    expect(text).toContain('#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",LANGUAGE="fr",NAME="Français",DEFAULT=NO,AUTOSELECT=YES,CHANNELS="2",URI="audio/fr/playlist.m3u8"');
    expect(text).toContain('#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",LANGUAGE="en",NAME="English",DEFAULT=NO,AUTOSELECT=YES,FORCED=NO,URI="text/en/playlist.m3u8"');
    const inf = lines.filter((l) => l.startsWith('#EXT-X-STREAM-INF:'));
    expect(inf[0]).toBe('#EXT-X-STREAM-INF:BANDWIDTH=931000,AVERAGE-BANDWIDTH=728500,CODECS="avc1.64001e,mp4a.40.2",RESOLUTION=640x360,FRAME-RATE=24.000,AUDIO="audio",SUBTITLES="subs",CLOSED-CAPTIONS=NONE');
    expect(lines[lines.indexOf(inf[1]!) + 1]).toBe('video/720p-2000k/playlist.m3u8');
  });

  it('omits the audio group for a title without audio', () => {
    const text = writeHlsMultivariantPlaylist(fakeSummary({ audio: [], subtitles: [] }));
    expect(text).not.toContain('AUDIO=');
    expect(text).toContain('CODECS="avc1.64001e"');
  });

  it('writes VOD media playlists with EXT-X-MAP and real EXTINF durations', () => {
    const rep = fakeSummary().audio[0]!;
    rep.segments[2]!.durationSeconds = 3.98933;
    expect(writeHlsMediaPlaylist(rep)).toBe([
      '#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-TARGETDURATION:4', '#EXT-X-MEDIA-SEQUENCE:1', '#EXT-X-PLAYLIST-TYPE:VOD',
      '#EXT-X-INDEPENDENT-SEGMENTS', '#EXT-X-MAP:URI="init.mp4"',
      '#EXTINF:4,', 'seg-1.m4s', '#EXTINF:4,', 'seg-2.m4s', '#EXTINF:3.98933,', 'seg-3.m4s', '#EXT-X-ENDLIST', '',
    ].join('\n'));
  });

  it('writes a one-segment subtitle playlist', () => {
    const summary = fakeSummary();
    const text = writeHlsSubtitlePlaylist(summary.subtitles[0]!, 12.5);
    expect(text).toContain('#EXT-X-TARGETDURATION:13');
    expect(text).toContain('#EXTINF:12.5,\nsubtitles.vtt\n#EXT-X-ENDLIST');
  });
});
