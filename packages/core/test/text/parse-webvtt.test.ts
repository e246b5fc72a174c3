import { describe, expect, it } from 'vitest';
import { ErrorCode, TesseraError } from '@tessera/core';
import { parseWebVtt } from '../../src/text/webvtt';

function parseError(text: unknown, url?: string): TesseraError {
  try {
    parseWebVtt(text as string, { url });
  } catch (error) {
    expect(error).toBeInstanceOf(TesseraError);
    return error as TesseraError;
  }
  throw new Error('expected TEXT_PARSE_FAILED');
}

const BASIC = [
  'WEBVTT - Episode 1',
  'Kind: captions',
  'Language: en',
  '',
  'intro',
  '00:00:01.000 --> 00:00:04.500',
  'Hello,',
  'world.',
  '',
  '00:05.250 --> 00:07.000',
  '<v Bob>Hi &amp; bye</v>',
  '',
].join('\n');

describe('parseWebVtt: structure', () => {
  it('parses ids, hh:mm:ss and mm:ss timings, multi-line payloads', () => {
    const result = parseWebVtt(BASIC);
    expect(result.cues).toEqual([
      { id: 'intro', startTime: 1, endTime: 4.5, text: 'Hello,\nworld.', settings: {} },
      { startTime: 5.25, endTime: 7, text: '<v Bob>Hi &amp; bye</v>', settings: {} },
    ]);
    expect(result.warnings).toEqual([]);
    expect(result.regions).toEqual([]);
    expect(result.styles).toEqual([]);
    expect(result.timestampMap).toBeUndefined();
  });

  it('reads the same with a BOM and CRLF or CR line endings', () => {
    const expected = parseWebVtt(BASIC).cues;
    expect(parseWebVtt('\ufeff' + BASIC).cues).toEqual(expected);
    expect(parseWebVtt(BASIC.replace(/\n/g, '\r\n')).cues).toEqual(expected);
    expect(parseWebVtt(BASIC.replace(/\n/g, '\r')).cues).toEqual(expected);
  });

  it('accepts WEBVTT alone, or followed by a space or tab and text', () => {
    for (const header of ['WEBVTT', 'WEBVTT ', 'WEBVTT\tfile', 'WEBVTT FILE']) {
      expect(parseWebVtt(header + '\n\n00:01.000 --> 00:02.000\nx').cues.length, header).toBe(1);
    }
    expect(parseWebVtt('WEBVTT').cues).toEqual([]);
  });

  it('rejects input that is not WebVTT with TEXT_PARSE_FAILED (recoverable, url, reason, line)', () => {
    for (const bad of ['', '   \n  ', 'WEBVTTX\n', 'webvtt\n', 'WEBVT', '1\n00:00:01,000 --> 00:00:02,000\nSRT', '<?xml version="1.0"?><tt/>']) {
      const error = parseError(bad, 'https://cdn/subs/en.vtt?token=abc');
      expect(error.code).toBe(ErrorCode.TEXT_PARSE_FAILED);
      expect(error.severity).toBe('recoverable');
      expect(error.category).toBe('text');
      expect(error.data).toMatchObject({ url: 'https://cdn/subs/en.vtt?token=REDACTED', reason: expect.any(String) });
    }
    expect(parseError('WEBVTTX').data).toMatchObject({ line: 1, reason: 'missing WEBVTT signature' });
    expect(parseError('\n\nfoo').data).toMatchObject({ line: 3 });
    expect(parseError(undefined).code).toBe(ErrorCode.TEXT_PARSE_FAILED);
    expect(parseError(42).code).toBe(ErrorCode.TEXT_PARSE_FAILED);
  });

  it('tolerates blank lines before the signature, with a warning', () => {
    const result = parseWebVtt('\n\nWEBVTT\n\n00:01.000 --> 00:02.000\nx');
    expect(result.cues.length).toBe(1);
    expect(result.warnings).toEqual([{ line: 3, message: 'blank lines before the WEBVTT signature' }]);
  });

  it('skips NOTE blocks, including multi-line ones and one glued to a cue', () => {
    const text = [
      'WEBVTT',
      '',
      'NOTE',
      'This is a comment',
      'over two lines',
      '',
      'NOTE single line',
      '',
      '00:01.000 --> 00:02.000',
      'one',
      '',
      'NOTE glued',
      '00:03.000 --> 00:04.000',
      'two',
    ].join('\n');
    const result = parseWebVtt(text);
    expect(result.cues.map((c) => [c.id, c.text])).toEqual([[undefined, 'one'], [undefined, 'two']]);
    expect(result.warnings).toEqual([{ line: 13, message: 'missing blank line after a NOTE' }]);
  });

  it('collects STYLE blocks before the first cue and ignores later ones', () => {
    const text = [
      'WEBVTT',
      '',
      'STYLE',
      '::cue {',
      '  color: yellow;',
      '}',
      '',
      '00:01.000 --> 00:02.000',
      'x',
      '',
      'STYLE',
      '::cue { color: red }',
    ].join('\n');
    const result = parseWebVtt(text);
    expect(result.styles).toEqual(['::cue {\n  color: yellow;\n}']);
    expect(result.cues.length).toBe(1);
    expect(result.warnings).toEqual([{ line: 11, message: 'STYLE block after the first cue ignored' }]);
  });

  it('parses REGION blocks and links cues to defined regions only', () => {
    const text = [
      'WEBVTT',
      '',
      'REGION',
      'id:fred width:40% lines:3',
      'regionanchor:0%,100% viewportanchor:10%,90% scroll:up',
      '',
      'REGION',
      'id:bill width:40% lines:2 regionanchor:100%,100% viewportanchor:90%,90%',
      '',
      '00:01.000 --> 00:02.000 region:fred align:left',
      '<v Fred>Hi',
      '',
      '00:03.000 --> 00:04.000 region:nobody',
      'x',
    ].join('\n');
    const result = parseWebVtt(text);
    expect(result.regions).toEqual([
      { id: 'fred', width: 40, lines: 3, regionAnchorX: 0, regionAnchorY: 100, viewportAnchorX: 10, viewportAnchorY: 90, scroll: 'up' },
      { id: 'bill', width: 40, lines: 2, regionAnchorX: 100, regionAnchorY: 100, viewportAnchorX: 90, viewportAnchorY: 90, scroll: '' },
    ]);
    expect(result.cues[0].settings).toEqual({ region: 'fred', align: 'left' });
    expect(result.cues[1].settings).toEqual({});
    expect(result.warnings).toEqual([{ line: 13, message: 'cue refers to an undefined region: nobody' }]);
  });

  it('reads cues even where blank lines are missing (after the header, between cues)', () => {
    const text = ['WEBVTT', '00:01.000 --> 00:02.000', 'a', '00:03.000 --> 00:04.000', 'b', 'b2', '00:05.000 --> 00:06.000', 'c'].join('\n');
    expect(parseWebVtt(text).cues.map((c) => [c.startTime, c.text])).toEqual([[1, 'a'], [3, 'b\nb2'], [5, 'c']]);
  });

  it('treats whitespace-only lines as blank and tolerates extra whitespace around timings', () => {
    const text = 'WEBVTT\n   \n  00:01.000   -->\t00:02.000   align:end  \nx\n \t \n00:03.000-->00:04.000\ny';
    const result = parseWebVtt(text);
    expect(result.cues.map((c) => [c.startTime, c.endTime, c.text, c.settings])).toEqual([
      [1, 2, 'x', { align: 'end' }],
      [3, 4, 'y', {}],
    ]);
  });

  it('keeps a cue with an empty payload and keeps payload text raw (thumbnail #xywh)', () => {
    const text = 'WEBVTT\n\n00:00.000 --> 00:05.000\n\n00:05.000 --> 00:10.000\nsprite.jpg#xywh=160,0,160,90\n';
    const result = parseWebVtt(text);
    expect(result.cues.map((c) => c.text)).toEqual(['', 'sprite.jpg#xywh=160,0,160,90']);
  });

  it('replaces NUL characters with U+FFFD', () => {
    expect(parseWebVtt('WEBVTT\n\n00:01.000 --> 00:02.000\na\u0000b').cues[0].text).toBe('a\ufffdb');
  });
});

