import { describe, expect, it } from 'vitest';
import { createFfmpegProgressParser, type FfmpegProgressBlock } from '../../src/ffmpeg/ffmpeg-progress-parser';
import { parseFfprobeJson } from '../../src/ffmpeg/parse-ffprobe';
import { estimateEtaSeconds, formatClock, renderProgressBar } from '../../src/progress/progress-math';
import { createProgressReporter } from '../../src/progress/progress-reporter';
import type { CliIo } from '../../src/cli-support/cli-io';

function captureIo(isTty: boolean): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, isTty, env: {}, stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
}

describe('ffmpeg -progress parser', () => {
  it('emits one block per progress= line, across arbitrary chunk boundaries', () => {
    const blocks: FfmpegProgressBlock[] = [];
    const feed = createFfmpegProgressParser((b) => blocks.push(b));
    const text = 'frame=10\nout_time_us=2500000\nspeed=1.5x\nprogress=continue\nframe=20\nout_time_ms=5000000\nspeed=N/A\nprogress=end\n';
    for (let i = 0; i < text.length; i += 7) feed(text.slice(i, i + 7));
    expect(blocks).toEqual([
      { frame: 10, outTimeSeconds: 2.5, speed: 1.5, done: false },
      { frame: 20, outTimeSeconds: 5, done: true },
    ]);
  });

  it('ignores N/A and negative times', () => {
    const blocks: FfmpegProgressBlock[] = [];
    const feed = createFfmpegProgressParser((b) => blocks.push(b));
    feed('out_time_us=N/A\nprogress=continue\nout_time_us=-5\nprogress=continue\n');
    expect(blocks).toEqual([{ done: false }, { done: false }]);
  });
});

describe('progress math', () => {
  it('extrapolates the ETA from the rate so far', () => {
    expect(estimateEtaSeconds(0.25, 10)).toBe(30);
    expect(estimateEtaSeconds(1, 10)).toBe(0);
    expect(estimateEtaSeconds(0, 10)).toBeUndefined();
    expect(estimateEtaSeconds(0.5, 0)).toBeUndefined();
  });

  it('formats clocks and bars', () => {
    expect(formatClock(83)).toBe('1:23');
    expect(formatClock(3725)).toBe('1:02:05');
    expect(formatClock(undefined)).toBe('--:--');
    expect(renderProgressBar({ label: 'encode movie', fraction: 0.5, elapsedSeconds: 12, etaSeconds: 12 }, 10)).toBe(
      'encode movie                 [#####-----]  50%  0:12 ETA 0:12',
    );
  });
});

describe('progress reporter', () => {
  it('draws a bar with carriage returns only on a TTY', () => {
    let t = 0;
    const io = captureIo(true);
    const reporter = createProgressReporter(io, { json: false, now: () => t });
    reporter.start('encode', 'movie');
    t = 2;
    reporter.update('encode', 'movie', 0.5);
    t = 4;
    reporter.done('encode', 'movie');
    expect(io.err[0]).toMatch(/^\rencode movie .*\[#{12}-{12}\] {2}50% {2}0:02 ETA 0:02/);
    expect(io.err.join('')).toContain('100%');
    expect(io.out).toEqual([]);
  });

  it('prints only step lines when stderr is not a TTY', () => {
    const io = captureIo(false);
    const reporter = createProgressReporter(io, { json: false, now: () => 0 });
    reporter.start('encode', 'movie');
    reporter.update('encode', 'movie', 0.5);
    reporter.done('encode', 'movie');
    reporter.cached('package', 'series-e1');
    expect(io.err).toEqual(['encode movie: done in 0:00\n', 'package series-e1: up to date\n']);
  });

  it('writes NDJSON events to stdout with --json, throttled', () => {
    let t = 0;
    const io = captureIo(true);
    const reporter = createProgressReporter(io, { json: true, now: () => t, intervalSeconds: 1 });
    reporter.start('encode', 'movie');
    t = 2;
    reporter.update('encode', 'movie', 0.4);
    t = 2.5;
    reporter.update('encode', 'movie', 0.45);
    t = 5;
    reporter.done('encode', 'movie');
    const events = io.out.map((line) => JSON.parse(line));
    expect(events).toEqual([
      { type: 'step', status: 'start', step: 'encode', title: 'movie', elapsedSeconds: 0 },
      { type: 'progress', step: 'encode', title: 'movie', fraction: 0.4, elapsedSeconds: 2, etaSeconds: 3 },
      { type: 'step', status: 'done', step: 'encode', title: 'movie', elapsedSeconds: 5 },
    ]);
    expect(io.err).toEqual([]);
  });
});

describe('ffprobe JSON', () => {
  it('extracts the first real video stream, every audio stream with languages, and the duration', () => {
    const probe = parseFfprobeJson(JSON.stringify({
      streams: [
        { index: 0, codec_type: 'video', codec_name: 'mjpeg', width: 100, height: 100, disposition: { attached_pic: 1 } },
        { index: 1, codec_type: 'video', codec_name: 'h264', profile: 'High', level: 40, width: 1920, height: 1080, r_frame_rate: '30000/1001' },
        { index: 2, codec_type: 'audio', codec_name: 'aac', channels: 6, sample_rate: '48000', tags: { language: 'fre', title: 'VF' } },
        { index: 3, codec_type: 'audio', codec_name: 'ac3', channels: 2, sample_rate: '44100' },
      ],
      format: { duration: '12.5' },
    }));
    expect(probe).toEqual({
      durationSeconds: 12.5,
      video: { index: 1, codec: 'h264', width: 1920, height: 1080, frameRateNumerator: 30000, frameRateDenominator: 1001, profile: 'High', level: 40 },
      audio: [
        { index: 2, codec: 'aac', channels: 6, sampleRate: 48000, language: 'fre', title: 'VF' },
        { index: 3, codec: 'ac3', channels: 2, sampleRate: 44100, language: 'und' },
      ],
    });
  });
});
