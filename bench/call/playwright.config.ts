import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../../e2e/support/browser.js';

/**
 * The Playwright set-up of a browser benchmark (`bench/call`, `bench/recovery`): its
 * `*.bench.ts` files in real browsers (Debian Chromium, fake media) against a real server, with
 * the E2E suite's fixtures. One worker, one browser, no retries: the figures should be about what
 * is measured, not about a crowded machine. Paths are relative to the config file that calls it;
 * `name` names the folder of its test results.
 */
export function browserBenchConfig(name: string) {
  return defineConfig({
    testDir: '.',
    testMatch: '*.bench.ts',
    globalSetup: '../../e2e/support/global-setup.ts',
    outputDir: `../../test-results/${name}`,
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
}

/** `npm run bench:call`: call set-up times. */
export default browserBenchConfig('bench-call');
