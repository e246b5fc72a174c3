import type { DrmInfo, Presentation } from '../model/presentation';
import type { TesseraError } from '../errors/tessera-error';
import type { DeviceProfile } from './device-profile';

/** What the player tells a DRM plugin, and how the plugin reports back. */
export interface DrmPluginHost {
  /** A key's status changed so that these representations cannot play (output-restricted, expired...). */
  onRestrictionsChanged(restrictedKeyIds: ReadonlySet<string>): void;
  onError(error: TesseraError): void;
  /** Licence timing for stats (ms). Never includes licence bodies or tokens. */
  onLicenseAcquired(info: { keySystem: string; durationMs: number }): void;
  /** The player's device profile: key-system preferences, CDM robustness, quirks. */
  readonly device?: DeviceProfile;
  /**
   * Cap video resolution, e.g. a software-only CDM (Widevine L3) or an output without the
   * HDCP version the content needs; `undefined` lifts the cap. ABR chooses within it.
   */
  onResolutionCap?(cap: { maxWidth?: number; maxHeight?: number } | undefined): void;
}

/**
 * The DRM contract owned by core and implemented by @tessera/drm. The plugin owns
 * MediaKeys and sessions; the engine only hands it init data and waits for it.
 */
export interface DrmPlugin {
  /**
   * Choose a key system for the presentation and attach MediaKeys to the element.
   * Resolves when the element can receive encrypted media. Rejects with a TesseraError.
   */
  attach(media: HTMLMediaElement, presentation: Presentation, host: DrmPluginHost): Promise<void>;
  /** An init segment was appended: it may carry `pssh` boxes. */
  onInitSegment(contentType: 'video' | 'audio', initSegment: Uint8Array, drm: readonly DrmInfo[]): void;
  /** The key system in use, once chosen. */
  readonly keySystem: string | undefined;
  /** Release sessions and MediaKeys. */
  destroy(): Promise<void>;
}
