/**
 * Platform facts and quirks as named capabilities (no user-agent checks sprinkled
 * around). @tessera/adapters-tv produces these for Tizen, webOS and Android TV.
 */
export interface DeviceProfile {
  /** e.g. 'desktop', 'tizen-2017', 'webos-4', 'android-tv'. */
  name: string;
  /** SourceBuffer byte budget per content type; eviction keeps below it. */
  bufferBudgetBytes: { video: number; audio: number; text: number };
  /** Largest decodable/displayable resolution. */
  maxResolution?: { width: number; height: number };
  /** Key systems in preference order for this device. */
  preferredKeySystems: string[];
  /** Highest robustness the device's CDM offers, per key system. */
  drmRobustness?: Record<string, string>;
  /** Named quirks; engine code asks for these by name. */
  quirks: DeviceQuirks;
}

export interface DeviceQuirks {
  /** Seek a little past the target after a seek (some TVs land before it). Seconds. */
  seekNudgeSeconds?: number;
  /** Recreate MediaKeys when switching titles (some TVs cannot reuse them). */
  recreateMediaKeysPerTitle?: boolean;
  /** Platform cannot change codecs within one SourceBuffer. */
  noCodecSwitching?: boolean;
  /** Delay after a seek before buffering (ms). */
  seekDelayMs?: number;
  /** The platform's MSE needs `encv`/`enca` in every init segment before keys arrive. */
  requiresEncryptionInfoInAllInitSegments?: boolean;
}

export const DEFAULT_DEVICE_PROFILE: DeviceProfile = {
  name: 'desktop',
  bufferBudgetBytes: { video: 150 * 1024 * 1024, audio: 20 * 1024 * 1024, text: 4 * 1024 * 1024 },
  preferredKeySystems: ['com.widevine.alpha', 'com.microsoft.playready', 'com.apple.fps', 'org.w3.clearkey'],
  quirks: {},
};
