import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@tessera/core';
import { expectTesseraError, NOW, parse, segmentsOf, setOf, staticMpd } from './helpers';

const VIDEO = '<AdaptationSet mimeType="video/mp4" codecs="avc1.64001f"><SegmentTemplate media="v/$Number$.m4s" duration="4"/><Representation id="v" bandwidth="1000"/></AdaptationSet>';
const PSSH_B64 = 'AAAAMnBzc2gAAAAA7e+LqXnWSs6jyCfc1R0h7QAAABIiEHRlc3QtY29udGVudC1pZDE=';
const KID = '6e5a1d26-2757-47d7-8046-eaa5d1d34b5a';

describe('DASH ContentProtection → DrmInfo', () => {
  const mpd = staticMpd(`<AdaptationSet mimeType="video/mp4" codecs="avc1.64001f" xmlns:mspr="urn:microsoft:playready" xmlns:dashif="https://dashif.org/CPS" xmlns:clearkey="http://dashif.org/guidelines/clearKey">
      <ContentProtection schemeIdUri="urn:mpeg:dash:mp4protection:2011" value="cbcs" cenc:default_KID="${KID}"/>
      <ContentProtection schemeIdUri="urn:uuid:EDEF8BA9-79D6-4ACE-A3C8-27DCD51D21ED"><cenc:pssh>${PSSH_B64}</cenc:pssh><dashif:laurl>https://license.example.com/wv</dashif:laurl></ContentProtection>
      <ContentProtection schemeIdUri="urn:uuid:9a04f079-9840-4286-ab92-e65be0885f95"><mspr:pro>AQID</mspr:pro><ms:laurl xmlns:ms="urn:microsoft" licenseUrl="https://license.example.com/pr"/></ContentProtection>
      <ContentProtection schemeIdUri="urn:uuid:e2719d58-a985-b3c9-781a-b030af78d30e"><clearkey:Laurl Lic_type="EME-1.0">https://license.example.com/ck</clearkey:Laurl></ContentProtection>
      <ContentProtection schemeIdUri="urn:uuid:94ce86fb-07ff-4f43-adb8-93d2fa968ca2"/>
      <ContentProtection schemeIdUri="urn:uuid:00000000-0000-0000-0000-000000000000"/>
      <SegmentTemplate media="v/$Number$.m4s" duration="4"/>
      <Representation id="v" bandwidth="1000"><ContentProtection schemeIdUri="urn:uuid:1077efec-c0b2-4d02-ace3-3c1e52e2fb4b"/></Representation>
    </AdaptationSet>`);
  const p = parse(mpd);
  const set = setOf(p, 'video');

  it('maps well-known system IDs to key systems and inherits scheme and KID from mp4protection', () => {
    expect(set.drm.map((d) => [d.keySystem, d.encryptionScheme, d.defaultKeyIds])).toEqual([
      ['com.widevine.alpha', 'cbcs', ['6e5a1d26275747d78046eaa5d1d34b5a']],
      ['com.microsoft.playready', 'cbcs', ['6e5a1d26275747d78046eaa5d1d34b5a']],
      ['org.w3.clearkey', 'cbcs', ['6e5a1d26275747d78046eaa5d1d34b5a']],
      ['com.apple.fps', 'cbcs', ['6e5a1d26275747d78046eaa5d1d34b5a']],
      [undefined, 'cbcs', ['6e5a1d26275747d78046eaa5d1d34b5a']],
    ]);
    expect(set.drm[4].schemeIdUri).toBe('urn:uuid:00000000-0000-0000-0000-000000000000');
  });

  it('decodes cenc:pssh, wraps mspr:pro into a pssh box, and reads licence URLs', () => {
    const [wv, pr, ck] = set.drm;
    expect(wv.initData.length).toBe(1);
    expect(wv.initData[0].type).toBe('cenc');
    expect(Array.from(wv.initData[0].data.subarray(4, 8))).toEqual([0x70, 0x73, 0x73, 0x68]);
    expect(wv.initData[0].data.length).toBe(50);
    expect(wv.licenseServerUrl).toBe('https://license.example.com/wv');
    const box = pr.initData[0].data;
    expect(box.length).toBe(35);
    expect(Array.from(box.subarray(0, 8))).toEqual([0, 0, 0, 35, 0x70, 0x73, 0x73, 0x68]);
    expect(Array.from(box.subarray(12, 16))).toEqual([0x9a, 0x04, 0xf0, 0x79]);
    expect(Array.from(box.subarray(28))).toEqual([0, 0, 0, 3, 1, 2, 3]);
    expect(pr.licenseServerUrl).toBe('https://license.example.com/pr');
    expect(ck.licenseServerUrl).toBe('https://license.example.com/ck');
  });

  it('adds Representation-level ContentProtection to the inherited ones', () => {
    const drm = set.representations[0].drm;
    expect(drm.length).toBe(6);
    expect(drm[5].keySystem).toBe('org.w3.clearkey');
  });

  it('keeps a bare mp4protection descriptor when no system is named, and warns on a bad KID', () => {
    const q = parse(staticMpd(VIDEO.replace('<SegmentTemplate', '<ContentProtection schemeIdUri="urn:mpeg:dash:mp4protection:2011" value="cenc" cenc:default_KID="nothex"/><SegmentTemplate')));
    expect(setOf(q, 'video').drm).toEqual([{ schemeIdUri: 'urn:mpeg:dash:mp4protection:2011', encryptionScheme: 'cenc', defaultKeyIds: [], initData: [] }]);
    expect(q.warnings.map((w) => w.kind)).toContain('invalid-default-kid');
  });
});

