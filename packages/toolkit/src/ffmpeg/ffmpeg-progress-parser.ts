/** One block of `ffmpeg -progress` output (key=value lines ending with progress=continue|end). */
export interface FfmpegProgressBlock {
  /** Output time reached, in seconds (from out_time_us / out_time_ms, both microseconds in ffmpeg 5). */
  outTimeSeconds?: number;
  /** Encoding speed relative to real time (speed=1.5x). */
  speed?: number;
  frame?: number;
  done: boolean;
}

/**
 * Incremental parser for `-progress pipe:1` (ffmpeg's fftools: blocks of
 * key=value lines, each closed by `progress=continue` or `progress=end`).
 * Feed it chunks as they arrive; it calls `onBlock` once per closed block.
 */
export function createFfmpegProgressParser(onBlock: (block: FfmpegProgressBlock) => void): (chunk: string) => void {
  let pending = '';
  let block: FfmpegProgressBlock = { done: false };
  return (chunk: string) => {
    pending += chunk;
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      const line = pending.slice(0, newline).trim();
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
      const equals = line.indexOf('=');
      if (equals <= 0) continue;
      const key = line.slice(0, equals);
      const value = line.slice(equals + 1).trim();
      if (key === 'out_time_us' || key === 'out_time_ms') {
        const micros = Number(value);
        if (Number.isFinite(micros) && micros >= 0) block.outTimeSeconds = micros / 1e6;
      } else if (key === 'speed') {
        const speed = parseFloat(value);
        if (Number.isFinite(speed)) block.speed = speed;
      } else if (key === 'frame') {
        const frame = Number(value);
        if (Number.isFinite(frame)) block.frame = frame;
      } else if (key === 'progress') {
        block.done = value === 'end';
        onBlock(block);
        block = { done: false };
      }
    }
  };
}
