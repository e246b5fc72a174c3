import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@tessera/core';
import type { SidxInfo } from '@tessera/core/mp4';
import { segmentsFromSidx } from '@tessera/core/manifest';
import { expectTesseraError, parse, segmentsOf, setOf, staticMpd, timesAndUrls } from './helpers';

const BASE = 'https://cdn.example.com/title/';

describe('DASH inheritance across Period / AdaptationSet / Representation', () => {
  it('merges SegmentTemplate attribute by attribute, the innermost level winning', () => {
    const p = parse(
      `<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT6S">
        <Period>
          <SegmentTemplate media="$RepresentationID$/$Number$.m4s" initialization="$RepresentationID$/init.mp4" timescale="1000"/>
          <AdaptationSet mimeType="video/mp4" codecs="avc1.4d401f">
            <SegmentTemplate duration="2000" startNumber="0"/>
            <Representation id="a" bandwidth="100000"/>
            <Representation id="b" bandwidth="200000"><SegmentTemplate startNumber="5" media="alt/$Number$.m4s"/></Representation>
          </AdaptationSet>
        </Period></MPD>`,
    );
    const set = setOf(p, 'video');
    expect(timesAndUrls(segmentsOf(set, 0))).toEqual([
      [0, 2, BASE + 'a/0.m4s'],
      [2, 4, BASE + 'a/1.m4s'],
      [4, 6, BASE + 'a/2.m4s'],
    ]);
    const b = segmentsOf(set, 1);
    expect(b.map((s) => s.urls[0])).toEqual([BASE + 'alt/5.m4s', BASE + 'alt/6.m4s', BASE + 'alt/7.m4s']);
    expect(b[0].init).toEqual({ urls: [BASE + 'b/init.mp4'] });
  });

  it('inherits the SegmentTimeline from the AdaptationSet and common attributes into Representations', () => {
    const p = parse(
      staticMpd(
        `<AdaptationSet mimeType="audio/mp4" codecs="mp4a.40.2" lang="fr" audioSamplingRate="48000">
          <AudioChannelConfiguration schemeIdUri="urn:mpeg:dash:23003:3:audio_channel_configuration:2011" value="6"/>
          <SegmentTemplate timescale="48000"><SegmentTimeline><S d="96000" r="1"/></SegmentTimeline></SegmentTemplate>
          <Representation id="a1" bandwidth="64000"><SegmentTemplate media="a1/$Time$.m4a"/></Representation>
        </AdaptationSet>`,
        'mediaPresentationDuration="PT4S"',
      ),
    );
    const set = setOf(p, 'audio');
    expect(set.language).toBe('fr');
    expect(set.channels).toBe(6);
    expect(set.representations[0]).toMatchObject({ audioSamplingRate: 48000, channels: 6, codecs: 'mp4a.40.2', mimeType: 'audio/mp4' });
    expect(segmentsOf(set).map((s) => s.urls[0])).toEqual([BASE + 'a1/0.m4a', BASE + 'a1/96000.m4a']);
  });
});

