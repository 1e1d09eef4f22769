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
  // 2 cores: two workers keep both busy; each runs its own server and browser.
  workers: process.env.E2E_WORKERS ? Number(process.env.E2E_WORKERS) : 2,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  timeout: 90_000,
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
