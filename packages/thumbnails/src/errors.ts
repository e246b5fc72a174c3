import { ErrorCode, TesseraError } from '@tessera/core';

/** THUMBNAILS_INVALID: thumbnails never stop playback, so the error is recoverable. */
export function thumbnailsInvalid(format: string, reason: string, cause?: unknown): TesseraError {
  return new TesseraError(ErrorCode.THUMBNAILS_INVALID, 'recoverable', { format, reason }, undefined, cause);
}

/** Runs a parser; anything that is not already a TesseraError becomes THUMBNAILS_INVALID. */
export function guarded<T>(format: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof TesseraError) throw error;
    throw thumbnailsInvalid(format, 'internal parser error: ' + (error instanceof Error ? error.message : String(error)), error);
  }
}

/** Caps on what a parser accepts, so hostile input cannot exhaust memory or time. */
export const MAX_CUES = 500000;
