import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TesseraError, type Presentation } from '@tessera/core';
import { parseHlsMediaPlaylist, parseManifest, parseXml, segmentsFromSidx } from '@tessera/core/manifest';

/*
 * Seeded fuzzing: structural mutations of real and hand-made manifests. Each case must
 * return a bounded model or throw a TesseraError (never anything else, never the
 * internal-error wrapper), within a per-case time cap.
 */

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const CORPUS = resolve(repoRoot, '../shared/corpus');
const MAX_SEGMENTS = 2000;
const CASE_CAP_MS = 250;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYNTHETIC_MPD = `<?xml version="1.0"?>
<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" xmlns:cenc="urn:mpeg:cenc:2013" type="static" mediaPresentationDuration="PT30S">
<BaseURL serviceLocation="a">https://a.example.com/</BaseURL><BaseURL serviceLocation="b">https://b.example.com/</BaseURL>
<Period id="1" duration="PT10S"><AdaptationSet mimeType="video/mp4" codecs="avc1.64001f">
<ContentProtection schemeIdUri="urn:mpeg:dash:mp4protection:2011" value="cenc" cenc:default_KID="6e5a1d26-2757-47d7-8046-eaa5d1d34b5a"/>
<ContentProtection schemeIdUri="urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed"><cenc:pssh>AAAAMnBzc2gAAAAA7e+LqXnWSs6jyCfc1R0h7QAAABIiEHRlc3QtY29udGVudC1pZDE=</cenc:pssh></ContentProtection>
<SegmentTemplate timescale="90000" media="$RepresentationID$/$Time$.m4s" initialization="$RepresentationID$/init.mp4" presentationTimeOffset="900">
<SegmentTimeline><S t="900" d="180000" r="-1"/></SegmentTimeline></SegmentTemplate>
<Representation id="v1" bandwidth="500000" width="640" height="360"/><Representation id="v2" bandwidth="2000000" width="1280" height="720"/>
</AdaptationSet><AdaptationSet mimeType="audio/mp4" lang="en"><SegmentTemplate media="a/$Number%05d$.m4s" duration="2" startNumber="0"/>
<Representation id="a" bandwidth="128000"/></AdaptationSet>
<AdaptationSet mimeType="image/jpeg"><SegmentTemplate media="t/$Number$.jpg" duration="10"/><Representation id="t" bandwidth="1" width="640" height="360">
<EssentialProperty schemeIdUri="http://dashif.org/thumbnail_tile" value="5x5"/></Representation></AdaptationSet></Period>
<Period><EventStream schemeIdUri="urn:x" timescale="1000"><Event presentationTime="10" duration="5">x</Event></EventStream>
<AdaptationSet mimeType="video/mp4"><Representation id="v" bandwidth="1"><BaseURL>v.mp4</BaseURL><SegmentBase indexRange="100-200"><Initialization range="0-99"/></SegmentBase></Representation></AdaptationSet>
<AdaptationSet mimeType="audio/mp4"><Representation id="l" bandwidth="1"><SegmentList duration="4"><SegmentURL media="l1.m4s" mediaRange="0-10"/><SegmentURL media="l2.m4s"/></SegmentList></Representation></AdaptationSet></Period>
</MPD>`;

const SYNTHETIC_LIVE_MPD = `<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="dynamic" availabilityStartTime="2023-12-31T00:00:00Z" timeShiftBufferDepth="PT60S" minimumUpdatePeriod="PT2S">
<Period start="PT0S"><AdaptationSet mimeType="video/mp4"><SegmentTemplate media="$Number$.m4s" duration="2"/><Representation id="v" bandwidth="1"/></AdaptationSet>
<AdaptationSet mimeType="audio/mp4"><SegmentTemplate media="$Time$.m4s"><SegmentTimeline><S t="0" d="4" r="-1"/></SegmentTimeline></SegmentTemplate><Representation id="a" bandwidth="1"/></AdaptationSet></Period></MPD>`;

const SYNTHETIC_HLS = `#EXTM3U
#EXT-X-VERSION:7
#EXT-X-TARGETDURATION:6
#EXT-X-MEDIA-SEQUENCE:10
#EXT-X-MAP:URI="init.mp4",BYTERANGE="720@0"
#EXT-X-KEY:METHOD=SAMPLE-AES,URI="skd://k",KEYFORMAT="com.apple.streamingkeydelivery"
#EXT-X-PROGRAM-DATE-TIME:2024-01-01T00:00:00Z
#EXTINF:6.0,
#EXT-X-BYTERANGE:1000@720
main.mp4
#EXT-X-DISCONTINUITY
#EXTINF:6.0,
#EXT-X-BYTERANGE:1000
main.mp4
#EXT-X-GAP
#EXTINF:5,
s3.m4s
#EXT-X-ENDLIST
`;

