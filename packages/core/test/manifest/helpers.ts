import { expect } from 'vitest';
import { TesseraError } from '@tessera/core';
import type { Presentation, Segment, SwitchingSet } from '@tessera/core';
import { parseManifest, type ParseOptions } from '@tessera/core/manifest';

export const MPD_URL = 'https://cdn.example.com/title/manifest.mpd';
export const NOW = Date.UTC(2024, 0, 1, 12, 0, 0);

/** A static single-Period MPD around `body` (AdaptationSets). */
export function staticMpd(body: string, mpdAttrs = 'mediaPresentationDuration="PT8S"', mpdChildren = ''): string {
  return `<?xml version="1.0"?>
<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" xmlns:cenc="urn:mpeg:cenc:2013" type="static" minBufferTime="PT2S" ${mpdAttrs}>
${mpdChildren}
<Period id="p0">${body}</Period>
</MPD>`;
}

export function parse(text: string, url = MPD_URL, options: ParseOptions = {}): Presentation {
  return parseManifest(text, url, { nowMs: NOW, ...options });
}

/** Runs `fn`, asserts it throws a TesseraError with `code`, and returns it. */
export function expectTesseraError(fn: () => unknown, code: number): TesseraError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected a TesseraError ' + code).toBeInstanceOf(TesseraError);
  const error = caught as TesseraError;
  expect(error.code, error.message).toBe(code);
  return error;
}

export function setOf(p: Presentation, type: SwitchingSet['type'], index = 0): SwitchingSet {
  const sets = p.switchingSets.filter((s) => s.type === type);
  expect(sets.length).toBeGreaterThan(index);
  return sets[index];
}

export function segmentsOf(set: SwitchingSet, rep = 0, part = 0): Segment[] {
  const p = set.representations[rep].segmentIndex[part];
  if (p.kind !== 'segments') throw new Error('part ' + part + ' is ' + p.kind);
  return p.segments;
}

/** [start, end, first url] per segment, times rounded to 1 µs. */
export function timesAndUrls(segments: Segment[]): Array<[number, number, string]> {
  const r = (x: number) => Math.round(x * 1e6) / 1e6;
  return segments.map((s) => [r(s.startTime), r(s.endTime), s.urls[0]]);
}
