import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInitSegment, readBoxes } from '@tessera/core/mp4';
import { main } from '../../src/cli';
import type { CliIo } from '../../src/cli-support/cli-io';
import { ExitCode } from '../../src/cli-support/exit-codes';
import type { PackagingSummary } from '../../src/package/packaging-summary';

let dir = '';

function io(env: Record<string, string | undefined> = process.env): CliIo & { out: string; err: string } {
  const capture = { out: '', err: '', isTty: false, env, stdout: (t: string) => { capture.out += t; }, stderr: (t: string) => { capture.err += t; } };
  return capture;
}

function ffmpeg(args: string[]): void {
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** ffprobe frames of init + one segment: [key_frame, pict_type] of the first frame and the frame count. */
function probeSegment(init: string, segment: string): { firstKey: boolean; frames: number } {
  const joined = join(dir, 'probe.mp4');
  writeFileSync(joined, Buffer.concat([readFileSync(init), readFileSync(segment)]));
  const out = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'frame=key_frame', '-of', 'csv=p=0', joined], { encoding: 'utf8' });
  // Frames with side data print an extra CSV line: keep only the key_frame values.
  const keys = out.trim().split('\n').map((line) => line.split(',')[0]).filter((value) => value === '0' || value === '1');
  return { firstKey: keys[0] === '1', frames: keys.length };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-package-'));
  // 6 s, 320x180 at 24 fps, two audio streams (eng, untagged) and an English sidecar SRT.
  ffmpeg([
    '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=24:duration=6',
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=6',
    '-f', 'lavfi', '-i', 'sine=frequency=660:sample_rate=44100:duration=6',
    '-map', '0', '-map', '1', '-map', '2', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-metadata:s:a:0', 'language=eng', join(dir, 'clip.mp4'),
  ]);
  writeFileSync(join(dir, 'clip.en.srt'), '1\n00:00:01,000 --> 00:00:02,000\nHello\n');
  ffmpeg(['-f', 'lavfi', '-i', 'sine=duration=1', join(dir, 'audio-only.m4a')]);
  writeFileSync(join(dir, 'not-media.mp4'), 'hello');
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('tessera package (real ffmpeg)', () => {
  it('packages CMAF with DASH, HLS and packaging.json; every segment decodes and starts with a keyframe', async () => {
    const out = join(dir, 'out');
    const capture = io();
    const code = await main(['package', join(dir, 'clip.mp4'), '-o', out, '--ladder', '90:100,180:300,360:900', '--segment-duration', '2', '--preset', 'ultrafast', '--json'], capture);
    expect(capture.err).toBe('');
    expect(code).toBe(ExitCode.OK);
    const lines = capture.out.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.some((e) => e.type === 'step' && e.step === 'encode' && e.status === 'done')).toBe(true);
    const result = lines[lines.length - 1];
    expect(result).toMatchObject({ type: 'result', command: 'package', ok: true, manifests: { dash: 'manifest.mpd', hls: 'master.m3u8' } });

    const summary = JSON.parse(readFileSync(join(out, 'packaging.json'), 'utf8')) as PackagingSummary;
    // 360p is above the 180p source: dropped.
    expect(summary.video.map((v) => [v.id, v.width, v.height])).toEqual([['90p-100k', 160, 90], ['180p-300k', 320, 180]]);
    expect(summary.audio.map((a) => [a.id, a.language, a.codecs, a.channels])).toEqual([['audio-en', 'en', 'mp4a.40.2', 2], ['audio-und', 'und', 'mp4a.40.2', 2]]);
    expect(summary.subtitles).toEqual([{ id: 'text-en', language: 'en', name: 'English', url: 'text/en/subtitles.vtt', playlistUrl: 'text/en/playlist.m3u8' }]);
    expect(readFileSync(join(out, 'text/en/subtitles.vtt'), 'utf8')).toBe('WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nHello\n');

    for (const rep of summary.video) {
      expect(rep.codecs).toMatch(/^avc1\.[0-9a-f]{6}$/);
      const init = new Uint8Array(readFileSync(join(out, rep.initUrl)));
      expect(parseInitSegment(init).tracks[0]!.codec).toBe(rep.codecs);
      expect(rep.segments.map((s) => s.durationSeconds)).toEqual([2, 2, 2]);
      let frames = 0;
      for (const segment of rep.segments) {
        const file = join(out, segment.url);
        expect(readBoxes(new Uint8Array(readFileSync(file))).map((b) => b.type)).toEqual(['styp', 'moof', 'mdat']);
        expect(readFileSync(file).length).toBe(segment.bytes);
        const probe = probeSegment(join(out, rep.initUrl), file);
        expect(probe.firstKey).toBe(true);
        frames += probe.frames;
      }
      expect(frames).toBe(144);
      // init + all segments concatenated decode as one stream.
      const all = join(dir, `all-${rep.id}.mp4`);
      writeFileSync(all, Buffer.concat([readFileSync(join(out, rep.initUrl)), ...rep.segments.map((s) => readFileSync(join(out, s.url)))]));
      execFileSync('ffmpeg', ['-v', 'error', '-xerror', '-i', all, '-f', 'null', '-']);
      expect(rep.averageBitrate).toBeGreaterThan(0);
      expect(rep.peakBitrate).toBeGreaterThanOrEqual(rep.averageBitrate);
    }
    for (const rep of summary.audio) {
      const total = rep.segments.reduce((sum, s) => sum + s.durationSeconds, 0);
      expect(total).toBeGreaterThan(5.9);
      rep.segments.slice(1).forEach((s, i) => expect(Math.abs(s.startSeconds - (i + 1) * 2)).toBeLessThan(0.011));
    }
    const mpd = readFileSync(join(out, 'manifest.mpd'), 'utf8');
    expect(mpd).toContain(`codecs="${summary.video[0]!.codecs}"`);
    expect(mpd).toContain('lang="und"');
    const master = readFileSync(join(out, 'master.m3u8'), 'utf8');
    expect(master).toContain('RESOLUTION=320x180');
    expect(readdirSync(out)).not.toContain('.tessera-work');
    expect(readFileSync(join(out, 'video/180p-300k/playlist.m3u8'), 'utf8')).toContain('#EXT-X-MAP:URI="init.mp4"');
  });

  it('writes SegmentTimeline with $Time$-named segments when asked', async () => {
    const out = join(dir, 'timeline');
    const code = await main(['package', join(dir, 'clip.mp4'), '-o', out, '--ladder', '90:100', '--segment-duration', '3', '--segment-timeline', '--preset', 'ultrafast', '--no-sidecar-subtitles'], io());
    expect(code).toBe(ExitCode.OK);
    const mpd = readFileSync(join(out, 'manifest.mpd'), 'utf8');
    expect(mpd).toContain('media="video/90p-100k/seg-$Time$.m4s"');
    expect(mpd).toMatch(/<S t="0" d="\d+" r="1"\/>/);
    expect(existsSync(join(out, 'video/90p-100k/seg-0.m4s'))).toBe(true);
    expect(existsSync(join(out, 'text'))).toBe(false);
  });

  it('reports user errors with documented exit codes and no stack trace', async () => {
    const cases: Array<[string[], number, RegExp, Record<string, string | undefined>?]> = [
      [[join(dir, 'missing.mp4'), '-o', join(dir, 'x')], ExitCode.INPUT_UNREADABLE, /cannot read input/],
      [[join(dir, 'not-media.mp4'), '-o', join(dir, 'x')], ExitCode.INPUT_UNSUPPORTED, /cannot read .* as media/],
      [[join(dir, 'audio-only.m4a'), '-o', join(dir, 'x')], ExitCode.INPUT_UNSUPPORTED, /no video stream/],
      [[join(dir, 'clip.mp4'), '-o', join(dir, 'x'), '--segment-duration', '10'], ExitCode.USAGE, /--segment-duration/],
      [[join(dir, 'clip.mp4'), '-o', join(dir, 'x')], ExitCode.FFMPEG_MISSING, /apt-get install ffmpeg/, { TESSERA_FFMPEG: '/nonexistent/ffmpeg' }],
    ];
    for (const [args, exitCode, message, env] of cases) {
      const capture = io(env ?? process.env);
      expect(await main(['package', ...args], capture)).toBe(exitCode);
      // The error is the last stderr line (step lines such as 'probe x: done' may precede it), and it is one line.
      expect(capture.err.trim().split('\n').pop()).toMatch(message);
      expect(capture.err.trim().split('\n').filter((line) => line.startsWith('tessera package:'))).toHaveLength(1);
      expect(capture.err).not.toMatch(/\n\s+at /);
    }
  });
});
