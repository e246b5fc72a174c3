import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBox, parseInitSegment, parseTfdt, parseTrackExtends, readFragments } from '@tessera/core/mp4';

/** Real files from the installed ffmpeg: tiny (1-2 s, 160x120) to keep the suite fast. */
let dir = '';
const files: Record<string, Uint8Array> = {};

function ffmpeg(args: string[]): void {
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

function ffprobeStream(file: string): Record<string, string> {
  const out = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name,profile,level,width,height,sample_rate,channels,nb_read_packets', '-count_packets', '-of', 'default=nw=1', file], { encoding: 'utf8' });
  return Object.fromEntries(out.trim().split('\n').map((line) => line.split('=') as [string, string]));
}

const FRAG = ['-movflags', '+frag_keyframe+empty_moov+default_base_moof+cmaf', '-f', 'mp4'];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-mp4-'));
  const video = ['-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=25:duration=2'];
  ffmpeg([...video, '-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'main', '-g', '25', ...FRAG, join(dir, 'avc-main.mp4')]);
  ffmpeg([...video, '-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'high', '-level', '3.1', '-g', '25', ...FRAG, join(dir, 'avc-high.mp4')]);
  ffmpeg([...video, '-c:v', 'libx265', '-preset', 'ultrafast', '-tag:v', 'hvc1', '-x265-params', 'log-level=error', '-g', '25', ...FRAG, join(dir, 'hevc.mp4')]);
  ffmpeg(['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100:duration=1', '-c:a', 'aac', '-ac', '1', '-metadata:s:a:0', 'language=deu', '-frag_duration', '500000', ...FRAG, join(dir, 'aac.mp4')]);
  for (const name of ['avc-main', 'avc-high', 'hevc', 'aac']) files[name] = new Uint8Array(readFileSync(join(dir, `${name}.mp4`)));
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('ffmpeg-made fragmented MP4', () => {
  it('gives avc1 codec strings that match ffprobe profile and level', () => {
    for (const [name, profileIdc] of [['avc-main', 0x4d], ['avc-high', 0x64]] as const) {
      const track = parseInitSegment(files[name]!).tracks[0]!;
      const probe = ffprobeStream(join(dir, `${name}.mp4`));
      expect(track).toMatchObject({ type: 'video', width: 160, height: 120 });
      expect(track.codec).toMatch(/^avc1\.[0-9a-f]{6}$/);
      expect(parseInt(track.codec.slice(5, 7), 16)).toBe(profileIdc);
      expect(parseInt(track.codec.slice(9, 11), 16)).toBe(Number(probe.level));
    }
    expect(parseInitSegment(files['avc-high']!).tracks[0]!.codec).toBe('avc1.64001f');
  });

  it('gives an hvc1 codec string for x265 output', () => {
    const track = parseInitSegment(files.hevc!).tracks[0]!;
    expect(track.codec).toMatch(/^hvc1\.1\.6\.L\d+\.[0-9A-F]+/);
    expect(Number(/L(\d+)/.exec(track.codec)![1])).toBe(Number(ffprobeStream(join(dir, 'hevc.mp4')).level));
  });

  it('reads AAC: mp4a.40.2, sample rate, channels and language', () => {
    expect(parseInitSegment(files.aac!).tracks[0]).toEqual({ trackId: 1, type: 'audio', timescale: 44100, codec: 'mp4a.40.2', sampleRate: 44100, channels: 1, language: 'deu' });
  });

  it('enumerates every sample ffprobe counts, with continuous decode times and keyframes at fragment starts', () => {
    for (const name of ['avc-main', 'avc-high', 'hevc', 'aac']) {
      const data = files[name]!;
      const fragments = readFragments(data, parseTrackExtends(data));
      const samples = fragments.flatMap((f) => f.samples);
      expect(samples.length).toBe(Number(ffprobeStream(join(dir, `${name}.mp4`)).nb_read_packets));
      for (let i = 1; i < samples.length; i++) expect(samples[i]!.decodeTime).toBe(samples[i - 1]!.decodeTime + samples[i - 1]!.duration);
      for (const fragment of fragments) expect(fragment.samples[0]!.isSync).toBe(true);
      expect(parseTfdt(data).map((t) => t.baseMediaDecodeTime)).toEqual(fragments.map((f) => f.baseMediaDecodeTime));
      expect(findBox(data, 'moov/mvex/trex')).toBeDefined();
    }
  });
});
