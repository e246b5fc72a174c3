import type { AbrAlgorithm } from '../abr-api';
import type { DeviceProfile } from '../plugins/device-profile';
import type { DrmPlugin } from '../plugins/drm-plugin';
import type { TelemetryHooks } from '../plugins/telemetry-hooks';
import type { Clock } from '../util/clock';

/** Every option, with its default in `DEFAULT_PLAYER_CONFIG` (documented in docs/player-config.md). */
export interface PlayerConfig {
  /** Start playback as soon as enough is buffered. Default true. */
  autoplay: boolean;
  /** Seconds buffered before playback starts (and resumes after a stall). Default 1. */
  startupBufferSeconds: number;
  /** Seconds to keep buffered ahead of the playhead in steady state. Default 30. */
  bufferGoalSeconds: number;
  /** Seconds of already-played media kept behind the playhead (seek-back). Default 10. */
  backBufferSeconds: number;
  /**
   * Bytes a SourceBuffer may hold per type; eviction starts before this is reached.
   * Default: the device profile's budget (150 MiB video, 20 MiB audio on desktop).
   */
  bufferBudgetBytes?: { video: number; audio: number };
  /** Largest gap (s) in buffered media that the player jumps over. Default 0.5. */
  maxGapJumpSeconds: number;
  /** No playhead progress for this long while buffered → stall recovery. Default 1000 ms. */
  stallTimeoutMs: number;
  /** Initial bandwidth estimate (bits/s) used before any measurement. Default 2 Mbps. */
  defaultBandwidthEstimateBps: number;
  /** Network: per-attempt timeout (ms). Default 10000. */
  requestTimeoutMs: number;
  /** Network: attempts per URL candidate (first try included). Default 4. */
  maxRequestAttempts: number;
  /** Preferred audio language (BCP 47 / ISO 639). Default: the manifest's default track. */
  preferredAudioLanguage?: string;
  /** Preferred text language; undefined = subtitles off. */
  preferredTextLanguage?: string;
  /** Start position (s) for VOD; live starts at the live edge minus the presentation delay. */
  startTime?: number;
  /** Live: seconds behind the live edge to play at. Default: manifest's suggestedPresentationDelay or 3 target durations. */
  liveDelaySeconds?: number;
  /** ABR algorithm object. Default: `createHybridAbr()` from @tessera/abr. */
  abr?: AbrAlgorithm;
  /** DRM plugin (from @tessera/drm). Required to play encrypted content. */
  drm?: DrmPlugin;
  /** Device profile (from @tessera/adapters-tv); desktop defaults otherwise. */
  device?: DeviceProfile;
  telemetry?: TelemetryHooks;
  /** Injected time source (tests, simulator). */
  clock?: Clock;
}

export const DEFAULT_PLAYER_CONFIG: Readonly<Omit<PlayerConfig, 'abr' | 'drm' | 'device' | 'telemetry' | 'clock'>> = {
  autoplay: true,
  startupBufferSeconds: 1,
  bufferGoalSeconds: 30,
  backBufferSeconds: 10,
  maxGapJumpSeconds: 0.5,
  stallTimeoutMs: 1000,
  defaultBandwidthEstimateBps: 2_000_000,
  requestTimeoutMs: 10_000,
  maxRequestAttempts: 4,
};
