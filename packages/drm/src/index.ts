/**
 * @tessera/drm — the multi-DRM EME manager implementing core's DrmPlugin: Widevine,
 * PlayReady, FairPlay and ClearKey; cenc and cbcs; licence retries, renewal, persistent
 * licences, key-status restrictions and robustness/HDCP quality caps.
 */
export { createDrmManager, DrmManager } from './drm-manager';
export type { DrmConfig, DrmEvent, EmeEnvironment, KeySystemOptions, LicenseRequest } from './drm-config';
export { DEFAULT_HDCP_POLICY } from './drm-config';
export { WIDEVINE, PLAYREADY, PLAYREADY_RECOMMENDATION, FAIRPLAY, CLEARKEY, DEFAULT_ROBUSTNESS_CAPS, ROBUSTNESS_LADDERS } from './key-systems';
export { buildConfigurations, orderKeySystems } from './select-key-system';
export { manifestInitData, initDataFromPssh, findPssh, keyIdsInitData, type InitData } from './init-data';
export { formatLicenseRequest, parseLicenseResponse } from './license-formats';
