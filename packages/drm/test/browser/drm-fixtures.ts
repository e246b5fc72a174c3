import { test as base, expect, type Page } from '@playwright/test';
import { startServer, createLicenseServer, loadLicenseKeys, type LicenseServer, type TesseraServer } from '../../../toolkit/src/serve/index';
import { REPO_ROOT, SAMPLE_DIR } from '../../../../test-support/global-setup';
import { sampleCatalog, type SampleTitle } from '../../../../test-support/catalog';
import { collectPageErrors, openHarness } from '../../../../test-support/fixtures';

export { expect };

/** The licence token the ClearKey server demands (`Authorization: Bearer …`). */
export const LICENSE_TOKEN = 'browser-test-token';

/** A catalog title with what `tessera sample` records of its encryption. */
export type DrmTitle = SampleTitle & {
  drm: { scheme: 'cenc' | 'cbcs'; licensePath: string; keys: Array<{ label: string; keyId: string }> };
};

/** The encrypted titles `tessera sample` adds to the catalog. */
export function drmTitle(id: 'drm-cenc' | 'drm-cbcs' | 'drm-multikey'): DrmTitle {
  const title = sampleCatalog().titles.find((t) => t.id === id);
  if (!title?.drm) throw new Error(`sample catalog has no encrypted title ${id}: run tessera sample -o media`);
  return title as DrmTitle;
}

/**
 * `tessera serve` on the repo root with the ClearKey licence server of the sample catalog's
 * keys (one per worker), and a harness page that fails the test on any uncaught error.
 */
export const test = base.extend<{ pageErrors: string[]; harness: Page }, { drmServer: { server: TesseraServer; license: LicenseServer; logs: string[] } }>({
  drmServer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the object pattern
    async ({}, use) => {
      const logs: string[] = [];
      const license = createLicenseServer({ keys: await loadLicenseKeys([SAMPLE_DIR]), token: LICENSE_TOKEN, log: (line) => logs.push(line) });
      const server = await startServer({ root: REPO_ROOT, port: 0, routes: license.routes });
      await use({ server, license, logs });
      await server.close();
    },
    { scope: 'worker' },
  ],
  pageErrors: async ({ page }, use) => collectPageErrors(page, use),
  harness: async ({ page, drmServer, pageErrors }, use) => {
    void pageErrors;
    drmServer.server.faults.clear();
    drmServer.license.resetStats();
    await openHarness(page, drmServer.server);
    await use(page);
  },
});

/**
 * Creates a Player with @tessera/drm on the harness page and loads `url`. The licence server
 * and its token come from the config (HLS has no licence URL in the playlist). Records
 * player events in window.events and DRM events in window.drmEvents.
 */
export async function loadEncrypted(page: Page, url: string, options: { token?: string; playerConfig?: Record<string, unknown> } = {}): Promise<void> {
  await page.evaluate(
    async ({ url, token, playerConfig }) => {
      const w = window as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      const video = document.getElementById('video') as HTMLVideoElement;
      w.events = [];
      w.drmEvents = [];
      w.loadStartedMs = performance.now();
      const drm = w.Tessera.createDrmManager({
        servers: { 'org.w3.clearkey': '/license/clearkey' },
        keySystems: { 'org.w3.clearkey': { headers: { Authorization: `Bearer ${token}` } } },
        onEvent: (event: unknown) => w.drmEvents.push(event),
      });
      const player = new w.Tessera.Player(video, { ...playerConfig, drm });
      w.player = player;
      for (const type of ['statechange', 'representationchange', 'error', 'firstframe', 'rebuffer', 'ended']) {
        player.on(type, (payload: unknown) => w.events.push({ type, atMs: performance.now() - w.loadStartedMs, payload: JSON.parse(JSON.stringify(payload)) }));
      }
      await player.load(url).catch(() => undefined);
    },
    { url, token: options.token ?? LICENSE_TOKEN, playerConfig: options.playerConfig ?? {} },
  );
}

export async function pageEvents(page: Page): Promise<Array<{ type: string; atMs: number; payload: any }>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return page.evaluate(() => (window as unknown as { events: Array<{ type: string; atMs: number; payload: unknown }> }).events) as never;
}
