import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../../e2e/support/browser.js';

/**
 * `npm run bench:recovery`: recovery times measured in real browsers against real faults, with
 * the E2E suite's fixtures (server and coturn launchers, fake media). One worker, one browser:
 * the figures should be about recovery, not about a crowded machine.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.bench.ts',
  globalSetup: '../../e2e/support/global-setup.ts',
  outputDir: '../../test-results/bench-recovery',
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
