import type { AudioStreamProbe, MediaProbe } from '../ffmpeg/parse-ffprobe';
import type { Rendition } from './ladder';

export interface EncodeJob {
  input: string;
  probe: MediaProbe;
  renditions: ReadonlyArray<Rendition>;
  segmentDurationSeconds: number;
  /** x264 preset ('veryfast'). */
  preset: string;
  audioBitrateKbps: number;
  /** Directory for the intermediate fragmented MP4s. */
  workDir: string;
}

export interface EncodeOutputs {
  video: Array<{ rendition: Rendition; file: string }>;
  audio: Array<{ stream: AudioStreamProbe; file: string }>;
}

/** Fragmented MP4 the splitter can read: empty moov + moof/mdat, tfdt, trun v1 with signed offsets (cmaf). */
const FRAGMENTED_MP4 = ['-f', 'mp4', '-movflags', '+empty_moov+default_base_moof+cmaf'];

/** Frames per GOP: one GOP per segment (at least 1). */
export function gopFrames(frameRateNumerator: number, frameRateDenominator: number, segmentDurationSeconds: number): number {
  return Math.max(1, Math.round((frameRateNumerator / frameRateDenominator) * segmentDurationSeconds));
}

/**
 * One ffmpeg invocation that decodes the input once, splits the picture to
 * every rung (split filter) and encodes each rung with x264 plus every audio
 * stream as AAC-LC stereo, each to its own fragmented MP4.
 *
 * Why these settings: a fixed GOP of fps x segment duration with no
 * scene-cut keyframes and keyframes forced on segment boundaries gives closed
 * GOPs aligned across rungs (every segment starts with an IDR, CMAF §7.3.2.2);
 * capped VBR (maxrate 1.1x, bufsize 2x) keeps real segment sizes near the
 * nominal ladder bitrates.
 */
export function buildEncodeArgs(job: EncodeJob): { args: string[]; outputs: EncodeOutputs } {
  const video = job.probe.video;
  if (!video) throw new Error('buildEncodeArgs needs a video stream');
  const rate = `${video.frameRateNumerator}/${video.frameRateDenominator}`;
  const gop = gopFrames(video.frameRateNumerator, video.frameRateDenominator, job.segmentDurationSeconds);
  const outputs: EncodeOutputs = { video: [], audio: [] };
  const graph = buildScaleGraph(`[0:${video.index}]`, job.renditions, video.width, video.height);
  const args = ['-y', '-i', job.input, '-filter_complex', graph, '-map_metadata', '-1', '-map_chapters', '-1'];
  job.renditions.forEach((rendition, i) => {
    const file = `${job.workDir}/video-${rendition.id}.mp4`;
    outputs.video.push({ rendition, file });
    const kbps = rendition.bitrateKbps;
    args.push(
      '-map', `[v${i}]`, '-an', '-sn', '-dn',
      '-c:v', 'libx264', '-preset', job.preset, '-profile:v', 'high',
      '-b:v', `${kbps}k`, '-maxrate', `${Math.round(kbps * 1.1)}k`, '-bufsize', `${kbps * 2}k`,
      '-r', rate, '-g', String(gop), '-keyint_min', String(gop), '-sc_threshold', '0',
      '-force_key_frames', `expr:gte(t,n_forced*${job.segmentDurationSeconds})`,
      '-x264-params', 'open-gop=0',
      // A fragment per GOP; the splitter re-cuts at the sync samples anyway.
      '-f', 'mp4', '-movflags', '+frag_keyframe+empty_moov+default_base_moof+cmaf', file,
    );
  });
  job.probe.audio.forEach((stream, i) => {
    const file = `${job.workDir}/audio-${i}.mp4`;
    outputs.audio.push({ stream, file });
    args.push(
      '-map', `0:${stream.index}`, '-vn', '-sn', '-dn',
      '-c:a', 'aac', '-b:a', `${job.audioBitrateKbps}k`, '-ac', '2', '-ar', '48000',
      '-metadata:s:a:0', `language=${stream.language}`,
      // 1 s fragments keep the intermediate file lean; segments are re-cut at the video boundaries later.
      '-frag_duration', '1000000', ...FRAGMENTED_MP4, file,
    );
  });
  return { args, outputs };
}

/**
 * The filtergraph feeding every rung (outputs [v0], [v1]... in rendition
 * order): one decode, converted to yuv420p once, then scaled in a cascade
 * from the largest size down (each size scaled from the previous one, rungs
 * of equal size sharing one scaled picture). ffmpeg 5 runs the filtergraph on
 * one thread, so fewer and smaller scale operations keep the encoders fed.
 */
export function buildScaleGraph(source: string, renditions: ReadonlyArray<Rendition>, sourceWidth: number, sourceHeight: number): string {
  const sizes: Array<{ width: number; height: number; outputs: number[] }> = [];
  renditions.forEach((rendition, i) => {
    let size = sizes.find((s) => s.width === rendition.width && s.height === rendition.height);
    if (!size) sizes.push((size = { width: rendition.width, height: rendition.height, outputs: [] }));
    size.outputs.push(i);
  });
  sizes.sort((a, b) => b.width * b.height - a.width * a.height);
  const chains: string[] = [];
  let input = source;
  let previous = { width: sourceWidth, height: sourceHeight };
  sizes.forEach((size, k) => {
    const filters: string[] = [];
    if (k === 0) filters.push('format=yuv420p');
    if (size.width !== previous.width || size.height !== previous.height) filters.push(`scale=${size.width}:${size.height}:flags=bicubic`);
    filters.push('setsar=1');
    const labels = size.outputs.map((i) => `[v${i}]`);
    if (k < sizes.length - 1) labels.push(`[c${k}]`);
    if (labels.length > 1) filters.push(`split=${labels.length}`);
    chains.push(`${input}${filters.join(',')}${labels.join('')}`);
    input = `[c${k}]`;
    previous = size;
  });
  return chains.join(';');
}
