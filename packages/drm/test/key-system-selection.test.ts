import { describe, expect, it } from 'vitest';
import { DEFAULT_DEVICE_PROFILE, ErrorCode, type DeviceProfile } from '@tessera/core';
import { createDrmManager, orderKeySystems } from '@tessera/drm';
import { CK, FPS, KID_AUDIO, PR, WV, dashPresentation, fakeEnvironment, hlsPresentation, licenseNetwork, recordingHost } from './helpers';

const servers = { [WV]: 'https://license.example/wv', [PR]: 'https://license.example/pr', [CK]: 'https://license.example/ck', [FPS]: 'https://license.example/fps' };
const never = () => ({ status: 200, body: 'x' });

function tvProfile(overrides: Partial<DeviceProfile>): DeviceProfile {
  return { ...DEFAULT_DEVICE_PROFILE, name: 'tv', ...overrides };
}

describe('key-system selection: preferences, device profile, what the browser grants', () => {
  it('desktop profile: Widevine first; when only PlayReady is there, its hardware (.recommendation) name is tried before the plain one', async () => {
    const { eme, mediaElement } = fakeEnvironment({ [PR]: {} });
    const drm = createDrmManager({ servers, eme, network: licenseNetwork(never).network });
    await drm.attach(mediaElement, dashPresentation(), recordingHost(DEFAULT_DEVICE_PROFILE));
    expect(eme.requests.map((r) => r.keySystem)).toEqual([WV, 'com.microsoft.playready.recommendation', PR]);
    expect(drm.keySystem).toBe(PR);
    await drm.destroy();
  });

  it("a TV profile preferring PlayReady asks for it first and walks its security-level ladder from the device's best", async () => {
    const { eme, mediaElement } = fakeEnvironment({ 'com.microsoft.playready.recommendation': { robustness: ['2000', '150'] }, [WV]: {} });
    const device = tvProfile({ preferredKeySystems: [PR, WV], drmRobustness: { [PR]: '2000' } });
    const host = recordingHost(device);
    const drm = createDrmManager({ servers, eme, network: licenseNetwork(never).network });
    await drm.attach(mediaElement, dashPresentation(), host);
    expect(eme.requests).toHaveLength(1);
    expect(eme.requests[0]!.keySystem).toBe('com.microsoft.playready.recommendation');
    expect(eme.requests[0]!.configurations.map((c) => c.videoCapabilities![0]!.robustness)).toEqual(['2000', '150', '']);
    expect(drm.keySystem).toBe(PR);
    expect(host.caps).toEqual([]); // SL2000 plays 1080p and below: no cap on this 720p title
    await drm.destroy();
  });

  it('Widevine robustness fallback ladder: HW_SECURE_ALL … SW_SECURE_CRYPTO; a software-only CDM caps video at 720p', async () => {
    const { eme, mediaElement } = fakeEnvironment({ [WV]: { robustness: ['SW_SECURE_CRYPTO'] } });
    const host = recordingHost(DEFAULT_DEVICE_PROFILE);
    const events: unknown[] = [];
    const drm = createDrmManager({ servers, eme, network: licenseNetwork(never).network, onEvent: (e) => events.push(e) });
    await drm.attach(mediaElement, dashPresentation({ scheme: 'cbcs', audioKeyId: KID_AUDIO }), host);
    const configs = eme.requests[0]!.configurations;
    expect(configs.map((c) => c.videoCapabilities![0]!.robustness)).toEqual(['HW_SECURE_ALL', 'HW_SECURE_DECODE', 'HW_SECURE_CRYPTO', 'SW_SECURE_DECODE', 'SW_SECURE_CRYPTO', '']);
    expect(configs[0]!.videoCapabilities![0]).toMatchObject({ contentType: 'video/mp4; codecs="avc1.64001f"', encryptionScheme: 'cbcs' });
    expect(configs[0]!.audioCapabilities![0]).toMatchObject({ contentType: 'audio/mp4; codecs="mp4a.40.2"', robustness: 'SW_SECURE_CRYPTO' });
    expect(events).toContainEqual({ type: 'keysystemselected', keySystem: WV, videoRobustness: 'SW_SECURE_CRYPTO' });
    expect(host.caps).toEqual([{ maxHeight: 720 }]);
    await drm.destroy();
  });

  it('a device whose best Widevine level is L3 starts its ladder there', async () => {
    const { eme, mediaElement } = fakeEnvironment({ [WV]: { robustness: ['SW_SECURE_DECODE'] } });
    const drm = createDrmManager({ servers, eme, network: licenseNetwork(never).network });
    await drm.attach(mediaElement, dashPresentation(), recordingHost(tvProfile({ preferredKeySystems: [WV], drmRobustness: { [WV]: 'SW_SECURE_DECODE' } })));
    expect(eme.requests[0]!.configurations.map((c) => c.label)).toEqual(['SW_SECURE_DECODE', 'SW_SECURE_CRYPTO', 'any']);
    await drm.destroy();
  });

  it('the app preference beats the device profile; systems without a licence server are skipped', async () => {
    const { eme, mediaElement } = fakeEnvironment({ [WV]: {}, [CK]: {} });
    const drm = createDrmManager({ servers: { [CK]: servers[CK] }, preferredKeySystems: [CK, WV], eme, network: licenseNetwork(never).network });
    await drm.attach(mediaElement, dashPresentation(), recordingHost(DEFAULT_DEVICE_PROFILE));
    expect(eme.requests.map((r) => r.keySystem)).toEqual([CK]);
    expect(eme.requests[0]!.configurations[0]!.initDataTypes).toEqual(['cenc', 'keyids']);
    // Manifest order; its dashif:laurl makes ClearKey usable too; PlayReady has no server.
    expect(orderKeySystems(dashPresentation().switchingSets[0]!.drm, { servers: { [WV]: 'x' } }, [])).toEqual([CK, WV]);
    expect(orderKeySystems(dashPresentation({ systems: ['widevine', 'playready'] }).switchingSets[0]!.drm, { servers: { [WV]: 'x' } }, [])).toEqual([WV]);
    await drm.destroy();
  });

  it('Safari-like: FairPlay from an HLS skd:// SESSION-KEY', async () => {
    const { eme, mediaElement } = fakeEnvironment({ [FPS]: {} });
    const drm = createDrmManager({ servers, keySystems: { [FPS]: { serverCertificate: new Uint8Array([1, 2, 3]) } }, eme, network: licenseNetwork(never).network });
    await drm.attach(mediaElement, hlsPresentation('fairplay'), recordingHost(DEFAULT_DEVICE_PROFILE));
    expect(eme.requests.map((r) => r.keySystem)).toEqual([FPS]);
    expect(eme.requests[0]!.configurations[0]!.initDataTypes).toContain('skd');
    expect(drm.keySystem).toBe(FPS);
    await drm.destroy();
  });

  it('asks for persistent-licence support when configured, and falls back to temporary sessions', async () => {
    const { eme, mediaElement } = fakeEnvironment({ [WV]: { persistent: false } });
    const drm = createDrmManager({ servers, persistentLicenses: {}, eme, network: licenseNetwork(never).network });
    await drm.attach(mediaElement, dashPresentation(), recordingHost(DEFAULT_DEVICE_PROFILE));
    expect(eme.requests.map((r) => r.configurations[0]!.persistentState)).toEqual(['required', 'optional']);
    expect(eme.requests[1]!.configurations[0]!.sessionTypes).toEqual(['temporary']);
    await drm.destroy();
  });

  it('nothing granted: one typed fatal NO_SUPPORTED_KEY_SYSTEM naming the candidates', async () => {
    const { mediaElement, eme } = fakeEnvironment({});
    const drm = createDrmManager({ servers, eme, network: licenseNetwork(never).network });
    const error = await drm.attach(mediaElement, dashPresentation(), recordingHost(DEFAULT_DEVICE_PROFILE)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.NO_SUPPORTED_KEY_SYSTEM, severity: 'fatal', data: { keySystems: [WV, PR, CK] } });
  });

  it('reuses MediaKeys across titles unless the device quirk says to recreate them; destroy detaches and closes', async () => {
    const { eme, media, mediaElement } = fakeEnvironment({ [WV]: {} });
    const drm = createDrmManager({ servers, eme, network: licenseNetwork(never).network });
    await drm.attach(mediaElement, dashPresentation(), recordingHost(DEFAULT_DEVICE_PROFILE));
    await drm.attach(mediaElement, dashPresentation(), recordingHost(DEFAULT_DEVICE_PROFILE));
    expect(eme.mediaKeys).toHaveLength(1);
    const quirky = tvProfile({ preferredKeySystems: [WV], quirks: { recreateMediaKeysPerTitle: true } });
    await drm.attach(mediaElement, dashPresentation(), recordingHost(quirky));
    expect(eme.mediaKeys).toHaveLength(2);
    expect(media.mediaKeys).toBe(eme.mediaKeys[1]);
    await drm.destroy();
    expect(media.mediaKeys).toBeNull();
    expect(eme.sessions.every((s) => s.closedFlag)).toBe(true);
    expect(drm.keySystem).toBeUndefined();
  });

  it('HDCP policy: an output without HDCP 2.2 caps at 1080p, without 1.4 at 720p (getStatusForPolicy)', async () => {
    const { eme, mediaElement } = fakeEnvironment({ [WV]: { hdcp: { '1.4': 'usable', '2.2': 'output-restricted' } } });
    const host = recordingHost(DEFAULT_DEVICE_PROFILE);
    const drm = createDrmManager({ servers, eme, network: licenseNetwork(never).network, robustnessCaps: {} });
    await drm.attach(mediaElement, dashPresentation(), host);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(eme.log.filter((c) => c.method === 'getStatusForPolicy').map((c) => c.args[0])).toEqual(['1.4', '2.2']);
    expect(host.caps).toEqual([{ maxHeight: 1080 }]);
    await drm.destroy();
  });

  it('installs the encryptionScheme polyfill once per page, before the first access request', async () => {
    const calls: string[] = [];
    const polyfill = { install: () => calls.push('install') };
    for (let i = 0; i < 2; i++) {
      const { eme, mediaElement } = fakeEnvironment({ [WV]: {} });
      const original = eme.requestMediaKeySystemAccess;
      eme.requestMediaKeySystemAccess = (ks, configs) => {
        calls.push('request');
        return original(ks, configs);
      };
      const drm = createDrmManager({ servers, eme, network: licenseNetwork(never).network, encryptionSchemePolyfill: polyfill });
      await drm.attach(mediaElement, dashPresentation(), recordingHost(DEFAULT_DEVICE_PROFILE));
      await drm.destroy();
    }
    expect(calls).toEqual(['install', 'request', 'request']);
  });
});
