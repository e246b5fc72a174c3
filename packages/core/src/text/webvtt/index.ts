/**
 * Pure WebVTT parsing (W3C WebVTT). No DOM: the engine turns cues into TextTrack cues,
 * @tessera/thumbnails reads `#xywh` payloads from the same result.
 */
export { parseWebVtt } from './parse-webvtt';
export type {
  ParseWebVttOptions,
  VttCue,
  VttCueSettings,
  VttRegion,
  VttTimestampMap,
  VttWarning,
  WebVttParseResult,
} from './types';