describe('DASH BaseURL resolution', () => {
  const rep = (inner = '') => `<AdaptationSet mimeType="video/mp4"><BaseURL>video/</BaseURL>
      <SegmentTemplate media="seg-$Number$.m4s" duration="4"/>
      <Representation id="r" bandwidth="1"><BaseURL>720/</BaseURL>${inner}</Representation></AdaptationSet>`;

  it('cascades MPD → Period → AdaptationSet → Representation (RFC 3986)', () => {
    const p = parse(staticMpd(`<BaseURL>../shared/p0/</BaseURL>` + rep(), undefined, '<BaseURL>https://cdn1.example.com/root/index/</BaseURL>'));
    expect(segmentsOf(setOf(p, 'video'))[0].urls).toEqual(['https://cdn1.example.com/root/shared/p0/video/720/seg-1.m4s']);
  });

  it('turns several BaseURLs into failover candidates with pathways from @serviceLocation', () => {
    const p = parse(
      staticMpd(rep(), undefined, '<BaseURL serviceLocation="alpha">https://cdn1.example.com/a/</BaseURL><BaseURL serviceLocation="beta">https://cdn2.example.com/b/</BaseURL>'),
    );
    const segment = segmentsOf(setOf(p, 'video'))[1];
    expect(segment.urls).toEqual(['https://cdn1.example.com/a/video/720/seg-2.m4s', 'https://cdn2.example.com/b/video/720/seg-2.m4s']);
    expect(p.pathways).toEqual(['alpha', 'beta']);
  });

  it('lets an absolute BaseURL override its parents (and then pathways are not parallel)', () => {
    const audio = '<AdaptationSet mimeType="audio/mp4"><SegmentTemplate media="a-$Number$.m4s" duration="4"/><Representation id="a" bandwidth="1"/></AdaptationSet>';
    const p = parse(
      staticMpd(rep('<BaseURL>https://other.example.com/x/</BaseURL>').replace('<BaseURL>720/</BaseURL>', '') + audio, undefined, '<BaseURL serviceLocation="alpha">https://cdn1.example.com/a/</BaseURL><BaseURL serviceLocation="beta">https://cdn2.example.com/b/</BaseURL>'),
    );
    expect(segmentsOf(setOf(p, 'video'))[0].urls).toEqual(['https://other.example.com/x/seg-1.m4s']);
    expect(segmentsOf(setOf(p, 'audio'))[0].urls).toEqual(['https://cdn1.example.com/a/a-1.m4s', 'https://cdn2.example.com/b/a-1.m4s']);
    expect(p.pathways).toBeUndefined();
    expect(p.warnings.map((w) => w.kind)).toContain('pathways-inconsistent');
  });

  it('drops non-http(s) candidates with a warning, and fails with UNSUPPORTED_URL_SCHEME when none is left', () => {
    const p = parse(staticMpd(rep(), undefined, '<BaseURL>javascript:alert(1)//</BaseURL><BaseURL>https://cdn.example.com/ok/</BaseURL>'));
    expect(segmentsOf(setOf(p, 'video'))[0].urls).toEqual(['https://cdn.example.com/ok/video/720/seg-1.m4s']);
    expect(p.warnings.map((w) => w.kind)).toContain('unsupported-url-scheme');
    expectTesseraError(() => parse(staticMpd(rep(), undefined, '<BaseURL>file:///etc/</BaseURL>')), ErrorCode.UNSUPPORTED_URL_SCHEME);
    expectTesseraError(() => parse(staticMpd(rep()), 'file:///local/manifest.mpd'), ErrorCode.UNSUPPORTED_URL_SCHEME);
    expectTesseraError(() => parse(staticMpd(rep('<BaseURL>data:video/mp4;base64,AAAA</BaseURL>').replace('<BaseURL>720/</BaseURL>', ''))), ErrorCode.UNSUPPORTED_URL_SCHEME);
  });

  it('resolves $RepresentationID$ before URL resolution, so an id cannot smuggle a scheme', () => {
    expectTesseraError(
      () => parse(staticMpd('<AdaptationSet mimeType="video/mp4"><SegmentTemplate media="$RepresentationID$/$Number$.m4s" duration="4"/><Representation id="javascript:x" bandwidth="1"/></AdaptationSet>')),
      ErrorCode.UNSUPPORTED_URL_SCHEME,
    );
  });
});

