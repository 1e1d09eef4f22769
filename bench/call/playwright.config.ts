import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../../e2e/support/browser.js';

/**
 * `npm run bench:call`: call set-up times in real browsers (Debian Chromium, fake media) against
 * a real server, with the E2E suite's fixtures. One worker, so the figures are about the call.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.bench.ts',
  globalSetup: '../../e2e/support/global-setup.ts',
  outputDir: '../../test-results/bench-call',
  retries: 0,
  workers: 1,
  timeout: 20 * 60_000,
  expect: { timeout: 15_000 },
  reporter: 'list',
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions,
    locale: 'en-US',
    actionTimeout: 15_000,
    navigationTimeout: 20_000,
  },
});
