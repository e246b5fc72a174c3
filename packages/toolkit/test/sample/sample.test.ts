import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli';
import type { CliIo } from '../../src/cli-support/cli-io';
import { ExitCode } from '../../src/cli-support/exit-codes';
import { parseSampleArgs } from '../../src/commands/sample-command';
import { srtToVtt } from '../../src/package/srt-to-vtt';
import { buildCatalog, type Catalog, type CatalogTitle } from '../../src/sample/catalog';
import { quickSpec } from '../../src/sample/build-sample-catalog';
import { sampleTitles } from '../../src/sample/sample-titles';
import { buildTimecodeSrt } from '../../src/sample/timecode-subtitles';
import { hashOf } from '../../src/sample/stamp';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function io(): CliIo & { out: string; err: string } {
  const capture = { out: '', err: '', isTty: false, env: process.env, stdout: (t: string) => { capture.out += t; }, stderr: (t: string) => { capture.err += t; } };
  return capture;
}

describe('sample catalog definition', () => {
  it('has a 2-minute 1080p movie, three ~90 s 720p episodes with markers and a short reference title', () => {
    const titles = sampleTitles();
    expect(titles.map((t) => [t.id, t.kind, t.width, t.height, t.durationSeconds])).toEqual([
      ['movie', 'movie', 1920, 1080, 120],
      ['series-e1', 'episode', 1280, 720, 90], ['series-e2', 'episode', 1280, 720, 90], ['series-e3', 'episode', 1280, 720, 90],
      ['reference', 'reference', 1280, 720, 30],
      ['drm-cenc', 'movie', 1280, 720, 32], ['drm-cbcs', 'movie', 960, 540, 32], ['drm-multikey', 'movie', 960, 540, 16],
    ]);
    for (const episode of titles.filter((t) => t.kind === 'episode')) {
      const m = episode.markers!;
      expect(m.introStart).toBeLessThan(m.introEnd);
      expect(m.introEnd).toBeLessThan(m.creditsStart);
      expect(m.creditsStart).toBeLessThan(episode.durationSeconds);
    }
    const quick = quickSpec(titles[1]!);
    expect(quick).toMatchObject({ width: 320, height: 180, durationSeconds: 8 });
    expect(quick.markers!.creditsStart).toBeLessThan(8);
  });

  it('writes subtitles whose text says when they appear', () => {
    const srt = buildTimecodeSrt(14, 4, 2.5);
    expect(srtToVtt(srt)).toBe([
      'WEBVTT', '',
      '1', '00:00:01.000 --> 00:00:03.500', 'Subtitle at 00:00:01', '',
      '2', '00:00:05.000 --> 00:00:07.500', 'Subtitle at 00:00:05', '',
      '3', '00:00:09.000 --> 00:00:11.500', 'Subtitle at 00:00:09', '',
      '4', '00:00:13.000 --> 00:00:14.000', 'Subtitle at 00:00:13', '',
    ].join('\n'));
  });

  it('links episodes in order and hashes options independently of key order', () => {
    const entry = (id: string, episodeNumber?: number): CatalogTitle => ({
      id, title: id, kind: episodeNumber ? 'episode' : 'movie', packager: 'tessera', durationSeconds: 1, ...(episodeNumber ? { seriesId: 's', episodeNumber } : {}),
      manifests: { dash: `${id}/manifest.mpd`, hls: `${id}/master.m3u8` }, languages: { audio: [], subtitles: [] }, video: { width: 1, height: 1, frameRate: '24', renditions: 1 },
    });
    const catalog = buildCatalog([entry('m'), entry('e2', 2), entry('e1', 1)], [{ id: 's', title: 'S' }], 'test');
    expect(catalog.series).toEqual([{ id: 's', title: 'S', episodes: ['e1', 'e2'] }]);
    expect(catalog.titles.find((t) => t.id === 'e1')!.nextEpisodeId).toBe('e2');
    expect(catalog.titles.find((t) => t.id === 'e2')!.nextEpisodeId).toBeUndefined();
    expect(hashOf({ a: 1, b: [1, { c: 2, d: 3 }] })).toBe(hashOf({ b: [1, { d: 3, c: 2 }], a: 1 }));
    expect(hashOf({ a: 1 })).not.toBe(hashOf({ a: 2 }));
  });

  it('parses options and rejects bad ones', () => {
    expect(parseSampleArgs(['-o', 'out', '--only', 'movie, reference', '--quick'], '/w')).toMatchObject({ outDir: '/w/out', only: ['movie', 'reference'], quick: true, preset: 'superfast', segmentDurationSeconds: 4 });
    expect(() => parseSampleArgs([], '/w')).toThrow(/missing -o/);
    expect(() => parseSampleArgs(['-o', 'x', '--segment-duration', '8'], '/w')).toThrow(/--segment-duration/);
  });
});