describe('DASH descriptors and presentation-level elements', () => {
  it('reads Role, Label, lang and Accessibility, and splits sets by codec family', () => {
    const p = parse(
      staticMpd(
        VIDEO.replace('codecs="avc1.64001f">', 'codecs="avc1.64001f"><Representation id="h" bandwidth="900" codecs="hvc1.1.6.L93.B0"/>') +
          `<AdaptationSet mimeType="audio/mp4" codecs="ec-3" lang="en">
            <Role schemeIdUri="urn:mpeg:dash:role:2011" value="alternate"/><Role schemeIdUri="urn:mpeg:dash:role:2011" value="commentary"/>
            <Label>Director's commentary</Label>
            <Accessibility schemeIdUri="urn:tva:metadata:cs:AudioPurposeCS:2007" value="1"/>
            <AudioChannelConfiguration schemeIdUri="tag:dolby.com,2014:dash:audio_channel_configuration:2011" value="F801"/>
            <SegmentTemplate media="a/$Number$.m4s" duration="4"/><Representation id="a" bandwidth="1"/>
          </AdaptationSet>`,
      ),
    );
    expect(p.switchingSets.map((s) => s.id)).toEqual(['video:und:hvc1', 'video:und:avc1', 'audio:en:ec-3:alternate+commentary']);
    const audio = setOf(p, 'audio');
    expect(audio).toMatchObject({
      language: 'en',
      label: "Director's commentary",
      roles: ['alternate', 'commentary'],
      isDefault: false,
      channels: 6,
      accessibility: [{ schemeIdUri: 'urn:tva:metadata:cs:AudioPurposeCS:2007', value: '1' }],
    });
  });

  it('turns a thumbnail_tile image AdaptationSet into an image set with tiles', () => {
    const p = parse(
      staticMpd(
        VIDEO +
          `<AdaptationSet id="3" mimeType="image/jpeg" contentType="image">
            <SegmentTemplate media="thumbs/$Number$.jpg" duration="50" timescale="10"/>
            <Representation bandwidth="12288" id="thumbs" width="1280" height="720">
              <EssentialProperty schemeIdUri="http://dashif.org/thumbnail_tile" value="5x5"/>
            </Representation>
          </AdaptationSet>`,
        'mediaPresentationDuration="PT12S"',
      ),
    );
    const image = setOf(p, 'image');
    expect(image.tiles).toEqual({ columns: 5, rows: 5, width: 256, height: 144, durationSeconds: 0.2 });
    expect(segmentsOf(image).map((s) => [s.startTime, s.endTime, s.urls[0]])).toEqual([
      [0, 5, 'https://cdn.example.com/title/thumbs/1.jpg'],
      [5, 10, 'https://cdn.example.com/title/thumbs/2.jpg'],
      [10, 12, 'https://cdn.example.com/title/thumbs/3.jpg'],
    ]);
  });

  it('ignores AdaptationSets with an unknown EssentialProperty or trick-mode', () => {
    const p = parse(
      staticMpd(
        VIDEO +
          VIDEO.replace('<SegmentTemplate', '<EssentialProperty schemeIdUri="urn:example:future"/><SegmentTemplate') +
          VIDEO.replace('<SegmentTemplate', '<EssentialProperty schemeIdUri="http://dashif.org/guidelines/trickmode" value="1"/><SegmentTemplate'),
      ),
    );
    expect(p.switchingSets.length).toBe(1);
    expect(p.warnings.filter((w) => w.kind === 'adaptation-set-ignored').length).toBe(2);
  });

  it('reads EventStream, Location and ContentSteering', () => {
    const p = parse(
      `<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT20S">
        <Location>refresh.mpd?x=1</Location><Location>javascript:bad()</Location>
        <ContentSteering defaultServiceLocation="alpha" queryBeforeStart="true" proxyServerURL="https://proxy.example.com/s">https://steer.example.com/v1</ContentSteering>
        <Period start="PT10S">
          <EventStream schemeIdUri="urn:scte:scte35:2013:xml" value="1" timescale="1000" presentationTimeOffset="500">
            <Event presentationTime="1500" duration="2000" id="7" messageData="hello"/>
            <Event presentationTime="3500" id="8">inline data</Event>
          </EventStream>
          ${VIDEO}
        </Period></MPD>`,
    );
    expect(p.events).toEqual([
      { schemeIdUri: 'urn:scte:scte35:2013:xml', value: '1', id: '7', startTime: 11, duration: 2, messageData: 'hello' },
      { schemeIdUri: 'urn:scte:scte35:2013:xml', value: '1', id: '8', startTime: 13, duration: 0, messageData: 'inline data' },
    ]);
    expect(p.locations).toEqual(['https://cdn.example.com/title/refresh.mpd?x=1']);
    expect(p.steering).toEqual({ serverUri: 'https://steer.example.com/v1', defaultPathwayId: 'alpha', queryBeforeStart: true, proxyServerUri: 'https://proxy.example.com/s' });
    expect(p.periods[0]).toEqual({ id: '0', start: 10, duration: 10 });
  });

  it('describes live presentations: window, refresh, delay and UTCTiming', () => {
    const p = parse(`<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="dynamic" availabilityStartTime="2024-01-01T11:00:00Z"
        timeShiftBufferDepth="PT30S" minimumUpdatePeriod="PT5S" suggestedPresentationDelay="PT12S" minBufferTime="PT2S">
        <Period start="PT0S">${VIDEO}</Period><UTCTiming schemeIdUri="urn:mpeg:dash:utc:http-iso:2014" value="https://time.example.com/"/></MPD>`);
    expect(p.live).toEqual({
      availabilityStartTimeMs: Date.UTC(2024, 0, 1, 11),
      timeShiftBufferDepth: 30,
      refreshIntervalSeconds: 5,
      suggestedPresentationDelay: 12,
      ended: false,
      utcTiming: [{ schemeIdUri: 'urn:mpeg:dash:utc:http-iso:2014', value: 'https://time.example.com/' }],
    });
    const segments = segmentsOf(setOf(p, 'video'));
    expect(segments[segments.length - 1].endTime).toBe((NOW - Date.UTC(2024, 0, 1, 11)) / 1000);
    expect(p.periods[0].duration).toBe(Infinity);
  });
});