const SYNTHETIC_MASTER = `#EXTM3U
#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",LANGUAGE="en",NAME="English",DEFAULT=YES,URI="a.m3u8"
#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="s",LANGUAGE="fr",NAME="Fr",URI="s.m3u8"
#EXT-X-SESSION-KEY:METHOD=SAMPLE-AES-CTR,URI="data:text/plain;base64,AAAA",KEYFORMAT="urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed"
#EXT-X-STREAM-INF:BANDWIDTH=1000000,CODECS="avc1.64001f,mp4a.40.2",RESOLUTION=1280x720,AUDIO="a",SUBTITLES="s"
v.m3u8
#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=1,URI="i.m3u8"
#EXT-X-IMAGE-STREAM-INF:BANDWIDTH=1,RESOLUTION=320x180,URI="img.m3u8"
`;

function seeds(): string[] {
  const out = [SYNTHETIC_MPD, SYNTHETIC_LIVE_MPD, SYNTHETIC_HLS, SYNTHETIC_MASTER];
  for (const dir of ['dash', 'hls']) {
    const path = join(CORPUS, dir);
    if (!existsSync(path)) continue;
    const names = readdirSync(path).filter((n) => /\.(mpd|m3u8)$/.test(n)).sort();
    for (const name of names) out.push(readFileSync(join(path, name), 'utf8'));
  }
  return out;
}

const CHARS = ['<', '>', '"', "'", '&', '$', '%', '#', '/', '=', ',', '\n', '\u0000', '-', '9', ':', ' ', '@', 'x', '\uFFFF', ']]>', '<!--'];

type Mutation = (text: string, rnd: () => number) => string;
const pick = <T,>(list: T[], rnd: () => number): T => list[Math.floor(rnd() * list.length)];
const at = (text: string, rnd: () => number) => Math.floor(rnd() * (text.length + 1));

