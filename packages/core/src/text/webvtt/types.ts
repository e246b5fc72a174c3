/**
 * WebVTT parse results. Shapes follow the VTTCue / VTTRegion interfaces of the W3C WebVTT
 * spec (§7 API) so the engine can copy them onto platform cues one to one.
 */

/** Cue settings as written in the file (W3C WebVTT §3.3, parsed per §6.3). Absent = not set (VTTCue defaults apply). */
export interface VttCueSettings {
  /** Vertical writing direction: right-to-left or left-to-right lines. */
  vertical?: 'rl' | 'lr';
  /** Line position: a line number (snapToLines) or a percentage of the viewport. */
  line?: number;
  /** false when `line` was a percentage. Set together with `line`. */
  snapToLines?: boolean;
  lineAlign?: 'start' | 'center' | 'end';
  /** Position, percent of the viewport. */
  position?: number;
  positionAlign?: 'line-left' | 'center' | 'line-right';
  /** Box size, percent of the viewport. */
  size?: number;
  align?: 'start' | 'center' | 'end' | 'left' | 'right';
  /** Identifier of a region defined in a REGION block of the same file. */
  region?: string;
}

export interface VttCue {
  /** The cue identifier line, when present. */
  id?: string;
  /** Seconds, `timestampOffset` applied. */
  startTime: number;
  /** Seconds, `timestampOffset` applied; never before `startTime`. */
  endTime: number;
  /**
   * The raw payload, lines joined with "\n": markup (`<v>`, `<c>`, entities) is kept as is,
   * for VTTCue to interpret, and thumbnail payloads (`sprite.jpg#xywh=0,0,160,90`) stay intact.
   */
  text: string;
  settings: VttCueSettings;
}

/** A REGION block (W3C WebVTT §3.4, parsed per §6.2). Values are VTTRegion's, defaults filled in. */
export interface VttRegion {
  id: string;
  /** Percent of the viewport width. Default 100. */
  width: number;
  /** Height in lines. Default 3. */
  lines: number;
  /** Percent of the region. Default 0,100. */
  regionAnchorX: number;
  regionAnchorY: number;
  /** Percent of the viewport. Default 0,100. */
  viewportAnchorX: number;
  viewportAnchorY: number;
  scroll: '' | 'up';
}

/** Something was skipped or repaired; parsing went on. `line` is 1-based. */
export interface VttWarning {
  line: number;
  message: string;
}

/**
 * HLS `X-TIMESTAMP-MAP` (RFC 8216 §3.5): the cue time `local` (seconds) corresponds to the
 * media time `mpegts` (90 kHz MPEG-2 TS clock). Exposed as found; the caller applies it.
 */
export interface VttTimestampMap {
  mpegts: number;
  local: number;
}

export interface ParseWebVttOptions {
  /** Where the text came from, for errors (redacted). */
  url?: string;
  /** Seconds added to every cue time (e.g. a period start). Default 0. */
  timestampOffset?: number;
}

export interface WebVttParseResult {
  cues: VttCue[];
  regions: VttRegion[];
  /** Contents of STYLE blocks (CSS), in order. */
  styles: string[];
  warnings: VttWarning[];
  timestampMap?: VttTimestampMap;
}
