/** A snapshot of playback statistics (see Player.getStats()). */
export interface PlayerStats {
  /** From load() to the first rendered frame, ms (undefined until then). */
  startupTimeMs?: number;
  /** Current ABR bandwidth estimate, bits per second. */
  bandwidthEstimateBps?: number;
  /** Rendition being fetched now. */
  videoBandwidthBps?: number;
  width?: number;
  height?: number;
  decodedFrames?: number;
  droppedFrames?: number;
  bufferAheadSeconds: number;
  /** Stalls after the first frame (not counting seeks). */
  rebufferCount: number;
  rebufferTimeMs: number;
  /** Representation changes of the video stream after startup. */
  videoSwitches: number;
  /** Media bytes downloaded (video + audio + init). */
  bytesDownloaded: number;
  /** DRM licence acquisition time, ms, when encrypted. */
  licenseTimeMs?: number;
  playTimeMs: number;
}
