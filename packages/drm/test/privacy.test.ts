import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDrmManager, type DrmEvent } from '@tessera/drm';
import { CK, KID_SD, WV, dashPresentation, fakeEnvironment, licenseNetwork, recordingHost, until } from './helpers';

const TOKEN = 'Bearer sekret-token-93f1';
const KEY_HEX = '9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const KEY_B64URL = Buffer.from(KEY_HEX, 'hex').toString('base64url');
const LICENCE_BODY = 'licence-body-7c2e';

const consoleCalls: string[] = [];

beforeEach(() => {
  consoleCalls.length = 0;
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      consoleCalls.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    });
  }
});

afterEach(() => vi.restoreAllMocks());

/** Everything observable outside the plugin, as one string. */
function observed(host: ReturnType<typeof recordingHost>, events: DrmEvent[], thrown: unknown[]): string {
  const errors = [...host.errors, ...thrown].map((e) => {
    const error = e as Error & { toJSON?: () => unknown; cause?: unknown };
    return [error.message, JSON.stringify(error.toJSON?.() ?? {}), String(error.cause ?? ''), error.stack].join('\n');
  });
  return [JSON.stringify(host.licenses), JSON.stringify(host.restrictions), JSON.stringify(host.caps), JSON.stringify(events), ...errors, ...consoleCalls].join('\n');
}

function expectClean(text: string): void {
  for (const secret of [TOKEN, 'sekret-token-93f1', KEY_HEX, KEY_B64URL, LICENCE_BODY, 'challenge']) expect(text).not.toContain(secret);
}

describe('no key, licence body or token reaches logs, events or errors', () => {
  it('a successful ClearKey flow (keys from the server, token in a header)', async () => {
    const { eme, mediaElement } = fakeEnvironment({ [CK]: {} });
    const { network, requests } = licenseNetwork((r) => {
      const kids = (JSON.parse(Buffer.from(r.body).toString()) as { kids: string[] }).kids;
      return { body: JSON.stringify({ keys: kids.map((kid) => ({ kty: 'oct', kid, k: KEY_B64URL })) }) };
    });
    const host = recordingHost();
    const events: DrmEvent[] = [];
    const drm = createDrmManager({ eme, network, keySystems: { [CK]: { headers: { Authorization: TOKEN } } }, onEvent: (e) => events.push(e) });
    await drm.attach(mediaElement, dashPresentation({ systems: ['common', 'clearkey'] }), host);
    await until(() => host.licenses.length === 1);
    expect(requests[0]!.headers.authorization).toBe(TOKEN); // it was sent…
    eme.sessions[0]!.setStatuses({ [KID_SD]: 'output-restricted' });
    await drm.destroy();
    expectClean(observed(host, events, [])); // …and went nowhere else
  });

  it('failures: a 403 whose body quotes the token, a network error, a throwing prepareRequest, a CDM refusing the licence', async () => {
    const scenarios: Array<{ reply: () => { status?: number; body?: string }; prepare?: boolean; keys?: Record<string, string> }> = [
      { reply: () => ({ status: 403, body: `token ${TOKEN} refused for key ${KEY_HEX}` }) },
      { reply: () => { throw new TypeError(`connect failed ${TOKEN}`); } },
      { reply: () => ({ body: LICENCE_BODY }), prepare: true },
      { reply: () => ({ body: 'corrupt' }) },
    ];
    for (const scenario of scenarios) {
      const { eme, mediaElement } = fakeEnvironment({ [WV]: {} });
      const host = recordingHost();
      const events: DrmEvent[] = [];
      const drm = createDrmManager({
        eme, network: licenseNetwork(scenario.reply).network, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 }, onEvent: (e) => events.push(e),
        keySystems: {
          [WV]: {
            licenseUrl: `https://license.example/wv?token=${encodeURIComponent(TOKEN)}`,
            headers: { Authorization: TOKEN },
            prepareRequest: scenario.prepare ? () => { throw new Error(`cannot sign with ${TOKEN} and ${KEY_HEX}`); } : undefined,
          },
        },
      });
      await drm.attach(mediaElement, dashPresentation({ systems: ['widevine'] }), host);
      await until(() => host.errors.length === 1);
      expect(host.errors[0]!.severity).toBe('fatal');
      await drm.destroy();
      expectClean(observed(host, events, []));
    }
  });

  it('local clearKeys are never echoed', async () => {
    const { mediaElement, eme } = fakeEnvironment({ [CK]: {} });
    const host = recordingHost();
    const events: DrmEvent[] = [];
    const drm = createDrmManager({ eme, clearKeys: { [KID_SD]: KEY_HEX }, onEvent: (e) => events.push(e), network: licenseNetwork(() => ({})).network });
    await drm.attach(mediaElement, dashPresentation({ systems: ['common'] }), host);
    await until(() => host.licenses.length === 1);
    await drm.destroy();
    expectClean(observed(host, events, []));
  });
});
