/** Options for `parseManifest`. Every field is optional; defaults are documented per field. */
export interface ParseOptions {
  /** Wall clock for live DASH window computation, epoch ms (default `Date.now()`). */
  nowMs?: number;
  /**
   * Cap on expanded segments per representation (default 100000). A static
   * manifest beyond it fails with TOO_MANY_SEGMENTS; a live one keeps the newest
   * segments. The whole presentation is capped at 10 × this value.
   */
  maxSegments?: number;
}

export const DEFAULT_MAX_SEGMENTS = 100000;
/** Manifests above this many characters are refused (MANIFEST_TOO_LARGE). */
export const MAX_MANIFEST_CHARS = 32 * 1024 * 1024;