describe('DASH SegmentList', () => {
  it('maps SegmentURL@media/@mediaRange with @duration and an Initialization@range', () => {
    const p = parse(
      staticMpd(
        `<AdaptationSet mimeType="video/mp4"><Representation id="r" bandwidth="1"><BaseURL>file.mp4</BaseURL>
          <SegmentList timescale="10" duration="25"><Initialization range="0-99"/>
            <SegmentURL mediaRange="100-199"/><SegmentURL media="other.mp4" mediaRange="200-349"/><SegmentURL mediaRange="350-400"/>
          </SegmentList></Representation></AdaptationSet>`,
        'mediaPresentationDuration="PT6S"',
      ),
    );
    const segments = segmentsOf(setOf(p, 'video'));
    expect(timesAndUrls(segments)).toEqual([
      [0, 2.5, BASE + 'file.mp4'],
      [2.5, 5, BASE + 'other.mp4'],
      [5, 6, BASE + 'file.mp4'],
    ]);
    expect(segments.map((s) => s.byteRange)).toEqual([{ start: 100, end: 199 }, { start: 200, end: 349 }, { start: 350, end: 400 }]);
    expect(segments[1].sizeBytes).toBe(150);
    expect(segments[0].init).toEqual({ urls: [BASE + 'file.mp4'], byteRange: { start: 0, end: 99 } });
  });

  it('times SegmentURLs by the SegmentTimeline entry at the same position', () => {
    const p = parse(
      staticMpd(
        `<AdaptationSet mimeType="video/mp4"><Representation id="r" bandwidth="1">
          <SegmentList timescale="1000" startNumber="7"><Initialization sourceURL="init.mp4"/>
            <SegmentTimeline><S t="500" d="1000"/><S d="2000"/></SegmentTimeline>
            <SegmentURL media="a.m4s"/><SegmentURL media="b.m4s"/><SegmentURL media="c.m4s"/>
          </SegmentList></Representation></AdaptationSet>`,
      ),
    );
    const segments = segmentsOf(setOf(p, 'video'));
    expect(timesAndUrls(segments)).toEqual([
      [0.5, 1.5, BASE + 'a.m4s'],
      [1.5, 3.5, BASE + 'b.m4s'],
    ]);
    expect(segments.map((s) => s.number)).toEqual([7, 8]);
    expect(segments[0].init).toEqual({ urls: [BASE + 'init.mp4'] });
  });
});

