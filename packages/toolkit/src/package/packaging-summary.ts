import type { PackagedIFramePlaylist, PackagedThumbnails } from '../thumbnails/packaged-thumbnails';
import type { PackagedEncryption } from '../encrypt/manifest-signalling';

/**
 * packaging.json: the machine-readable summary `tessera package` writes next to
 * the manifests (schema in packages/toolkit/README.md). Every URL is relative
 * to the directory holding packaging.json.
 */
export interface PackagedSegment {
  number: number;
  url: string;
  bytes: number;
  /** Earliest presentation time, seconds. */
  startSeconds: number;
  durationSeconds: number;
  /** Earliest presentation time in the representation timescale (SegmentTimeline S@t, $Time$). */
  time: number;
  /** Duration in the representation timescale. */
  duration: number;
}

export interface PackagedRepresentation {
  id: string;
  type: 'video' | 'audio';
  mimeType: 'video/mp4' | 'audio/mp4';
  /** RFC 6381, read from the init segment ('avc1.64001f', 'mp4a.40.2'). */
  codecs: string;
  timescale: number;
  initUrl: string;
  playlistUrl: string;
  /** DASH @bandwidth (ISO/IEC 23009-1 §5.3.5.2 with minBufferTime = the segment duration), bits/s. */
  bandwidth: number;
  /** RFC 8216 peak segment bit rate, bits/s. */
  peakBitrate: number;
  /** Total bits over total seconds. */
  averageBitrate: number;
  /** The ladder's nominal bitrate (video) or the encoder target (audio), kbps. */
  nominalBitrateKbps: number;
  width?: number;
  height?: number;
  /** '24', '30000/1001'. */
  frameRate?: string;
  /** BCP 47. */
  language?: string;
  /** Display name of an audio rendition (HLS NAME, DASH Label). */
  label?: string;
  channels?: number;
  sampleRate?: number;
  segments: PackagedSegment[];
  /** --encrypt: the key ID protecting this representation (lower-case hex). */
  keyId?: string;
}

export interface PackagedSubtitles {
  id: string;
  /** BCP 47. */
  language: string;
  name: string;
  url: string;
  playlistUrl: string;
}

export interface PackagingSummary {
  /** Version of the packaging logic (changes invalidate `tessera sample`'s cache). */
  packagerVersion: string;
  manifests: { dash: string; hls: string };
  durationSeconds: number;
  segmentDurationSeconds: number;
  segmentTemplate: 'number' | 'timeline';
  source: { file: string; width: number; height: number; frameRate: string; durationSeconds: number };
  video: PackagedRepresentation[];
  audio: PackagedRepresentation[];
  subtitles: PackagedSubtitles[];
  /** --thumbnails: sprite sheets, metadata JSON, WebVTT, BIF, HLS image playlist (DASH image AdaptationSet from it). */
  thumbnails?: PackagedThumbnails;
  /** --thumbnails: HLS I-frame playlists for trick-mode fast-forward, one per video representation. */
  iFramePlaylists?: PackagedIFramePlaylist[];
  /** --encrypt: scheme, key IDs (never keys) and the signalled DRM systems. */
  encryption?: PackagedEncryption;
}

/** Bumped whenever packaging output changes for the same inputs. */
export const PACKAGER_VERSION = '1.0.0';
