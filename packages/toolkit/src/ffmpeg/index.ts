export { findFfmpegTools, type FfmpegTools } from './ffmpeg-tools';
export { runFfmpeg, runForOutput, type RunFfmpegOptions } from './run-ffmpeg';
export { createFfmpegProgressParser, type FfmpegProgressBlock } from './ffmpeg-progress-parser';
export { parseFfprobeJson, type MediaProbe, type VideoStreamProbe, type AudioStreamProbe } from './parse-ffprobe';
export { probeMedia } from './probe-media';
