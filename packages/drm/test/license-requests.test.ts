import { describe, expect, it } from 'vitest';
import { DEFAULT_DEVICE_PROFILE, ErrorCode } from '@tessera/core';
import { createDrmManager } from '@tessera/drm';
import { keyIdsOfInitData } from './fake-eme';
import { CK, FPS, KID_AUDIO, KID_HD, KID_SD, PR, WV, dashPresentation, fakeEnvironment, hlsPresentation, licenseNetwork, recordingHost, until } from './helpers';

const fast = { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20 };

function clearKeyResponse(body: Uint8Array, key = 'k'): string {
  const kids = (JSON.parse(Buffer.from(body).toString()) as { kids: string[] }).kids;
  return JSON.stringify({ keys: kids.map((kid) => ({ kty: 'oct', kid, k: Buffer.from(key.padEnd(16, '0')).toString('base64url') })), type: 'temporary' });
}

describe('licence requests per key system', () => {
  it('Widevine: the raw challenge POSTed as octets with the app headers; the answer goes to update() as is', async () => {
    const { eme, mediaElement } = fakeEnvironment({ [WV]: {} });
    const { network, requests } = licenseNetwork(() => ({ body: 'wv-licence' }));
    const host = recordingHost(DEFAULT_DEVICE_PROFILE);
    const drm = createDrmManager({ keySystems: { [WV]: { licenseUrl: 'https://license.example/wv', headers: { 'X-Auth': 'token-1' } } }, eme, network, retry: fast });
    await drm.attach(mediaElement, dashPresentation({ systems: ['widevine'] }), host);
    await until(() => host.licenses.length === 1);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ url: 'https://license.example/wv', method: 'POST', headers: { 'content-type': 'application/octet-stream', 'x-auth': 'token-1' } });
    expect(Buffer.from(requests[0]!.body).toString()).toBe('com.widevine.alpha:license-request:challenge');
    expect(Buffer.from(eme.sessions[0]!.updates[0]!).toString()).toBe('wv-licence');
    expect(eme.log.filter((c) => c.method === 'generateRequest').map((c) => c.args[0])).toEqual(['cenc']);
    expect(host.licenses[0]).toMatchObject({ keySystem: WV });
    expect(host.licenses[0]!.durationMs).toBeGreaterThanOrEqual(0);
    await drm.destroy();
  });

  it('PlayReady: the SOAP challenge is unwrapped from the UTF-16 key message and its HTTP headers applied', async () => {
    const { eme, mediaElement } = fakeEnvironment({ [PR]: {} });
    const { network, requests } = licenseNetwork(() => ({ body: '<licence/>' }));
    const host = recordingHost(DEFAULT_DEVICE_PROFILE);
    const drm = createDrmManager({ servers: { [PR]: 'https://license.example/pr' }, eme, network, retry: fast });
    await drm.attach(mediaElement, dashPresentation({ systems: ['playready'] }), host);
    await until(() => host.licenses.length === 1);
    expect(Buffer.from(requests[0]!.body).toString()).toBe('<soap:Envelope>pr-challenge</soap:Envelope>');
    expect(requests[0]!.headers).toMatchObject({ 'content-type': 'text/xml; charset=utf-8', soapaction: '"http://schemas.microsoft.com/DRM/2007/03/protocols/AcquireLicense"' });
    await drm.destroy();
  });

  it('FairPlay: server certificate first, skd:// init data, the content ID to prepareRequest, a base64 <ckc> unwrapped', async () => {
    const { eme, mediaElement } = fakeEnvironment({ [FPS]: {} });
    const { network, requests } = licenseNetwork((request) =>
      request.url.endsWith('/cert') ? { body: new Uint8Array([0xce, 0x47]) } : { body: `<ckc>${Buffer.from('ckc-bytes').toString('base64')}</ckc>` });
    const host = recordingHost(DEFAULT_DEVICE_PROFILE);
    const seen: string[] = [];
    const drm = createDrmManager({
      eme, network, retry: fast,
      keySystems: {
        [FPS]: {
          licenseUrl: 'https://license.example/fps',
          serverCertificateUrl: 'https://license.example/cert',
          prepareRequest: (request) => {
            seen.push(request.contentId ?? '');
            return { ...request, body: new Uint8Array(Buffer.from(`spc=${Buffer.from(request.body).toString('base64')}&assetId=${request.contentId}`)), headers: { ...request.headers, 'Content-Type': 'application/x-www-form-urlencoded' } };
          },
        },
      },
    });
    await drm.attach(mediaElement, hlsPresentation('fairplay'), host);
    await until(() => host.licenses.length === 1);
    expect(requests.map((r) => r.method + ' ' + r.url)).toEqual(['GET https://license.example/cert', 'POST https://license.example/fps']);
    expect(Array.from(eme.mediaKeys[0]!.certificate!)).toEqual([0xce, 0x47]);
    expect(eme.log.filter((c) => c.method === 'generateRequest').map((c) => c.args[0])).toEqual(['skd']);
    expect(seen).toEqual(['asset-42']);
    expect(Buffer.from(requests[1]!.body).toString()).toMatch(/^spc=.+&assetId=asset-42$/);
    expect(Buffer.from(eme.sessions[0]!.updates[0]!).toString()).toBe('ckc-bytes');
    await drm.destroy();
  });

  it('FairPlay without a server certificate fails with SERVER_CERTIFICATE_FAILED', async () => {
    const { eme, mediaElement } = fakeEnvironment({ [FPS]: {} });
    const drm = createDrmManager({ servers: { [FPS]: 'https://license.example/fps' }, eme, network: licenseNetwork(() => ({})).network });
    await expect(drm.attach(mediaElement, hlsPresentation('fairplay'), recordingHost())).rejects.toMatchObject({ code: ErrorCode.SERVER_CERTIFICATE_FAILED, severity: 'fatal' });
  });

  it('ClearKey: the W3C JSON licence request as is, one session per key (SD, HD, audio), licence time reported per key', async () => {
    const { eme, mediaElement } = fakeEnvironment({ [CK]: {} });
    const { network, requests } = licenseNetwork((request) => ({ body: clearKeyResponse(request.body) }));
    const host = recordingHost(DEFAULT_DEVICE_PROFILE);
    const drm = createDrmManager({ eme, network, retry: fast });
    const presentation = dashPresentation({ systems: ['common', 'clearkey'], video: [{ height: 360, keyId: KID_SD }, { height: 720, keyId: KID_HD }], audioKeyId: KID_AUDIO });
    await drm.attach(mediaElement, presentation, host);
    await until(() => host.licenses.length === 3);
    expect(requests.every((r) => r.url === 'https://license.example/clearkey' && r.headers['content-type'] === 'application/json')).toBe(true);
    const asked = requests.map((r) => (JSON.parse(Buffer.from(r.body).toString()) as { kids: string[] }).kids.map((k) => Buffer.from(k, 'base64url').toString('hex')));
    expect(asked.flat().sort()).toEqual([KID_SD, KID_HD, KID_AUDIO].sort());
    expect(eme.sessions).toHaveLength(3);
    await drm.destroy();
  });

  it('ClearKey with app keys (clearKeys) needs no server', async () => {
    const { eme, mediaElement } = fakeEnvironment({ [CK]: {} });
    const { network, requests } = licenseNetwork(() => ({ status: 500 }));
    const host = recordingHost(DEFAULT_DEVICE_PROFILE);
    const drm = createDrmManager({ clearKeys: { [KID_SD]: '00112233445566778899aabbccddeeff' }, eme, network });
    await drm.attach(mediaElement, hlsPresentation('clearkey'), host);
    await until(() => host.licenses.length === 1);
    expect(requests).toHaveLength(0);
    const jwks = JSON.parse(Buffer.from(eme.sessions[0]!.updates[0]!).toString()) as { keys: Array<{ k: string }> };
    expect(Buffer.from(jwks.keys[0]!.k, 'base64url').toString('hex')).toBe('00112233445566778899aabbccddeeff');
    await drm.destroy();
  });

  it('prepareRequest and parseResponse transform per system (JSON-wrapped licence proxies)', async () => {
    const { eme, mediaElement } = fakeEnvironment({ [WV]: {} });
    const { network, requests } = licenseNetwork(() => ({ body: JSON.stringify({ license: Buffer.from('inner').toString('base64') }) }));
    const host = recordingHost();
    const drm = createDrmManager({
      eme, network,
      keySystems: {
        [WV]: {
          licenseUrl: 'https://license.example/wv',
          prepareRequest: (r) => ({ ...r, url: r.url + '?asset=7', body: new Uint8Array(Buffer.from(JSON.stringify({ challenge: Buffer.from(r.body).toString('base64') }))) }),
          parseResponse: (body) => new Uint8Array(Buffer.from((JSON.parse(Buffer.from(body).toString()) as { license: string }).license, 'base64')),
        },
      },
    });
    await drm.attach(mediaElement, dashPresentation({ systems: ['widevine'] }), host);
    await until(() => host.licenses.length === 1);
    expect(requests[0]!.url).toBe('https://license.example/wv?asset=7');
    expect(JSON.parse(Buffer.from(requests[0]!.body).toString())).toHaveProperty('challenge');
    expect(Buffer.from(eme.sessions[0]!.updates[0]!).toString()).toBe('inner');
    await drm.destroy();
  });
});

