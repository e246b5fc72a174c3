import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHlsMediaPlaylist, parseManifest } from '@tessera/core';
import { parseBif, parseSpriteMetadata, parseThumbnailVtt } from '@tessera/thumbnails';
import { main } from '../../src/cli';
import type { CliIo } from '../../src/cli-support/cli-io';
import { ExitCode } from '../../src/cli-support/exit-codes';
import type { PackagingSummary } from '../../src/package/packaging-summary';

let dir = '';

function io(): CliIo & { out: string; err: string } {
  const capture = { out: '', err: '', isTty: false, env: process.env, stdout: (t: string) => { capture.out += t; }, stderr: (t: string) => { capture.err += t; } };
  return capture;
}

function ffmpeg(args: string[]): void {
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

function probe(file: string, entries: string): string {
  return execFileSync('ffprobe', ['-v', 'error', '-show_entries', entries, '-of', 'csv=p=0', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-thumbs-'));
  // 23 s at 24 fps, 320x180.
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=24:duration=23', '-c:v', 'libx264', '-preset', 'ultrafast', join(dir, 'clip.mp4')]);
  // Variable frame rate with no frame from 4 s to 7.5 s: the interval [4, 6) has no picture of its own.
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=24:duration=12', '-vf', "select='not(between(t,4,7.5))'", '-fps_mode', 'passthrough', '-c:v', 'libx264', '-preset', 'ultrafast', join(dir, 'gap.mp4')]);
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('tessera package --thumbnails (real ffmpeg)', () => {
  it('makes sprite sheets, metadata JSON, WebVTT, BIF, the DASH image set, HLS image and I-frame playlists', async () => {
    const out = join(dir, 'out');
    const capture = io();
    const code = await main([
      'package', join(dir, 'clip.mp4'), '-o', out, '--ladder', '90:100,180:300', '--segment-duration', '2', '--preset', 'ultrafast',
      '--thumbnails', '--thumbnail-interval', '2', '--thumbnail-size', '96x54', '--sprite-grid', '3x2', '--json',
    ], capture);
    expect(capture.err).toBe('');
    expect(code).toBe(ExitCode.OK);
    const result = JSON.parse(capture.out.trim().split('\n').pop()!);
    expect(result.thumbnails).toMatchObject({ count: 12, sheets: 2, metadata: 'thumbnails/metadata.json', bif: 'thumbnails/thumbnails.bif' });

    const summary = JSON.parse(readFileSync(join(out, 'packaging.json'), 'utf8')) as PackagingSummary;
    const t = summary.thumbnails!;
    expect([t.count, t.sheets.map((s) => [s.url, s.tiles, s.startSeconds, s.durationSeconds])]).toEqual([12, [['thumbnails/sprite_00.jpg', 6, 0, 12], ['thumbnails/sprite_01.jpg', 6, 12, 11]]]);
    expect(readdirSync(join(out, 'thumbnails')).sort()).toEqual(['images.m3u8', 'metadata.json', 'sprite_00.jpg', 'sprite_01.jpg', 'thumbnails.bif', 'thumbnails.vtt']);
    // A sheet is the grid of tiles; the last one is padded to the same size.
    expect(probe(join(out, 'thumbnails/sprite_01.jpg'), 'stream=width,height')).toBe('288,108');

    const base = 'http://h/t/';
    const sprites = parseSpriteMetadata(readFileSync(join(out, t.metadataUrl), 'utf8'), base + t.metadataUrl);
    const vtt = parseThumbnailVtt(readFileSync(join(out, t.webvttUrl), 'utf8'), base + t.webvttUrl);
    expect(vtt.cues).toEqual(sprites.cues);
    expect(sprites.cues[7]).toEqual({ startTime: 14, endTime: 16, image: 1, rect: { x: 96, y: 0, width: 96, height: 54 } });

    const bifBytes = new Uint8Array(readFileSync(join(out, t.bifUrl)));
    const bif = parseBif(bifBytes, base + t.bifUrl);
    expect(bif.cues.map((c) => c.startTime)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22]);
    // Each BIF image is a 96x54 JPEG.
    const jpeg = join(dir, 'frame.jpg');
    writeFileSync(jpeg, bif.images[5]!.data!);
    expect(probe(jpeg, 'stream=codec_name,width,height')).toBe('mjpeg,96,54');

    const mpd = parseManifest(readFileSync(join(out, 'manifest.mpd'), 'utf8'), base + 'manifest.mpd');
    const image = mpd.switchingSets.find((s) => s.type === 'image')!;
    expect(image.tiles).toEqual({ columns: 3, rows: 2, width: 96, height: 54, durationSeconds: 2 });

    const master = parseManifest(readFileSync(join(out, 'master.m3u8'), 'utf8'), base + 'master.m3u8');
    expect(master.switchingSets.some((s) => s.type === 'image')).toBe(true);
    expect(master.iFrameStreams.map((s) => s.url)).toEqual([base + 'video/90p-100k/iframes.m3u8', base + 'video/180p-300k/iframes.m3u8']);
    const images = parseHlsMediaPlaylist(readFileSync(join(out, t.hlsPlaylistUrl), 'utf8'), base + t.hlsPlaylistUrl);
    expect(images.segments.map((s) => [s.startTime, s.endTime])).toEqual([[0, 12], [12, 23]]);

    // Each I-frame range, after the init segment, is a decodable one-frame file.
    const rep = summary.video[1]!;
    const iFrames = parseHlsMediaPlaylist(readFileSync(join(out, 'video/180p-300k/iframes.m3u8'), 'utf8'), base + 'video/180p-300k/iframes.m3u8');
    expect(iFrames.iFramesOnly).toBe(true);
    expect(iFrames.segments.map((s) => s.startTime)).toEqual(rep.segments.map((s) => s.startSeconds));
    const third = iFrames.segments[2]!;
    const bytes = readFileSync(join(out, rep.segments[2]!.url)).subarray(third.byteRange!.start, third.byteRange!.end + 1);
    const joined = join(dir, 'iframe.mp4');
    writeFileSync(joined, Buffer.concat([readFileSync(join(out, rep.initUrl)), bytes]));
    expect(probe(joined, 'frame=key_frame').split('\n').filter((l) => l === '1' || l === '0')).toEqual(['1']);
  }, 120_000);

  it('a source with an interval without a frame repeats the previous picture, so every format keeps its grid', async () => {
    const out = join(dir, 'gap-out');
    const code = await main(['package', join(dir, 'gap.mp4'), '-o', out, '--ladder', '180:300', '--segment-duration', '2', '--preset', 'ultrafast', '--thumbnail-interval', '2', '--thumbnail-size', '96x54', '--sprite-grid', '3x2'], io());
    expect(code).toBe(ExitCode.OK);
    const summary = JSON.parse(readFileSync(join(out, 'packaging.json'), 'utf8')) as PackagingSummary;
    expect(summary.thumbnails!.count).toBe(6);
    const bif = parseBif(new Uint8Array(readFileSync(join(out, 'thumbnails/thumbnails.bif'))), 'u');
    expect(bif.cues.map((c) => c.startTime)).toEqual([0, 2, 4, 6, 8, 10]);
    // Interval [4, 6) shows the picture of [2, 4).
    expect(Array.from(bif.images[2]!.data!)).toEqual(Array.from(bif.images[1]!.data!));
    expect(probe(join(out, 'thumbnails/sprite_00.jpg'), 'stream=width,height')).toBe('288,108');
  }, 120_000);
});
