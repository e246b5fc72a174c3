import { jpegQscale, type ThumbnailOptions } from './thumbnail-options';

/** Where one ffmpeg run writes sprite sheets and single frames. */
export interface ThumbnailArgsJob {
  input: string;
  /** Video stream index in the input (-map 0:<index>). */
  videoStreamIndex: number;
  options: ThumbnailOptions;
  /** sprite_00.jpg, sprite_01.jpg... */
  sheetPattern: string;
  /** Single frames named by their presentation time in ms (frame_10000.jpg): the BIF images. */
  framePattern: string;
}

/**
 * One decode of the source, one picture per interval: `select` keeps the first
 * frame at or after each multiple of the interval (so the thumbnail for 0:10 shows
 * 0:10, where `fps=1/10` would show the last frame before 0:15), letterboxed to
 * the thumbnail size, then split into the sprite sheets (`tile`, the last sheet
 * padded black) and single JPEGs named by their time in ms (`-frame_pts` with a
 * 1/1000 encoder time base), which tell which intervals have a picture.
 */
export function buildThumbnailArgs(job: ThumbnailArgsJob): string[] {
  const { intervalSeconds: interval, width, height, columns, rows } = job.options;
  const q = String(jpegQscale(job.options.quality));
  const every = String(interval);
  const graph = [
    `[0:${job.videoStreamIndex}]setpts=PTS-STARTPTS`,
    `select='eq(n\\,0)+gte(floor(t/${every})-floor(prev_selected_t/${every})\\,1)'`,
    `scale=${width}:${height}:force_original_aspect_ratio=decrease:flags=bicubic`,
    `pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2`,
    'setsar=1',
    // Full-range 4:2:0, what the mjpeg encoder expects.
    'format=yuvj420p',
    'split=2[frames][tiles];[tiles]' + `tile=${columns}x${rows}[sheets]`,
  ].join(',');
  return [
    '-y', '-i', job.input, '-filter_complex', graph, '-map_metadata', '-1',
    '-map', '[sheets]', '-fps_mode', 'passthrough', '-c:v', 'mjpeg', '-q:v', q, '-start_number', '0', job.sheetPattern,
    '-map', '[frames]', '-fps_mode', 'passthrough', '-enc_time_base', '1/1000', '-c:v', 'mjpeg', '-q:v', q, '-frame_pts', '1', job.framePattern,
  ];
}

/**
 * Re-tiles single frames into sheets (image2 input, a list in order) for the rare
 * source with an interval that has no frame, where the first pass's sheets are
 * shifted: the caller lists each interval's picture (the previous one repeated).
 */
export function buildRetileArgs(listFile: string, options: ThumbnailOptions, sheetPattern: string): string[] {
  return [
    '-y', '-f', 'concat', '-safe', '0', '-i', listFile,
    '-vf', `tile=${options.columns}x${options.rows}`, '-fps_mode', 'passthrough',
    '-c:v', 'mjpeg', '-q:v', String(jpegQscale(options.quality)), '-start_number', '0', sheetPattern,
  ];
}