describe('DASH SegmentBase and segmentsFromSidx', () => {
  const mpd = staticMpd(
    `<AdaptationSet mimeType="video/mp4" codecs="avc1.64001f"><Representation id="r" bandwidth="1">
      <BaseURL>video.mp4</BaseURL><SegmentBase indexRange="800-1099" timescale="1000" presentationTimeOffset="2000"><Initialization range="0-799"/></SegmentBase>
    </Representation></AdaptationSet>`,
    'mediaPresentationDuration="PT30S"',
  );

  it('describes a sidx part for the engine to fetch', () => {
    const part = setOf(parse(mpd), 'video').representations[0].segmentIndex[0];
    expect(part).toEqual({
      kind: 'sidx',
      urls: [BASE + 'video.mp4'],
      indexRange: { start: 800, end: 1099 },
      init: { urls: [BASE + 'video.mp4'], byteRange: { start: 0, end: 799 } },
      periodStart: 0,
      periodEnd: 30,
      presentationTimeOffset: 2,
      discontinuity: 0,
    });
  });

  it('turns a parsed sidx into byte-range segments anchored after the sidx box', () => {
    const part = setOf(parse(mpd), 'video').representations[0].segmentIndex[0];
    if (part.kind !== 'sidx') throw new Error('not sidx');
    const ref = (size: number, duration: number, referenceType: 0 | 1 = 0) => ({ referenceType, referencedSize: size, subsegmentDuration: duration, startsWithSap: true, sapType: 1, sapDeltaTime: 0 });
    const sidx: SidxInfo = {
      version: 0,
      referenceId: 1,
      timescale: 1000,
      earliestPresentationTime: 2000,
      firstOffset: 10,
      // endOffset: within the fetched bytes (the index range), just after the sidx box.
      endOffset: 68,
      references: [ref(5000, 4000), ref(6000, 4000), ref(7000, 4000, 1), ref(8000, 4000)],
    };
    const segments = segmentsFromSidx(sidx, part, 800);
    // anchor = 800 + 68 + 10 = 878
    expect(segments.map((s) => [s.startTime, s.endTime, s.byteRange, s.number])).toEqual([
      [0, 4, { start: 878, end: 5877 }, 1],
      [4, 8, { start: 5878, end: 11877 }, 2],
      // reference 3 points at another sidx: skipped, its bytes and time still advance.
      [12, 16, { start: 18878, end: 26877 }, 4],
    ]);
    expect(segments[0]).toMatchObject({ urls: [BASE + 'video.mp4'], timestampOffset: -2, discontinuity: 0, sizeBytes: 5000, init: part.init });
    expectTesseraError(() => segmentsFromSidx({ ...sidx, timescale: 0 }, part, 0), ErrorCode.SIDX_INVALID);
  });

  it('drops sidx references past the period end', () => {
    const part = { kind: 'sidx' as const, urls: ['https://x/v.mp4'], periodStart: 10, periodEnd: 15, presentationTimeOffset: 0, discontinuity: 1 };
    const refs = [0, 1, 2].map(() => ({ referenceType: 0 as const, referencedSize: 10, subsegmentDuration: 3, startsWithSap: true, sapType: 1, sapDeltaTime: 0 }));
    const segments = segmentsFromSidx({ version: 1, referenceId: 1, timescale: 1, earliestPresentationTime: 0, firstOffset: 0, endOffset: 52, references: refs }, part, 0);
    expect(segments.map((s) => [s.startTime, s.discontinuity])).toEqual([[10, 1], [13, 1]]);
  });

  it('merges SegmentBase across levels and keeps RepresentationIndex as indexUrls', () => {
    const p = parse(
      staticMpd(
        `<AdaptationSet mimeType="video/mp4"><BaseURL>movie.mp4</BaseURL><SegmentBase><RepresentationIndex sourceURL="movie.sidx" range="0-499"/></SegmentBase>
          <Representation id="r" bandwidth="1"><SegmentBase/></Representation></AdaptationSet>`,
      ),
    );
    expect(setOf(p, 'video').representations[0].segmentIndex[0]).toMatchObject({ kind: 'sidx', urls: [BASE + 'movie.mp4'], indexUrls: [BASE + 'movie.sidx'], indexRange: { start: 0, end: 499 } });
  });

  it('treats a Representation with only a BaseURL as a self-indexed file (sidx without indexRange)', () => {
    const p = parse(staticMpd('<AdaptationSet mimeType="audio/mp4"><Representation id="a" bandwidth="1"><BaseURL>a.mp4</BaseURL></Representation></AdaptationSet>'));
    const part = setOf(p, 'audio').representations[0].segmentIndex[0];
    expect(part).toMatchObject({ kind: 'sidx', urls: [BASE + 'a.mp4'] });
    expect(part).not.toHaveProperty('indexRange');
  });

  it('makes a sidecar text file one segment spanning the period', () => {
    const p = parse(
      staticMpd(
        '<AdaptationSet mimeType="text/vtt" lang="de"><Role schemeIdUri="urn:mpeg:dash:role:2011" value="subtitle"/><Representation id="de" bandwidth="1"><BaseURL>https://subs.example.com/de.vtt</BaseURL></Representation></AdaptationSet>' +
          '<AdaptationSet mimeType="audio/mp4"><Representation id="a" bandwidth="1"><BaseURL>a.mp4</BaseURL></Representation></AdaptationSet>',
      ),
    );
    const text = setOf(p, 'text');
    expect(text).toMatchObject({ language: 'de', roles: ['subtitle'], mimeType: 'text/vtt' });
    expect(timesAndUrls(segmentsOf(text))).toEqual([[0, 8, 'https://subs.example.com/de.vtt']]);
  });
});
