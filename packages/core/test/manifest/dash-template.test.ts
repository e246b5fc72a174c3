import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@tessera/core';
import { expectTesseraError, NOW, parse, segmentsOf, setOf, staticMpd, timesAndUrls } from './helpers';

const BASE = 'https://cdn.example.com/title/';

function videoSet(template: string, rep = '<Representation id="v1" bandwidth="1000000" width="1280" height="720"/>'): string {
  return `<AdaptationSet mimeType="video/mp4" codecs="avc1.64001f">${template}${rep}</AdaptationSet>`;
}

describe('DASH SegmentTemplate', () => {
  it('expands @duration with $Number%05d$, $RepresentationID$ and @startNumber, clamping the last segment to the period', () => {
    const p = parse(
      staticMpd(
        videoSet('<SegmentTemplate media="$RepresentationID$/seg-$Number%05d$.m4s" initialization="$RepresentationID$/init.mp4" duration="4" timescale="1" startNumber="3"/>'),
        'mediaPresentationDuration="PT10S"',
      ),
    );
    const segments = segmentsOf(setOf(p, 'video'));
    expect(timesAndUrls(segments)).toEqual([
      [0, 4, BASE + 'v1/seg-00003.m4s'],
      [4, 8, BASE + 'v1/seg-00004.m4s'],
      [8, 10, BASE + 'v1/seg-00005.m4s'],
    ]);
    expect(segments.map((s) => s.number)).toEqual([3, 4, 5]);
    expect(segments[0].init).toEqual({ urls: [BASE + 'v1/init.mp4'] });
    expect(segments.every((s) => s.timestampOffset === 0 && s.discontinuity === 0)).toBe(true);
    expect(p.duration).toBe(10);
  });

  it('substitutes $Bandwidth$ and $$, and keeps unknown identifiers literally', () => {
    const p = parse(staticMpd(videoSet('<SegmentTemplate media="b$Bandwidth%09d$/$$x$Foo$-$Number$.m4s" duration="8"/>')));
    expect(segmentsOf(setOf(p, 'video'))[0].urls).toEqual([BASE + 'b001000000/$x$Foo$-1.m4s']);
  });

  it('fills $Time$ from the SegmentTimeline and applies @presentationTimeOffset', () => {
    const p = parse(
      staticMpd(
        videoSet(`<SegmentTemplate timescale="90000" media="t/$Time$.m4s" presentationTimeOffset="90000" startNumber="10">
          <SegmentTimeline><S t="90000" d="180000" r="1"/><S d="90000"/></SegmentTimeline></SegmentTemplate>`),
        'mediaPresentationDuration="PT5S"',
      ),
    );
    const segments = segmentsOf(setOf(p, 'video'));
    expect(timesAndUrls(segments)).toEqual([
      [0, 2, BASE + 't/90000.m4s'],
      [2, 4, BASE + 't/270000.m4s'],
      [4, 5, BASE + 't/450000.m4s'],
    ]);
    expect(segments.map((s) => s.number)).toEqual([10, 11, 12]);
    expect(segments[0].timestampOffset).toBe(-1);
  });

  it('repeats S@r=-1 until the next S@t', () => {
    const p = parse(
      staticMpd(videoSet('<SegmentTemplate media="$Number$.m4s"><SegmentTimeline><S t="0" d="2" r="-1"/><S t="10" d="3"/></SegmentTimeline></SegmentTemplate>'), 'mediaPresentationDuration="PT20S"'),
    );
    expect(timesAndUrls(segmentsOf(setOf(p, 'video'))).map(([s, e]) => [s, e])).toEqual([
      [0, 2], [2, 4], [4, 6], [6, 8], [8, 10], [10, 13],
    ]);
  });

  it('repeats S@r=-1 until the period end when it is the last S', () => {
    const p = parse(staticMpd(videoSet('<SegmentTemplate media="$Time$.m4s"><SegmentTimeline><S t="0" d="4" r="-1"/></SegmentTimeline></SegmentTemplate>'), 'mediaPresentationDuration="PT10S"'));
    expect(timesAndUrls(segmentsOf(setOf(p, 'video')))).toEqual([
      [0, 4, BASE + '0.m4s'],
      [4, 8, BASE + '4.m4s'],
      [8, 10, BASE + '8.m4s'],
    ]);
  });

  it('keeps gaps where S@t jumps ahead, with consecutive numbers', () => {
    const p = parse(staticMpd(videoSet('<SegmentTemplate media="$Number$.m4s"><SegmentTimeline><S t="0" d="2" r="1"/><S t="6" d="2"/></SegmentTimeline></SegmentTemplate>')));
    const segments = segmentsOf(setOf(p, 'video'));
    expect(timesAndUrls(segments)).toEqual([
      [0, 2, BASE + '1.m4s'],
      [2, 4, BASE + '2.m4s'],
      [6, 8, BASE + '3.m4s'],
    ]);
  });

  it('drops timeline entries past the period end and skips invalid S elements with a warning', () => {
    const p = parse(staticMpd(videoSet('<SegmentTemplate media="$Number$.m4s"><SegmentTimeline><S d="x"/><S t="0" d="3" r="5"/></SegmentTimeline></SegmentTemplate>'), 'mediaPresentationDuration="PT7S"'));
    expect(timesAndUrls(segmentsOf(setOf(p, 'video'))).map(([s, e]) => [s, e])).toEqual([[0, 3], [3, 6], [6, 7]]);
    expect(p.warnings.map((w) => w.kind)).toContain('invalid-timeline-entry');
  });

  it('rejects a format tag wide enough to bloat every URL', () => {
    const error = expectTesseraError(() => parse(staticMpd(videoSet('<SegmentTemplate media="$Number%0999999d$.m4s" duration="2"/>'))), ErrorCode.DASH_INVALID);
    expect((error.data as { reason: string }).reason).toContain('wider than 32');
  });

  it('fails with TOO_MANY_SEGMENTS instead of expanding absurd templates', () => {
    expectTesseraError(() => parse(staticMpd(videoSet('<SegmentTemplate media="$Number$.m4s" duration="1"/>'), 'mediaPresentationDuration="P100D"')), ErrorCode.TOO_MANY_SEGMENTS);
    const t0 = performance.now();
    expectTesseraError(
      () => parse(staticMpd(videoSet('<SegmentTemplate media="$Number$.m4s"><SegmentTimeline><S t="0" d="1" r="-1"/></SegmentTimeline></SegmentTemplate>'), 'mediaPresentationDuration="PT100000000H"')),
      ErrorCode.TOO_MANY_SEGMENTS,
    );
    expectTesseraError(
      () => parse(staticMpd(videoSet('<SegmentTemplate media="$Number$.m4s"><SegmentTimeline><S t="0" d="1" r="9007199254740000"/></SegmentTimeline></SegmentTemplate>'), 'mediaPresentationDuration="PT10S"'), MPD_URL_OPT, { maxSegments: 5 }),
      ErrorCode.TOO_MANY_SEGMENTS,
    );
    expect(performance.now() - t0).toBeLessThan(100);
  });

  it('honours a smaller maxSegments option', () => {
    expectTesseraError(() => parse(staticMpd(videoSet('<SegmentTemplate media="$Number$.m4s" duration="1"/>'), 'mediaPresentationDuration="PT11S"'), MPD_URL_OPT, { maxSegments: 10 }), ErrorCode.TOO_MANY_SEGMENTS);
    const p = parse(staticMpd(videoSet('<SegmentTemplate media="$Number$.m4s" duration="1"/>'), 'mediaPresentationDuration="PT10S"'), MPD_URL_OPT, { maxSegments: 10 });
    expect(segmentsOf(setOf(p, 'video')).length).toBe(10);
  });

  it('makes a single segment of a template without $Number$/$Time$ and without timing', () => {
    const p = parse(
      staticMpd(`<AdaptationSet mimeType="text/vtt" lang="en"><SegmentTemplate media="subs/$RepresentationID$.vtt"/><Representation id="en" bandwidth="100"/></AdaptationSet>` + videoSet('<SegmentTemplate media="$Number$.m4s" duration="8"/>')),
    );
    expect(timesAndUrls(segmentsOf(setOf(p, 'text')))).toEqual([[0, 8, BASE + 'subs/en.vtt']]);
  });
});