describe('parseWebVtt: timings', () => {
  const cue = (timing: string) => parseWebVtt(`WEBVTT\n\n${timing}\nx`);

  it('reads hours beyond two digits and mm:ss forms', () => {
    expect(cue('100:00:00.000 --> 100:00:01.001').cues[0]).toMatchObject({ startTime: 360000, endTime: 360001.001 });
    expect(cue('1:02:03.004 --> 1:02:04.000').cues[0].startTime).toBeCloseTo(3723.004, 9);
    expect(cue('59:59.999 --> 60:00:00.000').cues[0]).toMatchObject({ startTime: 3599.999, endTime: 216000 });
  });

  it('accepts commas and odd fraction lengths with a warning', () => {
    const result = cue('00:00:01,500 --> 00:00:02.5');
    expect(result.cues[0]).toMatchObject({ startTime: 1.5, endTime: 2.5 });
    expect(result.warnings.map((w) => w.message)).toEqual([
      'start time accepted with comma as decimal separator',
      'end time accepted with fraction of 1 digits',
    ]);
  });

  it('skips cues with invalid timings, with a warning naming the line', () => {
    for (const timing of ['00:60.000 --> 00:61.000', '00:00:60.000 --> 00:01:00.000', 'aa:00.000 --> 00:01.000', '00:01.000 -> 00:02.000 -->', '00:01.000 --> ', '00:01.000 00:02.000 -->']) {
      const result = cue(timing);
      expect(result.cues, timing).toEqual([]);
      expect(result.warnings[0].line, timing).toBe(3);
    }
  });

  it('skips cues that end before they start; keeps zero-length cues', () => {
    const result = parseWebVtt('WEBVTT\n\n00:05.000 --> 00:04.000\nbackwards\n\n00:05.000 --> 00:05.000\nzero');
    expect(result.cues.map((c) => c.text)).toEqual(['zero']);
    expect(result.warnings).toEqual([{ line: 3, message: 'cue skipped: ends before it starts' }]);
  });

  it('applies timestampOffset', () => {
    const result = parseWebVtt('WEBVTT\n\n00:01.000 --> 00:02.000\nx', { timestampOffset: 100 });
    expect(result.cues[0]).toMatchObject({ startTime: 101, endTime: 102 });
  });
});

