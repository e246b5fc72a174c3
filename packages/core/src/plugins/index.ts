export type { DeviceProfile, DeviceQuirks } from './device-profile';
export { DEFAULT_DEVICE_PROFILE } from './device-profile';
export type { DrmPlugin, DrmPluginHost } from './drm-plugin';
export type { TelemetryHooks } from './telemetry-hooks';
