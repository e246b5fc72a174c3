import { describe, expect, it } from 'vitest';
import { parse, segmentsOf, setOf, timesAndUrls } from './helpers';

const C = 'https://cdn.example.com/';

function mainPeriod(prefix: string, attrs: string): string {
  return `<Period id="${prefix}" ${attrs}>
    <AdaptationSet mimeType="video/mp4" codecs="avc1.64001f">
      <SegmentTemplate media="${prefix}/$RepresentationID$/$Number$.m4s" initialization="${prefix}/$RepresentationID$/init.mp4" duration="4"/>
      <Representation id="v1080" bandwidth="5000000" width="1920" height="1080"/>
      <Representation id="v360" bandwidth="500000" width="640" height="360"/>
      <Representation id="v720" bandwidth="2000000" width="1280" height="720"/>
    </AdaptationSet>
    <AdaptationSet mimeType="audio/mp4" codecs="mp4a.40.2" lang="en">
      <Role schemeIdUri="urn:mpeg:dash:role:2011" value="main"/>
      <SegmentTemplate media="${prefix}/en/$Number$.m4s" duration="4"/>
      <Representation id="aen" bandwidth="128000"/>
    </AdaptationSet>
    <AdaptationSet mimeType="audio/mp4" codecs="mp4a.40.2" lang="fr">
      <SegmentTemplate media="${prefix}/fr/$Number$.m4s" duration="4"/>
      <Representation id="afr" bandwidth="128000"/>
    </AdaptationSet>
    <AdaptationSet mimeType="text/vtt" lang="fr"><Representation id="tfr" bandwidth="1"><BaseURL>${prefix}/fr.vtt</BaseURL></Representation></AdaptationSet>
  </Period>`;
}

// Content (8 s), an ad (4 s, own timescale and presentationTimeOffset, no French), content again (8 s).
const MPD = `<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT20S">
  <BaseURL>${C}</BaseURL>
  ${mainPeriod('a', 'duration="PT8S"')}
  <Period id="ad">
    <AdaptationSet mimeType="video/mp4" codecs="avc3.64001f">
      <SegmentTemplate media="ad/$RepresentationID$/$Time$.m4s" initialization="ad/$RepresentationID$/init.mp4" timescale="90000" presentationTimeOffset="900000">
        <SegmentTimeline><S t="900000" d="180000" r="1"/></SegmentTimeline>
      </SegmentTemplate>
      <Representation id="ad-low" bandwidth="400000" height="360"/>
      <Representation id="ad-high" bandwidth="3000000" height="1080"/>
    </AdaptationSet>
    <AdaptationSet mimeType="audio/mp4" codecs="mp4a.40.2" lang="en">
      <SegmentTemplate media="ad/audio/$Number$.m4s" duration="2"/>
      <Representation id="ad-audio" bandwidth="96000"/>
    </AdaptationSet>
  </Period>
  ${mainPeriod('b', 'start="PT12S"')}
</MPD>`;

