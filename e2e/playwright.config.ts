import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './support/browser.js';

/**
 * E2E in Debian's Chromium with fake camera/mic/screen against real server processes.
 * Run after `npm run build`: `npx playwright test -c e2e/playwright.config.ts`.
 */
export default defineConfig({
  testDir: './tests',
  globalSetup: './support/global-setup.ts',
  outputDir: '../test-results',
  // A flaky test is a bug to fix, not something to retry.
  retries: 0,
  // One worker: every test already runs two to four people (each a WebRTC stack encoding and
  // decoding media) on a 2-core machine; a second worker only makes two calls fight for the
  // CPU and turns media deadlines into coin flips. E2E_WORKERS overrides it.
  workers: process.env.E2E_WORKERS ? Number(process.env.E2E_WORKERS) : 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  timeout: 90_000,
  // A hung run must not eat the whole CI budget; a normal one takes a fraction of this.
  globalTimeout: 60 * 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI
    ? [['list'], ['html', { open: 'never', outputFolder: '../playwright-report' }]]
    : 'list',
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions,
    locale: 'en-US',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
