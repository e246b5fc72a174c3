import { ExitCode } from '../cli-support/exit-codes';
import { UserError } from '../cli-support/user-error';

/** How `tessera package --thumbnails` samples and lays out thumbnails. */
export interface ThumbnailOptions {
  /** One thumbnail every `intervalSeconds`, at the start of its interval. */
  intervalSeconds: number;
  /** Size of one thumbnail (a tile), pixels. */
  width: number;
  height: number;
  /** Sprite-sheet grid. */
  columns: number;
  rows: number;
  /** JPEG quality 1..100 (mapped to ffmpeg's mjpeg -q:v). */
  quality: number;
}

/** The seeds' defaults: every 10 s, 320x180, 5x5 sprite sheets, JPEG quality 85. */
export const DEFAULT_THUMBNAIL_OPTIONS: Readonly<ThumbnailOptions> = { intervalSeconds: 10, width: 320, height: 180, columns: 5, rows: 5, quality: 85 };

/** '320x180' → [320, 180] within [min, max]; UserError(USAGE) otherwise. */
export function parseDimensions(text: string, option: string, min: number, max: number): [number, number] {
  const match = /^\s*(\d+)\s*x\s*(\d+)\s*$/i.exec(text);
  const a = match ? Number(match[1]) : NaN;
  const b = match ? Number(match[2]) : NaN;
  if (!(a >= min && a <= max && b >= min && b <= max)) throw new UserError(ExitCode.USAGE, `${option} must be WxH with values from ${min} to ${max}, got '${text}'`);
  return [a, b];
}

/**
 * JPEG quality (1..100, libjpeg's scale) to ffmpeg's mjpeg quantiser scale -q:v
 * (2 best .. 31 worst), linearly: 100 → 2, 85 → 6, 1 → 31.
 */
export function jpegQscale(quality: number): number {
  const q = Math.min(100, Math.max(1, quality));
  return Math.min(31, Math.max(2, Math.round(2 + ((100 - q) * 29) / 99)));
}

/** Even dimensions keep every JPEG chroma block whole (4:2:0), so tiles never bleed into each other. */
export function validateThumbnailOptions(options: ThumbnailOptions): void {
  if (options.width % 2 !== 0 || options.height % 2 !== 0) throw new UserError(ExitCode.USAGE, `--thumbnail-size must have even width and height, got ${options.width}x${options.height}`);
  // JPEG's limit is 65535 px; keep sheets well inside what TVs decode (DASH-IF IOP §6.2.6 warns about large tiles).
  if (options.width * options.columns > 8192 || options.height * options.rows > 8192) {
    throw new UserError(ExitCode.USAGE, `a ${options.columns}x${options.rows} sheet of ${options.width}x${options.height} thumbnails is over 8192 px wide or high`);
  }
}