describe('DASH scope and errors', () => {
  const ts = '<AdaptationSet mimeType="video/mp2t"><SegmentTemplate media="$Number$.ts" duration="4"/><Representation id="t" bandwidth="1"/></AdaptationSet>';
  const webm = '<AdaptationSet mimeType="video/webm" codecs="vp9"><SegmentTemplate media="$Number$.webm" duration="4"/><Representation id="w" bandwidth="1"/></AdaptationSet>';

  it('drops MPEG-TS and WebM renditions with a warning when fMP4 remains', () => {
    const p = parse(staticMpd(ts + webm + VIDEO));
    expect(p.switchingSets.map((s) => s.id)).toEqual(['video:und:avc1']);
    expect(p.warnings.filter((w) => w.kind === 'rendition-dropped').length).toBe(2);
  });

  it('fails with MPEG_TS_UNSUPPORTED or NO_PLAYABLE_STREAMS when nothing playable remains', () => {
    expectTesseraError(() => parse(staticMpd(ts + webm)), ErrorCode.MPEG_TS_UNSUPPORTED);
    expectTesseraError(() => parse(staticMpd(webm)), ErrorCode.NO_PLAYABLE_STREAMS);
    expectTesseraError(() => parse(staticMpd('<AdaptationSet mimeType="text/vtt"><Representation id="t" bandwidth="1"><BaseURL>t.vtt</BaseURL></Representation></AdaptationSet>')), ErrorCode.NO_PLAYABLE_STREAMS);
  });

  it('reports structural problems with typed errors', () => {
    expectTesseraError(() => parse('<MPD xmlns="urn:mpeg:dash:schema:mpd:2011"/>'), ErrorCode.DASH_INVALID);
    expectTesseraError(() => parse('<html><body/></html>'), ErrorCode.DASH_INVALID);
    expectTesseraError(() => parse('<MPD><Period>'), ErrorCode.MANIFEST_XML_MALFORMED);
    expectTesseraError(() => parse('{"not":"a manifest"}'), ErrorCode.MANIFEST_UNKNOWN_FORMAT);
    expectTesseraError(() => parse(''), ErrorCode.MANIFEST_UNKNOWN_FORMAT);
    expectTesseraError(() => parse(staticMpd('<AdaptationSet mimeType="video/mp4"><SegmentTemplate media="$Number$.m4s"/><Representation id="v" bandwidth="1"/></AdaptationSet>')), ErrorCode.DASH_INVALID);
  });

  it('fails with INVALID_DURATION when a needed duration is unreadable, and recovers when it is not needed', () => {
    const error = expectTesseraError(() => parse(staticMpd(VIDEO, 'mediaPresentationDuration="PT1H1H"')), ErrorCode.INVALID_DURATION);
    expect(error.data).toEqual({ url: 'https://cdn.example.com/title/manifest.mpd', attribute: 'mediaPresentationDuration', value: 'PT1H1H' });
    const timeline = '<AdaptationSet mimeType="video/mp4"><SegmentTemplate media="$Number$.m4s"><SegmentTimeline><S d="2" r="2"/></SegmentTimeline></SegmentTemplate><Representation id="v" bandwidth="1"/></AdaptationSet>';
    const p = parse(staticMpd(timeline, 'mediaPresentationDuration="soon"'));
    expect(p.duration).toBe(6);
    expect(p.warnings.map((w) => w.kind)).toContain('invalid-duration');
    const plain = parse(staticMpd(VIDEO, 'mediaPresentationDuration="8.0"'));
    expect(plain.duration).toBe(8);
    expect(plain.warnings.map((w) => w.kind)).toContain('non-iso-duration');
  });
});