describe('parseWebVtt: cue settings', () => {
  const settingsOf = (settings: string) => parseWebVtt(`WEBVTT\n\n00:01.000 --> 00:02.000 ${settings}\nx`);

  it('reads every setting', () => {
    expect(settingsOf('vertical:rl line:-1 position:10%,line-left size:35.5% align:start').cues[0].settings).toEqual({
      vertical: 'rl', line: -1, snapToLines: true, position: 10, positionAlign: 'line-left', size: 35.5, align: 'start',
    });
    expect(settingsOf('line:50%,end').cues[0].settings).toEqual({ line: 50, snapToLines: false, lineAlign: 'end' });
    expect(settingsOf('line:0,center position:100%').cues[0].settings).toEqual({ line: 0, snapToLines: true, lineAlign: 'center', position: 100 });
    expect(settingsOf('vertical:lr align:right').cues[0].settings).toEqual({ vertical: 'lr', align: 'right' });
  });

  it('skips invalid settings one by one, keeping the cue', () => {
    const result = settingsOf('vertical:up line:1.5.2 line:-- line:10%,top position:101% size:abc align:justify foo:bar novalue: :x align:middle');
    expect(result.cues[0].settings).toEqual({ align: 'center' });
    expect(result.warnings.length).toBe(11);
    expect(result.warnings.every((w) => w.line === 3)).toBe(true);
  });
});

describe('parseWebVtt: X-TIMESTAMP-MAP (HLS)', () => {
  it('exposes MPEGTS and LOCAL in either order', () => {
    expect(parseWebVtt('WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000\n\n00:01.000 --> 00:02.000\nx').timestampMap).toEqual({ mpegts: 900000, local: 0 });
    expect(parseWebVtt('WEBVTT\nX-TIMESTAMP-MAP=LOCAL:00:00:10.500, MPEGTS:183000\n').timestampMap).toEqual({ mpegts: 183000, local: 10.5 });
  });
  it('finds it after a blank line too, and warns on a malformed one', () => {
    expect(parseWebVtt('WEBVTT\n\nX-TIMESTAMP-MAP=MPEGTS:1,LOCAL:00:00.000\n\n00:01.000 --> 00:02.000\nx').timestampMap).toEqual({ mpegts: 1, local: 0 });
    const bad = parseWebVtt('WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:abc,LOCAL:00:00:00.000\n');
    expect(bad.timestampMap).toBeUndefined();
    expect(bad.warnings).toEqual([{ line: 2, message: 'malformed X-TIMESTAMP-MAP ignored' }]);
  });
  it('does not apply the map to cue times (the caller knows the media timeline)', () => {
    const result = parseWebVtt('WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000\n\n00:01.000 --> 00:02.000\nx');
    expect(result.cues[0].startTime).toBe(1);
  });
});

describe('parseWebVtt: scale', () => {
  it('parses 20 000 cues quickly', () => {
    const parts = ['WEBVTT', ''];
    for (let i = 0; i < 20000; i++) {
      const s = (n: number) => `${String(Math.floor(n / 3600)).padStart(2, '0')}:${String(Math.floor(n / 60) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}.000`;
      parts.push(String(i + 1), `${s(i)} --> ${s(i + 1)} align:center line:90%`, `Line ${i}`, 'second line', '');
    }
    const text = parts.join('\n');
    const started = performance.now();
    const result = parseWebVtt(text);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result.cues.length).toBe(20000);
    expect(result.cues[19999]).toMatchObject({ id: '20000', startTime: 19999, endTime: 20000 });
  });

  it('keeps the warning list bounded on garbage', () => {
    const text = 'WEBVTT\n\n' + Array.from({ length: 5000 }, () => '00:99.000 --> 00:01.000\nx\n').join('\n');
    const result = parseWebVtt(text);
    expect(result.cues).toEqual([]);
    expect(result.warnings.length).toBe(201);
    expect(result.warnings[200].message).toBe('4800 more warnings not listed');
  });
});
