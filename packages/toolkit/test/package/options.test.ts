import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli-support/exit-codes';
import { UserError } from '../../src/cli-support/user-error';
import { buildEncodeArgs, gopFrames } from '../../src/package/encode-args';
import { toBcp47Language } from '../../src/package/languages';
import { DEFAULT_LADDER, selectLadder } from '../../src/package/ladder';
import { parsePackageArgs } from '../../src/package/package-options';
import { discoverSidecarSubtitles, mergeSubtitleSources, parseSubtitlesOption } from '../../src/package/subtitle-sources';

function usageError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(ExitCode.USAGE);
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
}

describe('tessera package options', () => {
  it('has the documented defaults', () => {
    const options = parsePackageArgs(['in.mp4', '-o', 'out'], '/work');
    expect(options).toMatchObject({ input: '/work/in.mp4', outDir: '/work/out', segmentDurationSeconds: 4, segmentTimeline: false, preset: 'veryfast', audioBitrateKbps: 128, json: false, sidecarSubtitles: true });
    expect(options.ladder).toEqual(DEFAULT_LADDER);
  });

  it('parses every option', () => {
    const options = parsePackageArgs(['-o', '/o', '/i.mov', '--ladder', '360:600', '--segment-duration', '2', '--segment-timeline', '--preset', 'ultrafast', '--audio-bitrate', '96', '--subtitles', 'eng:a.srt,fr:/b.vtt', '--json', '--no-sidecar-subtitles'], '/w');
    expect(options).toMatchObject({
      input: '/i.mov', outDir: '/o', ladder: [{ height: 360, bitrateKbps: 600 }], segmentDurationSeconds: 2, segmentTimeline: true, preset: 'ultrafast', audioBitrateKbps: 96, json: true, sidecarSubtitles: false,
      subtitles: [{ language: 'en', path: '/w/a.srt' }, { language: 'fr', path: '/b.vtt' }],
    });
  });

  it('turns bad command lines into one-line usage errors', () => {
    expect(usageError(() => parsePackageArgs(['-o', 'out'], '/'))).toContain('missing <input>');
    expect(usageError(() => parsePackageArgs(['in.mp4'], '/'))).toContain('missing -o');
    expect(usageError(() => parsePackageArgs(['a', 'b', '-o', 'o'], '/'))).toContain('one <input>');
    for (const value of ['1', '7', '1.5', 'x', '']) expect(usageError(() => parsePackageArgs(['in', '-o', 'o', '--segment-duration', value], '/'))).toContain('--segment-duration');
    expect(usageError(() => parsePackageArgs(['in', '-o', 'o', '--preset', 'warp'], '/'))).toContain('--preset');
    expect(usageError(() => parsePackageArgs(['in', '-o', 'o', '--bogus'], '/'))).toContain('bogus');
    expect(usageError(() => parsePackageArgs(['in', '-o', 'o', '--subtitles', 'english.srt'], '/'))).toContain('lang:path');
    expect(usageError(() => parsePackageArgs(['in', '-o', 'o', '--subtitles', 'en:subs.txt'], '/'))).toContain('.srt');
  });
});

describe('subtitle sources', () => {
  it('auto-picks <basename>.<lang>.vtt|srt next to the input, preferring .vtt', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-subs-'));
    for (const name of ['movie.mp4', 'movie.en.srt', 'movie.en.vtt', 'movie.fra.srt', 'movie.srt', 'movie.xx1.srt', 'other.de.srt']) writeFileSync(join(dir, name), '');
    expect(discoverSidecarSubtitles(join(dir, 'movie.mp4'))).toEqual([
      { language: 'en', path: join(dir, 'movie.en.vtt') },
      { language: 'fr', path: join(dir, 'movie.fra.srt') },
    ]);
  });

  it('lets explicit --subtitles win over sidecars of the same language', () => {
    const explicit = parseSubtitlesOption('en:/x.vtt');
    expect(mergeSubtitleSources(explicit, [{ language: 'en', path: '/y.srt' }, { language: 'de', path: '/z.srt' }])).toEqual([
      { language: 'en', path: '/x.vtt' }, { language: 'de', path: '/z.srt' },
    ]);
  });

  it('maps ISO 639-2 tags to BCP 47', () => {
    expect(['eng', 'fre', 'fra', 'ger', 'pt-BR', 'tlh', '', 'x!'].map(toBcp47Language)).toEqual(['en', 'fr', 'fr', 'de', 'pt-BR', 'tlh', 'und', 'und']);
  });
});

describe('encode arguments', () => {
  const probe = {
    durationSeconds: 10,
    video: { index: 0, codec: 'h264', width: 1280, height: 720, frameRateNumerator: 30000, frameRateDenominator: 1001 },
    audio: [{ index: 1, codec: 'aac', channels: 6, sampleRate: 48000, language: 'eng' }, { index: 2, codec: 'aac', channels: 2, sampleRate: 44100, language: 'fra' }],
  };

  it('decodes once, splits to every rung and encodes closed GOPs aligned at the segment duration', () => {
    const { args, outputs } = buildEncodeArgs({ input: 'in.mp4', probe, renditions: selectLadder(DEFAULT_LADDER, 1280, 720), segmentDurationSeconds: 4, preset: 'veryfast', audioBitrateKbps: 128, workDir: '/w' });
    expect(args.filter((a) => a === '-i')).toHaveLength(1);
    expect(args[args.indexOf('-filter_complex') + 1]).toBe([
      '[0:0]format=yuv420p,setsar=1,split=3[v3][v4][c0]',
      '[c0]scale=854:480:flags=bicubic,setsar=1,split=2[v2][c1]',
      '[c1]scale=640:360:flags=bicubic,setsar=1,split=2[v1][c2]',
      '[c2]scale=426:240:flags=bicubic,setsar=1[v0]',
    ].join(';'));
    expect(outputs.video.map((v) => v.file)).toEqual(['/w/video-240p-300k.mp4', '/w/video-360p-600k.mp4', '/w/video-480p-1000k.mp4', '/w/video-720p-2000k.mp4', '/w/video-720p-3000k.mp4']);
    const joined = args.join(' ');
    expect(joined).toContain('-b:v 2000k -maxrate 2200k -bufsize 4000k');
    expect(joined).toContain('-g 120 -keyint_min 120 -sc_threshold 0 -force_key_frames expr:gte(t,n_forced*4)');
    expect(joined).toContain('-map 0:1 -vn -sn -dn -c:a aac -b:a 128k -ac 2 -ar 48000 -metadata:s:a:0 language=eng');
    expect(outputs.audio.map((a) => a.file)).toEqual(['/w/audio-0.mp4', '/w/audio-1.mp4']);
    expect(gopFrames(24, 1, 4)).toBe(96);
    expect(gopFrames(25, 1, 6)).toBe(150);
  });
});
