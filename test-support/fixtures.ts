import { test as base, expect, type Page } from '@playwright/test';
import { startServer, type TesseraServer } from '../packages/toolkit/src/serve/index';
import { REPO_ROOT } from './global-setup';

export { expect };

/**
 * Browser-test fixtures: one `tessera serve` per worker on 127.0.0.1 (repo root, so the
 * built bundles, the peers in node_modules and the sample catalog in media/ are all
 * reachable), and a page that fails the test on any uncaught error.
 */
export const test = base.extend<{ pageErrors: string[]; harness: Page }, { server: TesseraServer }>({
  server: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the object pattern
    async ({}, use) => {
      const server = await startServer({ root: REPO_ROOT, port: 0 });
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  pageErrors: async ({ page }, use) => collectPageErrors(page, use),
  harness: async ({ page, server, pageErrors }, use) => {
    void pageErrors;
    await openHarness(page, server);
    await use(page);
  },
});

/** The `pageErrors` fixture: collects uncaught page errors and fails the test if there were any. */
export async function collectPageErrors(page: Page, use: (errors: string[]) => Promise<void>): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  await use(errors);
  expect(errors, 'uncaught errors in the page').toEqual([]);
}

/** Opens the test harness page (a <video> and the full bundle) and waits until it is ready. */
export async function openHarness(page: Page, server: TesseraServer): Promise<void> {
  await page.goto(`${server.url}/test-support/pages/harness.html`);
  await page.waitForFunction(() => (window as unknown as { harnessReady?: boolean }).harnessReady === true);
}

/** URL of a sample-catalog title's manifest on the test server. */
export function mediaUrl(server: TesseraServer, path: string): string {
  return `${server.url}/media/${path}`;
}
