import type { Clock, DeviceProfile, NetworkEngine } from '@tessera/core';

/** What a licence request looks like before it is sent; `prepareRequest` may change any of it. */
export interface LicenseRequest {
  url: string;
  headers: Record<string, string>;
  body: Uint8Array;
  /** The EME message type: 'license-request', 'license-renewal', 'license-release', 'individualization-request'. */
  messageType: string;
  keySystem: string;
  /** FairPlay: the content ID from the `skd://` URI. */
  contentId?: string;
}

/** Per key system (keyed by its base name: 'com.widevine.alpha', 'com.microsoft.playready', 'com.apple.fps', 'org.w3.clearkey'). */
export interface KeySystemOptions {
  /** Licence server; overrides the manifest's. */
  licenseUrl?: string;
  /** Sent with every licence request (auth tokens go here: they never reach logs, events or errors). */
  headers?: Record<string, string>;
  withCredentials?: boolean;
  /** Server certificate (Widevine privacy mode, FairPlay); or a URL to fetch it from. */
  serverCertificate?: Uint8Array;
  serverCertificateUrl?: string;
  /** Video robustness levels to try, best first (default: the key system's ladder from the device's best level). */
  videoRobustness?: string[];
  audioRobustness?: string;
  distinctiveIdentifier?: MediaKeysRequirement;
  /** Change the request (URL, headers, body) — e.g. wrap the challenge in an app's JSON. */
  prepareRequest?(request: LicenseRequest): LicenseRequest | Promise<LicenseRequest>;
  /** Turn the server's answer into what the CDM takes (e.g. unwrap JSON). */
  parseResponse?(body: Uint8Array, request: LicenseRequest): Uint8Array | Promise<Uint8Array>;
}

/** Something that answers the EME question the manager asks (the browser's navigator by default; tests fake it). */
export interface EmeEnvironment {
  requestMediaKeySystemAccess(keySystem: string, configurations: MediaKeySystemConfiguration[]): Promise<MediaKeySystemAccess>;
}

/** Events for the app (diagnostics); they carry no keys, licences or tokens. */
export type DrmEvent =
  | { type: 'keysystemselected'; keySystem: string; videoRobustness: string }
  | { type: 'licenseacquired'; keySystem: string; durationMs: number; renewal: boolean }
  | { type: 'keystatuseschange'; statuses: Record<string, string> }
  | { type: 'expirationupdate'; expirationMs: number }
  | { type: 'persistentsession'; sessionId: string; keyIds: string[] };

export interface DrmConfig {
  /** Licence server per key system (shorthand for `keySystems[ks].licenseUrl`). */
  servers?: Record<string, string>;
  keySystems?: Record<string, KeySystemOptions>;
  /** Key systems in preference order; default the device profile's. */
  preferredKeySystems?: string[];
  /** ClearKey without a server: key ID hex → key hex, answered locally. */
  clearKeys?: Record<string, string>;
  /** Device profile when the player does not pass one (it does: DrmPluginHost.device). */
  device?: Pick<DeviceProfile, 'preferredKeySystems' | 'drmRobustness' | 'quirks'>;
  /** Licence retries on network errors and 5xx (default 4 attempts, 250 ms base, full jitter). */
  retry?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number };
  /** Per attempt, ms (default 10000). */
  timeoutMs?: number;
  /** Max video height per granted robustness, by EME key system (default: software levels ≤ 720p). */
  robustnessCaps?: Record<string, Record<string, number>>;
  /**
   * HDCP needed above a height, checked with MediaKeys.getStatusForPolicy where the browser
   * has it; when the output cannot, quality is capped at that height. Not applied to ClearKey.
   */
  hdcpPolicy?: Array<{ aboveHeight: number; minHdcpVersion: string }>;
  /** Ask for a fresh licence this long before a session expires (default 30000 ms). */
  renewBeforeExpirationMs?: number;
  /** Persistent-licence sessions where the CDM supports them: stored sessions to load first, and where new ones are reported. */
  persistentLicenses?: { sessionIds?: string[] };
  /** eme-encryption-scheme-polyfill's default export, installed once before the first request (for browsers without `encryptionScheme`). */
  encryptionSchemePolyfill?: { install(): void };
  onEvent?(event: DrmEvent): void;
  /** Injected for tests. */
  clock?: Clock;
  eme?: EmeEnvironment;
  network?: Pick<NetworkEngine, 'request'>;
}

export const DEFAULT_HDCP_POLICY: ReadonlyArray<{ aboveHeight: number; minHdcpVersion: string }> = [
  { aboveHeight: 720, minHdcpVersion: '1.4' },
  { aboveHeight: 1080, minHdcpVersion: '2.2' },
];
