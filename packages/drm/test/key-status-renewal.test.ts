import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_DEVICE_PROFILE, ErrorCode, type Clock } from '@tessera/core';
import { createDrmManager, type DrmEvent } from '@tessera/drm';
import { CK, KID_AUDIO, KID_HD, KID_SD, PR, WV, dashPresentation, fakeEnvironment, licenseNetwork, recordingHost, until } from './helpers';

function clearKeyResponse(body: Uint8Array): string {
  const kids = (JSON.parse(Buffer.from(body).toString()) as { kids: string[] }).kids;
  return JSON.stringify({ keys: kids.map((kid) => ({ kty: 'oct', kid, k: 'AAAAAAAAAAAAAAAAAAAAAA' })) });
}

/** A clock whose timers run only when the test says. */
function manualClock(): Clock & { advance(ms: number): void; timers: number } {
  let now = 0;
  const timers: Array<{ at: number; run: () => void; id: number }> = [];
  let next = 1;
  return {
    now: () => now,
    setTimeout: (run, delayMs) => {
      const id = next++;
      timers.push({ at: now + delayMs, run, id });
      return id;
    },
    clearTimeout: (id) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
    advance(ms) {
      now += ms;
      for (const timer of timers.filter((t) => t.at <= now)) {
        timers.splice(timers.indexOf(timer), 1);
        timer.run();
      }
    },
    get timers() {
      return timers.length;
    },
  };
}

afterEach(() => vi.useRealTimers());

describe('key statuses → restrictions', () => {
  it('an output-restricted HD key restricts it (the player drops those rungs); usable again lifts it', async () => {
    const { eme, mediaElement } = fakeEnvironment({ [CK]: {} });
    const host = recordingHost();
    const drm = createDrmManager({ eme, network: licenseNetwork((r) => ({ body: clearKeyResponse(r.body) })).network });
    await drm.attach(mediaElement, dashPresentation({ systems: ['common', 'clearkey'], video: [{ height: 360, keyId: KID_SD }, { height: 720, keyId: KID_HD }] }), host);
    await until(() => host.licenses.length === 2);
    expect(host.restrictions).toEqual([]);
    const hdSession = eme.sessions.find((s) => s.keyIds.includes(KID_HD))!;
    hdSession.setStatuses({ [KID_HD]: 'output-restricted' });
    expect(host.restrictions).toEqual([[KID_HD]]);
    hdSession.setStatuses({ [KID_HD]: 'output-downscaled' }); // still plays
    expect(host.restrictions).toEqual([[KID_HD], []]);
    hdSession.setStatuses({ [KID_HD]: 'internal-error' });
    expect(host.restrictions).toEqual([[KID_HD], [], [KID_HD]]);
    await drm.destroy();
  });

  it('PlayReady key IDs are also restricted byte-swapped (CDMs that report GUIDs little-endian)', async () => {
    const { eme, mediaElement } = fakeEnvironment({ [PR]: { defaultKeyIds: [KID_SD] } });
    const host = recordingHost();
    const drm = createDrmManager({ servers: { [PR]: 'https://license.example/pr' }, eme, network: licenseNetwork(() => ({ body: 'l' })).network });
    await drm.attach(mediaElement, dashPresentation({ systems: ['playready'] }), host);
    await until(() => host.licenses.length === 1);
    const id = '00112233445566778899aabbccddeeff';
    eme.sessions[0]!.setStatuses({ [id]: 'output-restricted' });
    expect(host.restrictions.at(-1)).toEqual(['00112233445566778899aabbccddeeff', '33221100554477668899aabbccddeeff']);
    await drm.destroy();
  });
});