describe('licence failures', () => {
  it('500 twice then OK: retried with backoff, then licensed — no error', async () => {
    const { eme, mediaElement } = fakeEnvironment({ [CK]: {} });
    const { network, requests } = licenseNetwork((request, i) => (i < 2 ? { status: 500 } : { body: clearKeyResponse(request.body) }));
    const host = recordingHost();
    const drm = createDrmManager({ eme, network, retry: fast });
    await drm.attach(mediaElement, dashPresentation({ systems: ['common', 'clearkey'] }), host);
    await until(() => host.licenses.length === 1);
    expect(requests).toHaveLength(3);
    expect(host.errors).toEqual([]);
    await drm.destroy();
  });

  it('a network error is retried too', async () => {
    const { eme, mediaElement } = fakeEnvironment({ [CK]: {} });
    const { network, requests } = licenseNetwork((request, i) => {
      if (i === 0) throw new TypeError('Failed to fetch');
      return { body: clearKeyResponse(request.body) };
    });
    const host = recordingHost();
    const drm = createDrmManager({ eme, network, retry: fast });
    await drm.attach(mediaElement, dashPresentation({ systems: ['common', 'clearkey'] }), host);
    await until(() => host.licenses.length === 1);
    expect(requests).toHaveLength(2);
    await drm.destroy();
  });

  it('403: not retried; exactly one typed fatal LICENSE_REJECTED, even with several sessions failing', async () => {
    const { eme, mediaElement } = fakeEnvironment({ [CK]: {} });
    const { network, requests } = licenseNetwork(() => ({ status: 403, body: 'denied for token-xyz' }));
    const host = recordingHost();
    const drm = createDrmManager({ eme, network, retry: fast });
    await drm.attach(mediaElement, dashPresentation({ systems: ['common', 'clearkey'], audioKeyId: KID_AUDIO }), host);
    await until(() => requests.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(host.errors).toHaveLength(1);
    expect(host.errors[0]).toMatchObject({ code: ErrorCode.LICENSE_REJECTED, category: 'drm', severity: 'fatal', data: { keySystem: CK, status: 403 } });
    expect(requests).toHaveLength(2); // one per session, no retries
    await drm.destroy();
  });

  it('5xx forever: LICENSE_REQUEST_FAILED after the configured attempts', async () => {
    const { eme, mediaElement } = fakeEnvironment({ [CK]: {} });
    const { network, requests } = licenseNetwork(() => ({ status: 503 }));
    const host = recordingHost();
    const drm = createDrmManager({ eme, network, retry: { ...fast, maxAttempts: 3 } });
    await drm.attach(mediaElement, dashPresentation({ systems: ['common', 'clearkey'] }), host);
    await until(() => host.errors.length === 1);
    expect(requests).toHaveLength(3);
    expect(host.errors[0]).toMatchObject({ code: ErrorCode.LICENSE_REQUEST_FAILED, severity: 'fatal', data: { keySystem: CK, status: 503 } });
    await drm.destroy();
  });

  it('a licence the CDM refuses: LICENSE_RESPONSE_INVALID', async () => {
    const { eme, mediaElement } = fakeEnvironment({ [WV]: {} });
    const host = recordingHost();
    const drm = createDrmManager({ servers: { [WV]: 'https://license.example/wv' }, eme, network: licenseNetwork(() => ({ body: 'corrupt' })).network });
    await drm.attach(mediaElement, dashPresentation({ systems: ['widevine'] }), host);
    await until(() => host.errors.length === 1);
    expect(host.errors[0]).toMatchObject({ code: ErrorCode.LICENSE_RESPONSE_INVALID, data: { keySystem: WV, reason: 'InvalidStateError' } });
    await drm.destroy();
  });

  it('a slow licence server: the licence arrives late and is timed', async () => {
    const { eme, mediaElement } = fakeEnvironment({ [CK]: {} });
    const { network } = licenseNetwork((request) => ({ body: clearKeyResponse(request.body), delayMs: 150 }));
    const host = recordingHost();
    const drm = createDrmManager({ eme, network, retry: fast });
    await drm.attach(mediaElement, dashPresentation({ systems: ['common', 'clearkey'] }), host);
    expect(host.licenses).toHaveLength(0);
    await until(() => host.licenses.length === 1);
    expect(host.licenses[0]!.durationMs).toBeGreaterThanOrEqual(140);
    await drm.destroy();
  });
});

describe('init data: manifest and init segments, deduplicated', () => {
  it('the pssh of the init segment matching the manifest adds no session; new key IDs do; other systems are ignored', async () => {
    const { eme, media, mediaElement } = fakeEnvironment({ [CK]: {} });
    const { network } = licenseNetwork((request) => ({ body: clearKeyResponse(request.body) }));
    const drm = createDrmManager({ eme, network, retry: fast });
    const host = recordingHost();
    await drm.attach(mediaElement, dashPresentation({ systems: ['common', 'clearkey'] }), host);
    const { initSegmentWith, pssh, SYSTEM } = await import('./helpers');
    drm.onInitSegment('video', initSegmentWith(pssh(SYSTEM.common, [KID_SD]), pssh(SYSTEM.widevine, [], new Uint8Array(4))), []);
    media.fireEncrypted('cenc', pssh(SYSTEM.common, [KID_SD]));
    expect(eme.sessions).toHaveLength(1);
    drm.onInitSegment('video', initSegmentWith(pssh(SYSTEM.widevine, [KID_HD])), []);
    expect(eme.sessions).toHaveLength(1);
    drm.onInitSegment('video', initSegmentWith(pssh(SYSTEM.common, [KID_HD])), []);
    expect(eme.sessions).toHaveLength(2);
    expect(keyIdsOfInitData('cenc', eme.sessions[1]!.initData)).toEqual([KID_HD]);
    await until(() => host.licenses.length === 2);
    await drm.destroy();
  });
});
