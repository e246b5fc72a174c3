/** Documented exit codes of the `tessera` CLI (see packages/toolkit/README.md). */
export const ExitCode = {
  OK: 0,
  /** A bug: an unexpected exception (printed with its stack). */
  INTERNAL: 1,
  /** Bad command line: unknown command or option, invalid value. */
  USAGE: 2,
  /** An input file is missing or unreadable. */
  INPUT_UNREADABLE: 3,
  /** The input has no usable video stream, or is not media at all. */
  INPUT_UNSUPPORTED: 4,
  /** ffmpeg/ffprobe is not installed. */
  FFMPEG_MISSING: 5,
  /** ffmpeg ran but failed. */
  FFMPEG_FAILED: 6,
  /** The output location cannot be written. */
  OUTPUT_UNWRITABLE: 7,
  /** A server could not start (port in use...). */
  SERVER_FAILED: 8,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
