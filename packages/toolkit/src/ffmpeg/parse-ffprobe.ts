export interface VideoStreamProbe {
  /** Stream index in the input (for -map 0:<index>). */
  index: number;
  codec: string;
  width: number;
  height: number;
  /** Exact frame rate as a fraction (30000/1001). */
  frameRateNumerator: number;
  frameRateDenominator: number;
  profile?: string;
  /** ffprobe's level (H.264: level_idc, e.g. 31). */
  level?: number;
}

export interface AudioStreamProbe {
  index: number;
  codec: string;
  channels: number;
  sampleRate: number;
  /** ISO 639-2 from the stream's language tag, 'und' when absent. */
  language: string;
  title?: string;
}

export interface MediaProbe {
  durationSeconds: number;
  video?: VideoStreamProbe;
  audio: AudioStreamProbe[];
}

interface RawStream {
  index?: number;
  codec_type?: string;
  codec_name?: string;
  profile?: string;
  level?: number;
  width?: number;
  height?: number;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  channels?: number;
  sample_rate?: string;
  duration?: string;
  disposition?: { attached_pic?: number };
  tags?: Record<string, string>;
}

function parseRate(text: string | undefined): [number, number] | undefined {
  if (!text) return undefined;
  const [num, den] = text.split('/').map(Number);
  if (!num || !den || !Number.isFinite(num / den) || num / den <= 0 || num / den > 240) return undefined;
  return [num, den];
}

/** Pure: ffprobe's `-show_streams -show_format -print_format json` output to what packaging needs. */
export function parseFfprobeJson(json: string): MediaProbe {
  const raw = JSON.parse(json) as { streams?: RawStream[]; format?: { duration?: string } };
  const streams = raw.streams ?? [];
  const probe: MediaProbe = { durationSeconds: 0, audio: [] };
  for (const stream of streams) {
    const index = stream.index ?? 0;
    if (stream.codec_type === 'video' && !probe.video && !stream.disposition?.attached_pic && stream.width && stream.height) {
      const rate = parseRate(stream.r_frame_rate) ?? parseRate(stream.avg_frame_rate) ?? [25, 1];
      probe.video = {
        index,
        codec: stream.codec_name ?? 'unknown',
        width: stream.width,
        height: stream.height,
        frameRateNumerator: rate[0],
        frameRateDenominator: rate[1],
      };
      if (stream.profile) probe.video.profile = stream.profile;
      if (typeof stream.level === 'number') probe.video.level = stream.level;
    } else if (stream.codec_type === 'audio') {
      const language = (stream.tags?.language ?? stream.tags?.LANGUAGE ?? '').toLowerCase();
      const audio: AudioStreamProbe = {
        index,
        codec: stream.codec_name ?? 'unknown',
        channels: stream.channels ?? 2,
        sampleRate: Number(stream.sample_rate) || 48000,
        language: /^[a-z]{2,3}(-[a-z0-9]+)*$/.test(language) ? language : 'und',
      };
      const title = stream.tags?.title ?? stream.tags?.TITLE;
      if (title) audio.title = title;
      probe.audio.push(audio);
    }
  }
  const formatDuration = Number(raw.format?.duration);
  let duration = Number.isFinite(formatDuration) && formatDuration > 0 ? formatDuration : 0;
  if (!duration) {
    for (const stream of streams) duration = Math.max(duration, Number(stream.duration) || 0);
  }
  probe.durationSeconds = duration;
  return probe;
}