describe('renewal and expiration', () => {
  it("'license-renewal' messages go to the licence server and update the session; startup licence time is not counted again", async () => {
    const { eme, mediaElement } = fakeEnvironment({ [WV]: {} });
    const { network, requests } = licenseNetwork((_r, i) => ({ body: `licence-${i}` }));
    const host = recordingHost();
    const events: DrmEvent[] = [];
    const drm = createDrmManager({ servers: { [WV]: 'https://license.example/wv' }, eme, network, onEvent: (e) => events.push(e) });
    await drm.attach(mediaElement, dashPresentation({ systems: ['widevine'] }), host);
    await until(() => host.licenses.length === 1);
    eme.sessions[0]!.sendMessage('license-renewal');
    await until(() => eme.sessions[0]!.updates.length === 2);
    expect(Buffer.from(requests[1]!.body).toString()).toBe('com.widevine.alpha:license-renewal:challenge');
    expect(host.licenses).toHaveLength(1);
    expect(events.filter((e) => e.type === 'licenseacquired').map((e) => (e as { renewal: boolean }).renewal)).toEqual([false, true]);
    await drm.destroy();
  });

  it('before a session expires, a fresh licence is fetched in a new session and the old one closed', async () => {
    const { eme, mediaElement } = fakeEnvironment({ [CK]: {} });
    const clock = manualClock();
    const { network, requests } = licenseNetwork((r) => ({ body: clearKeyResponse(r.body) }));
    const host = recordingHost();
    const events: DrmEvent[] = [];
    const drm = createDrmManager({ eme, network, clock, renewBeforeExpirationMs: 10_000, onEvent: (e) => events.push(e) });
    const presentation = dashPresentation({ systems: ['common', 'clearkey'] });
    // The CDM says the licence expires in 60 s.
    const original = eme.requestMediaKeySystemAccess;
    eme.requestMediaKeySystemAccess = async (ks, configs) => {
      const access = await original(ks, configs);
      const createMediaKeys = access.createMediaKeys.bind(access);
      access.createMediaKeys = async () => {
        const keys = await createMediaKeys();
        const create = keys.createSession.bind(keys);
        keys.createSession = (type) => Object.assign(create(type), { expiration: Date.now() + 60_000 });
        return keys;
      };
      return access;
    };
    await drm.attach(mediaElement, presentation, host);
    await until(() => host.licenses.length === 1);
    expect(events.some((e) => e.type === 'expirationupdate')).toBe(true);
    clock.advance(45_000);
    expect(eme.sessions).toHaveLength(1);
    clock.advance(6_000);
    expect(eme.sessions).toHaveLength(2);
    await until(() => requests.length === 2 && eme.sessions[0]!.closedFlag);
    expect(eme.sessions[1]!.closedFlag).toBe(false);
    expect(host.licenses).toHaveLength(1);
    expect(host.restrictions).toEqual([]);
    await drm.destroy();
  });

  it("an 'expired' key is renewed at once (and restricted until the new licence arrives)", async () => {
    const { eme, mediaElement } = fakeEnvironment({ [CK]: {} });
    const { network, requests } = licenseNetwork((r) => ({ body: clearKeyResponse(r.body) }));
    const host = recordingHost();
    const drm = createDrmManager({ eme, network });
    await drm.attach(mediaElement, dashPresentation({ systems: ['common', 'clearkey'] }), host);
    await until(() => host.licenses.length === 1);
    eme.sessions[0]!.setStatuses({ [KID_SD]: 'expired' });
    expect(host.restrictions).toEqual([[KID_SD]]);
    await until(() => requests.length === 2 && eme.sessions[0]!.closedFlag);
    expect(host.restrictions).toEqual([[KID_SD], []]);
    expect(host.errors).toEqual([]);
    await drm.destroy();
  });
});

describe('persistent licences', () => {
  it('loads stored sessions first (no licence request for their keys) and reports new persistent sessions', async () => {
    const { eme, mediaElement } = fakeEnvironment({ [CK]: { persistent: true } });
    eme.storedSessions = { 'stored-1': [KID_SD] };
    const { network, requests } = licenseNetwork((r) => ({ body: clearKeyResponse(r.body) }));
    const events: DrmEvent[] = [];
    const host = recordingHost();
    const drm = createDrmManager({ eme, network, persistentLicenses: { sessionIds: ['stored-1', 'gone'] }, onEvent: (e) => events.push(e) });
    await drm.attach(mediaElement, dashPresentation({ systems: ['common', 'clearkey'], audioKeyId: KID_AUDIO }), host);
    await until(() => host.licenses.length === 1);
    expect(eme.log.filter((c) => c.method === 'load').map((c) => c.args[0])).toEqual(['stored-1', 'gone']);
    const asked = requests.map((r) => (JSON.parse(Buffer.from(r.body).toString()) as { kids: string[] }).kids.map((k) => Buffer.from(k, 'base64url').toString('hex'))).flat();
    expect(asked).toEqual([KID_AUDIO]);
    expect(eme.sessions.filter((s) => s.sessionType === 'persistent-license').length).toBe(3);
    expect(events).toContainEqual({ type: 'persistentsession', sessionId: expect.any(String), keyIds: [KID_AUDIO] });
    await drm.removePersistentSession('stored-1');
    await until(() => requests.length === 2);
    expect(eme.log.some((c) => c.method === 'remove')).toBe(true);
    await drm.destroy();
  });
});

describe('robustness caps', () => {
  it('the app can change the caps; a hardware level is uncapped', async () => {
    const { eme, mediaElement } = fakeEnvironment({ [WV]: { robustness: ['HW_SECURE_ALL'] } });
    const host = recordingHost(DEFAULT_DEVICE_PROFILE);
    const drm = createDrmManager({ servers: { [WV]: 'https://license.example/wv' }, eme, network: licenseNetwork(() => ({ body: 'l' })).network, robustnessCaps: { [WV]: { HW_SECURE_ALL: 2160 } } });
    await drm.attach(mediaElement, dashPresentation({ systems: ['widevine'] }), host);
    expect(host.caps).toEqual([{ maxHeight: 2160 }]);
    await drm.destroy();
  });

  it('generateRequest refusing the init data is one typed fatal INIT_DATA_INVALID', async () => {
    const { eme, mediaElement } = fakeEnvironment({ [CK]: { rejectInitData: true } });
    const host = recordingHost();
    const drm = createDrmManager({ eme, network: licenseNetwork(() => ({ status: 500 })).network, servers: { [CK]: 'https://license.example/ck' } });
    // Widevine-only signalling: ClearKey (configured) gets 'keyids' init data from cenc:default_KID.
    await drm.attach(mediaElement, dashPresentation({ systems: ['widevine'], audioKeyId: KID_AUDIO }), host);
    expect(eme.log.filter((c) => c.method === 'generateRequest').map((c) => c.args[0])).toEqual(['keyids', 'keyids']);
    await until(() => host.errors.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(host.errors).toHaveLength(1);
    expect(host.errors[0]).toMatchObject({ code: ErrorCode.INIT_DATA_INVALID, severity: 'fatal' });
    await drm.destroy();
  });
});
