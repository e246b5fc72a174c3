/** EME key systems Tessera knows, their DRM system IDs (DASH-IF registry) and robustness ladders. */
export const WIDEVINE = 'com.widevine.alpha';
export const PLAYREADY = 'com.microsoft.playready';
export const PLAYREADY_RECOMMENDATION = 'com.microsoft.playready.recommendation';
export const FAIRPLAY = 'com.apple.fps';
export const CLEARKEY = 'org.w3.clearkey';

/** W3C common PSSH (ClearKey reads its key IDs). */
export const COMMON_SYSTEM_ID = '1077efecc0b24d02ace33c1e52e2fb4b';

export const SYSTEM_IDS: Record<string, string> = {
  [WIDEVINE]: 'edef8ba979d64acea3c827dcd51d21ed',
  [PLAYREADY]: '9a04f07998404286ab92e65be0885f95',
  [FAIRPLAY]: '94ce86fb07ff4f43adb893d2fa968ca2',
  [CLEARKEY]: 'e2719d58a985b3c9781ab030af78d30e',
};

/** The name licence settings are kept under (PlayReady's EME variants share one). */
export function baseKeySystem(keySystem: string): string {
  return keySystem.indexOf(PLAYREADY) === 0 ? PLAYREADY : keySystem;
}

/** EME names to try for a key system, best first (Edge/Chromium's hardware PlayReady is `.recommendation`). */
export function emeNamesOf(keySystem: string): string[] {
  return keySystem === PLAYREADY ? [PLAYREADY_RECOMMENDATION, PLAYREADY] : [keySystem];
}

/**
 * Video robustness, strongest first. Widevine: W3C EME robustness strings (L1 = HW_SECURE_*,
 * L3 = SW_SECURE_*); PlayReady `.recommendation`: security levels 3000 (hardware), 2000, 150.
 * The empty string (any) closes every ladder.
 */
export const ROBUSTNESS_LADDERS: Record<string, string[]> = {
  [WIDEVINE]: ['HW_SECURE_ALL', 'HW_SECURE_DECODE', 'HW_SECURE_CRYPTO', 'SW_SECURE_DECODE', 'SW_SECURE_CRYPTO', ''],
  [PLAYREADY_RECOMMENDATION]: ['3000', '2000', '150', ''],
};

/** Audio robustness paired with each video level (audio is decrypted in software almost everywhere). */
export const AUDIO_ROBUSTNESS: Record<string, string> = {
  [WIDEVINE]: 'SW_SECURE_CRYPTO',
  [PLAYREADY_RECOMMENDATION]: '150',
};

/**
 * Highest video height a robustness level may play (the seeds: software DRM ≤ 720p).
 * Levels not listed are uncapped.
 */
export const DEFAULT_ROBUSTNESS_CAPS: Record<string, Record<string, number>> = {
  [WIDEVINE]: { SW_SECURE_DECODE: 720, SW_SECURE_CRYPTO: 720, '': 720 },
  [PLAYREADY_RECOMMENDATION]: { '150': 720, '': 720 },
  [PLAYREADY]: { '': 720 },
};

/**
 * The ladder for a key system, starting at the device's best level when the device
 * profile names one (`drmRobustness`), or the app's own list.
 */
export function robustnessLadder(emeName: string, deviceBest: string | undefined, appLadder: string[] | undefined): string[] {
  if (appLadder && appLadder.length) return appLadder;
  const ladder = ROBUSTNESS_LADDERS[emeName] ?? [''];
  const start = deviceBest === undefined ? -1 : ladder.indexOf(deviceBest);
  return start > 0 ? ladder.slice(start) : ladder;
}
