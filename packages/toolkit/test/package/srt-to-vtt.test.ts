import { describe, expect, it } from 'vitest';
import { isWebVtt, srtToVtt } from '../../src/package/srt-to-vtt';

describe('srtToVtt', () => {
  it('converts timings, keeps cue numbers as identifiers and multi-line text', () => {
    const srt = '\uFEFF1\r\n00:00:01,000 --> 00:00:03,500\r\nHello\r\nworld\r\n\r\n2\r\n00:01:02,05 --> 00:01:04,100\r\nSecond\r\n';
    expect(srtToVtt(srt)).toBe('WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.500\nHello\nworld\n\n2\n00:01:02.050 --> 00:01:04.100\nSecond\n');
  });

  it('keeps b/i/u, drops font tags, escapes bare & and <, and never emits -->', () => {
    const srt = '1\n00:00:01,000 --> 00:00:02,000\n<i>Tom</i> & <font color="red">Jerry</font> <3 --> &amp;\n';
    expect(srtToVtt(srt)).toContain('<i>Tom</i> &amp; Jerry &lt;3 --&gt; &amp;');
  });

  it('skips blocks without a timing line and tolerates missing hours and extra blank lines', () => {
    const srt = 'garbage\n\n\n\n3\n01:02,000 --> 01:03,000 X1:10 X2:20\nShort\n\n';
    expect(srtToVtt(srt)).toBe('WEBVTT\n\n3\n00:01:02.000 --> 00:01:03.000\nShort\n');
  });

  it('recognizes WebVTT files', () => {
    expect(isWebVtt('WEBVTT\n\n')).toBe(true);
    expect(isWebVtt('\uFEFFWEBVTT - title\n')).toBe(true);
    expect(isWebVtt('WEBVTTX\n')).toBe(false);
    expect(isWebVtt('1\n00:00:01,000 --> 00:00:02,000\n')).toBe(false);
  });
});