describe('tessera sample --quick (real ffmpeg)', () => {
  it('builds the catalog, then a second run does no work', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tessera-sample-'));
    dirs.push(out);
    const first = io();
    expect(await main(['sample', '-o', out, '--quick', '--only', 'series-e1,series-e2,reference', '--json'], first)).toBe(ExitCode.OK);
    const firstResult = JSON.parse(first.out.trim().split('\n').pop()!);
    expect(firstResult).toMatchObject({ type: 'result', command: 'sample', built: ['series-e1', 'series-e2', 'reference'], cached: [] });

    const catalog = JSON.parse(readFileSync(join(out, 'catalog.json'), 'utf8')) as Catalog;
    expect(catalog.schemaVersion).toBe(1);
    expect(catalog.series).toEqual([{ id: 'series', title: 'Tessera Sample Series', episodes: ['series-e1', 'series-e2'] }]);
    const e1 = catalog.titles.find((t) => t.id === 'series-e1')!;
    expect(e1).toMatchObject({
      kind: 'episode', packager: 'tessera', seriesId: 'series', episodeNumber: 1, nextEpisodeId: 'series-e2',
      manifests: { dash: 'series/episode-1/manifest.mpd', hls: 'series/episode-1/master.m3u8' },
      languages: { audio: ['en', 'fr'], subtitles: ['en'] },
    });
    expect(e1.durationSeconds).toBeCloseTo(8, 0);
    expect(e1.markers).toEqual(JSON.parse(readFileSync(join(out, 'series/episode-1/markers.json'), 'utf8')));
    const reference = catalog.titles.find((t) => t.id === 'reference')!;
    expect(reference).toMatchObject({ kind: 'reference', packager: 'ffmpeg', manifests: { dash: 'reference/dash/manifest.mpd', hls: 'reference/hls/master.m3u8' } });
    for (const title of catalog.titles) {
      expect(existsSync(join(out, title.manifests.dash))).toBe(true);
      expect(existsSync(join(out, title.manifests.hls))).toBe(true);
    }
    expect(readFileSync(join(out, 'reference/dash/manifest.mpd'), 'utf8')).toContain('SegmentTemplate');
    expect(readFileSync(join(out, 'reference/hls/master.m3u8'), 'utf8')).toContain('#EXT-X-MEDIA:TYPE=AUDIO');
    expect(readFileSync(join(out, 'series/episode-1/text/en/subtitles.vtt'), 'utf8')).toContain('Subtitle at 00:00:01');
    expect(existsSync(join(out, 'sources/series-e1.mp4'))).toBe(false);

    const second = io();
    const started = performance.now();
    expect(await main(['sample', '-o', out, '--quick', '--only', 'series-e1,series-e2,reference', '--json'], second)).toBe(ExitCode.OK);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(JSON.parse(second.out.trim().split('\n').pop()!)).toMatchObject({ built: [], cached: ['series-e1', 'series-e2', 'reference'] });
    expect(JSON.parse(readFileSync(join(out, 'catalog.json'), 'utf8'))).toEqual(catalog);

    // Changing an option re-packages.
    const third = io();
    expect(await main(['sample', '-o', out, '--quick', '--only', 'series-e1', '--segment-duration', '2', '--json'], third)).toBe(ExitCode.OK);
    expect(JSON.parse(third.out.trim().split('\n').pop()!)).toMatchObject({ built: ['series-e1'] });
  });
});