describe('DASH multi-Period flattening', () => {
  const p = parse(MPD);

  it('places Periods on one timeline from @start, @duration and the MPD duration', () => {
    expect(p.periods).toEqual([
      { id: 'a', start: 0, duration: 8 },
      { id: 'ad', start: 8, duration: 4 },
      { id: 'b', start: 12, duration: 8 },
    ]);
    expect(p.duration).toBe(20);
  });

  it('matches video across Periods by bandwidth rank, one segmentIndex part per Period', () => {
    const video = setOf(p, 'video');
    expect(p.switchingSets.filter((s) => s.type === 'video').length).toBe(1);
    expect(video.representations.map((r) => [r.id, r.bandwidth])).toEqual([
      ['v360', 500000],
      ['v720', 2000000],
      ['v1080', 5000000],
    ]);
    const low = video.representations[0];
    expect(low.segmentIndex.length).toBe(3);
    expect(timesAndUrls(segmentsOf(video, 0, 0))).toEqual([
      [0, 4, C + 'a/v360/1.m4s'],
      [4, 8, C + 'a/v360/2.m4s'],
    ]);
    expect(timesAndUrls(segmentsOf(video, 0, 1))).toEqual([
      [8, 10, C + 'ad/ad-low/900000.m4s'],
      [10, 12, C + 'ad/ad-low/1080000.m4s'],
    ]);
    expect(timesAndUrls(segmentsOf(video, 0, 2))).toEqual([
      [12, 16, C + 'b/v360/1.m4s'],
      [16, 20, C + 'b/v360/2.m4s'],
    ]);
    // rank 1 of 3 → round(1·1/2) = rank 1 of 2; rank 2 → rank 1.
    expect(segmentsOf(video, 1, 1)[0].urls[0]).toBe(C + 'ad/ad-high/900000.m4s');
    expect(segmentsOf(video, 2, 1)[0].urls[0]).toBe(C + 'ad/ad-high/900000.m4s');
  });

  it('sets timestampOffset = periodStart − presentationTimeOffset/timescale and discontinuity = Period index', () => {
    const video = setOf(p, 'video');
    expect(segmentsOf(video, 0, 0).map((s) => [s.timestampOffset, s.discontinuity])).toEqual([[0, 0], [0, 0]]);
    expect(segmentsOf(video, 0, 1).map((s) => [s.timestampOffset, s.discontinuity])).toEqual([[-2, 1], [-2, 1]]);
    expect(segmentsOf(video, 0, 2).map((s) => [s.timestampOffset, s.discontinuity])).toEqual([[12, 2], [12, 2]]);
    expect(segmentsOf(video, 0, 1)[0].init).toEqual({ urls: [C + 'ad/ad-low/init.mp4'] });
  });

  it('keeps one audio set per language through a Period that lacks a role or a language', () => {
    const audio = p.switchingSets.filter((s) => s.type === 'audio');
    expect(audio.map((s) => [s.id, s.language, s.isDefault])).toEqual([
      ['audio:en:mp4a:main', 'en', true],
      ['audio:fr:mp4a', 'fr', false],
    ]);
    const en = audio[0];
    expect(en.representations[0].segmentIndex.length).toBe(3);
    expect(timesAndUrls(segmentsOf(en, 0, 1))).toEqual([
      [8, 10, C + 'ad/audio/1.m4s'],
      [10, 12, C + 'ad/audio/2.m4s'],
    ]);
    // French has no ad audio: the ad's (English) audio fills the gap.
    expect(segmentsOf(audio[1], 0, 1)[0].urls[0]).toBe(C + 'ad/audio/1.m4s');
    expect(segmentsOf(audio[1], 0, 2)[0].urls[0]).toBe(C + 'b/fr/1.m4s');
    expect(p.warnings.some((w) => w.kind === 'period-fill')).toBe(true);
  });

  it('leaves a subtitle gap rather than showing another language', () => {
    const text = setOf(p, 'text');
    expect(text.language).toBe('fr');
    const parts = text.representations[0].segmentIndex;
    expect(parts.length).toBe(2);
    expect(parts.map((part) => (part.kind === 'segments' ? [part.segments[0].startTime, part.segments[0].endTime, part.segments[0].discontinuity] : []))).toEqual([
      [0, 8, 0],
      [12, 20, 2],
    ]);
  });

  it('derives a missing Period@start from the previous segments when no duration is given', () => {
    const q = parse(`<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static">
      <Period><AdaptationSet mimeType="video/mp4"><SegmentTemplate media="x/$Number$.m4s"><SegmentTimeline><S d="3" r="2"/></SegmentTimeline></SegmentTemplate><Representation id="v" bandwidth="1"/></AdaptationSet></Period>
      <Period><AdaptationSet mimeType="video/mp4"><SegmentTemplate media="y/$Number$.m4s"><SegmentTimeline><S d="2" r="1"/></SegmentTimeline></SegmentTemplate><Representation id="v" bandwidth="1"/></AdaptationSet></Period>
    </MPD>`);
    expect(q.periods.map((x) => [x.start, x.duration])).toEqual([[0, 9], [9, 4]]);
    expect(q.duration).toBe(13);
    expect(timesAndUrls(segmentsOf(setOf(q, 'video'), 0, 1))[1]).toEqual([11, 13, 'https://cdn.example.com/title/y/2.m4s']);
  });
});
