import { defineConfig } from '@playwright/test';
import { resolveChromium, CHROMIUM_ARGS } from './test-support/chromium';

const executablePath = resolveChromium();

export default defineConfig({
  testDir: '.',
  testMatch: ['packages/*/test/browser/**/*.spec.ts'],
  globalSetup: './test-support/global-setup.ts',
  // Media playback on a shared 2-core box: one test at a time keeps decode timing sane.
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
  },
});