const MUTATIONS: Record<string, Mutation> = {
  truncate: (t, r) => t.slice(0, at(t, r)),
  flip: (t, r) => {
    let s = t;
    const n = 1 + Math.floor(r() * 8);
    for (let k = 0; k < n; k++) {
      const i = at(s, r);
      s = s.slice(0, i) + pick(CHARS, r) + s.slice(i + 1);
    }
    return s;
  },
  duplicateTag: (t, r) => {
    const tags = t.match(/<[A-Za-z][^<>]*\/>|^#EXT[^\n]*$/gm) || [];
    if (!tags.length) return t;
    const tag = pick(tags, r);
    return t.replace(tag, tag.repeat(2 + Math.floor(r() * 300)));
  },
  duplicateAttribute: (t, r) => {
    const attrs = t.match(/ [A-Za-z:]+="[^"]*"/g) || [];
    if (!attrs.length) return t;
    const a = pick(attrs, r);
    return t.replace(a, a + a);
  },
  hugeNumber: (t, r) => {
    const numbers = t.match(/\d+/g) || [];
    if (!numbers.length) return t;
    const n = pick(numbers, r);
    return t.replace(n, pick(['9'.repeat(20 + Math.floor(r() * 300)), '1e308', '-1', '0', '4294967296', '9007199254740993', 'NaN'], r));
  },
  deepNesting: (t, r) => {
    const i = at(t, r);
    const depth = 50 + Math.floor(r() * 5000);
    return t.slice(0, i) + '<x>'.repeat(depth) + (r() < 0.5 ? '</x>'.repeat(depth) : '') + t.slice(i);
  },
  repeatForever: (t, r) =>
    t
      .replace(/<S [^>]*\/>/, `<S t="0" d="${pick(['1', '0', '3', '1e3'], r)}" r="-1"/>`)
      .replace(/mediaPresentationDuration="[^"]*"/, `mediaPresentationDuration="${pick(['P9999Y', 'PT100000000H', 'P1D', 'PT0S'], r)}"`)
      .replace(/timeShiftBufferDepth="[^"]*"/, `timeShiftBufferDepth="${pick(['P9999Y', 'PT0S', 'bad'], r)}"`),
  formatTags: (t, r) => t.replace(/\$(Number|Time)[^$]*\$/, pick(['$Number%0999999d$', '$Number%05d$$Time$', '$$$$', '$Number%d', '$Time%0-5d$', '$Bandwidth%0100d$', '$RepresentationID$'], r)),
  dropLines: (t, r) => t.split('\n').filter(() => r() > 0.2).join('\n'),
  shuffleLines: (t, r) => {
    const lines = t.split('\n');
    for (let k = lines.length - 1; k > 0; k--) {
      const j = Math.floor(r() * (k + 1));
      [lines[k], lines[j]] = [lines[j], lines[k]];
    }
    return lines.join('\n');
  },
  hlsValues: (t, r) =>
    t.replace(/(EXTINF:|BYTERANGE:|TARGETDURATION:|MEDIA-SEQUENCE:|BANDWIDTH=)[^,\n]*/, (_m, tag) => tag + pick(['-5', '1e400', '', '999999999999999999999', '@', '5@-3', '0x'], r)),
};
const NAMES = Object.keys(MUTATIONS);

function segmentCount(p: Presentation): number {
  let n = 0;
  for (const set of p.switchingSets) for (const rep of set.representations) for (const part of rep.segmentIndex) if (part.kind === 'segments') n += part.segments.length;
  return n;
}

function check(run: () => unknown, label: string): 'ok' | 'error' {
  const t0 = performance.now();
  let outcome: 'ok' | 'error' = 'ok';
  try {
    run();
  } catch (error) {
    if (!(error instanceof TesseraError)) throw new Error(`${label}: non-Tessera exception ${String(error)}`);
    if (error.message.indexOf('internal parser error') >= 0) throw new Error(`${label}: ${error.message}`);
    outcome = 'error';
  }
  const elapsed = performance.now() - t0;
  if (elapsed > CASE_CAP_MS) throw new Error(`${label}: took ${elapsed.toFixed(0)} ms`);
  return outcome;
}

describe('manifest parser fuzzing', () => {
  const base = seeds();

  it('survives 3000 seeded mutations with typed errors, bounded time and bounded output', () => {
    const rnd = mulberry32(0x7e55e7a);
    const tally: Record<string, number> = { ok: 0, error: 0 };
    for (let k = 0; k < 3000; k++) {
      const seedIndex = k < base.length ? k : Math.floor(rnd() * base.length);
      let text = base[seedIndex];
      const steps = 1 + Math.floor(rnd() * 3);
      const applied: string[] = [];
      for (let s = 0; s < steps; s++) {
        const name = pick(NAMES, rnd);
        applied.push(name);
        text = MUTATIONS[name](text, rnd);
      }
      const label = `case ${k} (seed ${seedIndex}, ${applied.join('+')})`;
      const outcome = check(() => {
        const p = parseManifest(text, 'https://fuzz.example.com/a/manifest', { nowMs: Date.UTC(2024, 0, 1), maxSegments: MAX_SEGMENTS });
        if (segmentCount(p) > 10 * MAX_SEGMENTS) throw new Error(`${label}: ${segmentCount(p)} segments`);
      }, label);
      tally[outcome]++;
    }
    // Both outcomes occur: the mutations are neither all fatal nor all harmless.
    expect(tally.ok).toBeGreaterThan(300);
    expect(tally.error).toBeGreaterThan(300);
  });

  it('keeps parseHlsMediaPlaylist and parseXml typed under mutation', () => {
    const rnd = mulberry32(42);
    for (let k = 0; k < 1000; k++) {
      const text = MUTATIONS[pick(NAMES, rnd)](k % 2 ? SYNTHETIC_HLS : SYNTHETIC_MPD, rnd);
      check(() => (k % 2 ? parseHlsMediaPlaylist(text, 'https://fuzz.example.com/p.m3u8', { startTime: rnd() * 100, maxSegments: MAX_SEGMENTS }) : parseXml(text)), `direct case ${k}`);
    }
  });

  it('keeps segmentsFromSidx typed and bounded for arbitrary sidx values', () => {
    const rnd = mulberry32(7);
    const values = [0, 1, -1, 2 ** 32, 2 ** 53, NaN, Infinity, 0.5];
    for (let k = 0; k < 500; k++) {
      const refs = Array.from({ length: Math.floor(rnd() * 50) }, () => ({
        referenceType: (rnd() < 0.2 ? 1 : 0) as 0 | 1,
        referencedSize: pick(values, rnd),
        subsegmentDuration: pick(values, rnd),
        startsWithSap: true,
        sapType: 1,
        sapDeltaTime: 0,
      }));
      const sidx = { version: 0, referenceId: 1, timescale: pick(values, rnd), earliestPresentationTime: pick(values, rnd), firstOffset: pick(values, rnd), endOffset: 52, references: refs };
      const part = { kind: 'sidx' as const, urls: ['https://x/v.mp4'], periodStart: 0, periodEnd: pick([10, Infinity], rnd), presentationTimeOffset: 0, discontinuity: 0 };
      check(() => {
        const segments = segmentsFromSidx(sidx, part, pick(values, rnd));
        if (segments.length > refs.length) throw new Error('more segments than references');
      }, `sidx case ${k}`);
    }
  });
});
