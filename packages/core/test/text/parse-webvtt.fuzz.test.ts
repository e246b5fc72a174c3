import { describe, expect, it } from 'vitest';
import { ErrorCode, TesseraError } from '@tessera/core';
import { parseWebVtt } from '../../src/text/webvtt';
import { seededRandom } from '../net/helpers/seeded-random';

const SEEDS = [
  'WEBVTT - title\nX-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000\n\nSTYLE\n::cue { color: lime }\n\nREGION\nid:r1 width:40% lines:3 regionanchor:0%,100% viewportanchor:10%,90% scroll:up\n\nNOTE hello\n\n1\n00:00:01.000 --> 00:00:02.000 region:r1 line:0 position:50%,center size:50% align:start vertical:rl\n<v A>One</v>\ntwo\n\n00:02.500 --> 00:03.000\nthree\n',
  '\ufeffWEBVTT\r\n\r\n00:00.000 --> 00:05.000\r\nsprite.jpg#xywh=0,0,160,90\r\n\r\n00:05.000 --> 00:10.000\r\nsprite.jpg#xywh=160,0,160,90\r\n',
  'WEBVTT\n00:01,000 --> 00:02,000\na\n00:03.000 --> 00:02.000\nb\n\n\n  \n100:00:00.000 --> 100:00:01.000 line:50%,end\nc',
];

// Characters that matter to the grammar, plus some that do not.
const ALPHABET = ['-->', '-', '>', ':', '.', ',', '%', ' ', '\t', '\n', '\r', '\r\n', '0', '5', '9', '59', '60', 'WEBVTT', 'NOTE', 'STYLE', 'REGION', 'X-TIMESTAMP-MAP=', 'MPEGTS:', 'LOCAL:', 'line:', 'region:', 'align:', '\u0000', '\ufeff', '\ud800', 'é', '🎬', '99999999999999999999999'];

function mutate(text: string, random: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(random() * 8);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * (out.length + 1));
    const op = Math.floor(random() * 7);
    if (op === 0) out = out.slice(0, at) + ALPHABET[Math.floor(random() * ALPHABET.length)] + out.slice(at);
    else if (op === 1) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(random() * 20));
    else if (op === 2) {
      const length = Math.floor(random() * 60);
      out = out.slice(0, at) + out.slice(at, at + length) + out.slice(at);
    } else if (op === 3) out = out.slice(0, at);
    else if (op === 4) out = out.slice(0, at) + String.fromCharCode(Math.floor(random() * 0xffff)) + out.slice(at);
    else if (op === 5) {
      const lines = out.split('\n');
      const a = Math.floor(random() * lines.length);
      const b = Math.floor(random() * lines.length);
      [lines[a], lines[b]] = [lines[b], lines[a]];
      out = lines.join('\n');
    } else out = out.slice(0, at) + out.slice(at).replace(/\d/, String(Math.floor(random() * 10)));
  }
  return out;
}

function check(text: string): void {
  let result;
  try {
    result = parseWebVtt(text, { url: 'https://x/y.vtt' });
  } catch (error) {
    expect(error).toBeInstanceOf(TesseraError);
    expect((error as TesseraError).code).toBe(ErrorCode.TEXT_PARSE_FAILED);
    return;
  }
  for (const cue of result.cues) {
    expect(Number.isFinite(cue.startTime) && Number.isFinite(cue.endTime)).toBe(true);
    expect(cue.endTime).toBeGreaterThanOrEqual(cue.startTime);
    expect(typeof cue.text).toBe('string');
  }
  expect(result.warnings.length).toBeLessThanOrEqual(201);
}

describe('parseWebVtt fuzz (seeded)', () => {
  it('mutated files: only TEXT_PARSE_FAILED, sane cues, bounded time', () => {
    const random = seededRandom(20240501);
    let slowest = 0;
    for (let i = 0; i < 4000; i++) {
      const input = mutate(SEEDS[i % SEEDS.length], random);
      const started = performance.now();
      check(input);
      slowest = Math.max(slowest, performance.now() - started);
    }
    expect(slowest).toBeLessThan(250);
  });

  it('random strings over the grammar alphabet', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 1500; i++) {
      let text = random() < 0.8 ? 'WEBVTT\n' : '';
      const parts = Math.floor(random() * 200);
      for (let p = 0; p < parts; p++) text += ALPHABET[Math.floor(random() * ALPHABET.length)];
      check(text);
    }
  });

  it('pathological inputs finish quickly', () => {
    const big = 200000;
    const inputs = [
      'WEBVTT\n\n' + '-->'.repeat(big),
      'WEBVTT\n\n' + '0'.repeat(big) + ':00.000 --> 00:01.000\nx',
      'WEBVTT\n\n' + '00:01.000 --> 00:02.000 '.padEnd(big, 'a:b '),
      'WEBVTT\n' + '\n'.repeat(big),
      'WEBVTT\n\n' + '00:01.000 --> 00:02.000\n'.repeat(big / 20),
      'WEBVTT\n\nREGION\n' + 'id:x '.repeat(big / 5),
      'WEBVTT\n\n00:01.' + '9'.repeat(big) + ' --> 00:02.000\nx',
    ];
    for (const input of inputs) {
      const started = performance.now();
      check(input);
      expect(performance.now() - started).toBeLessThan(2000);
    }
  });
});