describe('DASH live (dynamic) availability', () => {
  const astMinus = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();
  const live = (attrs: string, template: string, options = {}) =>
    parse(
      `<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="dynamic" ${attrs}><Period start="PT0S">${videoSet(template)}</Period></MPD>`,
      MPD_URL_OPT,
      options,
    );

  it('lists the @duration segments available now within timeShiftBufferDepth', () => {
    const p = live(`availabilityStartTime="${astMinus(100)}" timeShiftBufferDepth="PT20S" minimumUpdatePeriod="PT2S"`, '<SegmentTemplate media="$Number$.m4s" duration="2"/>');
    const segments = segmentsOf(setOf(p, 'video'));
    expect(segments.length).toBe(10);
    expect(segments[0].number).toBe(41);
    expect(segments[0].startTime).toBe(80);
    expect(segments[9].endTime).toBe(100);
    expect(p.live).toMatchObject({ availabilityStartTimeMs: NOW - 100000, timeShiftBufferDepth: 20, refreshIntervalSeconds: 2, ended: false });
    expect(p.duration).toBe(Infinity);
  });

  it('honours availabilityTimeOffset', () => {
    const tpl = (ato: number) => `<SegmentTemplate media="$Number$.m4s" duration="2" availabilityTimeOffset="${ato}"/>`;
    const last = (ato: number) => segmentsOf(setOf(live(`availabilityStartTime="${astMinus(100)}" timeShiftBufferDepth="PT20S"`, tpl(ato)), 'video')).slice(-1)[0].number;
    expect(last(1)).toBe(50);
    expect(last(2)).toBe(51);
  });

  it('expands a trailing S@r=-1 up to the live edge and drops what left the time-shift window', () => {
    const tpl = '<SegmentTemplate media="$Time$.m4s"><SegmentTimeline><S t="0" d="4" r="-1"/></SegmentTimeline></SegmentTemplate>';
    const all = segmentsOf(setOf(live(`availabilityStartTime="${astMinus(60)}"`, tpl), 'video'));
    expect(all.length).toBe(15);
    expect(all[14].endTime).toBe(60);
    const windowed = segmentsOf(setOf(live(`availabilityStartTime="${astMinus(60)}" timeShiftBufferDepth="PT10S"`, tpl), 'video'));
    expect(timesAndUrls(windowed)).toEqual([
      [48, 52, BASE + '48.m4s'],
      [52, 56, BASE + '52.m4s'],
      [56, 60, BASE + '56.m4s'],
    ]);
    expect(windowed.map((s) => s.number)).toEqual([13, 14, 15]);
  });

  it('keeps the newest maxSegments of an unbounded window, with a warning', () => {
    const p = live(`availabilityStartTime="${astMinus(1e6)}"`, '<SegmentTemplate media="$Number$.m4s" duration="1"/>', { maxSegments: 100 });
    const segments = segmentsOf(setOf(p, 'video'));
    expect(segments.length).toBe(100);
    expect(segments[99].endTime).toBe(1e6);
    expect(p.warnings.map((w) => w.kind)).toContain('live-window-truncated');
  });
});

const MPD_URL_OPT = 'https://cdn.example.com/title/manifest.mpd';
