/**
 * The Firefox of one spec file: launched once before its tests, closed after them; each test adds
 * people (separate contexts) that are closed after it, with their console logs attached when it
 * failed. Call {@link useFirefox} at the top level of a spec.
 */
import type { Browser } from 'puppeteer-core';
import { test } from './fixtures.js';
import { launchFirefox, newFirefoxPerson, type FirefoxPerson } from './firefox.js';

/** Registers the file's hooks; returns `addFox(name)`, a person in the file's Firefox. */
export function useFirefox(
  extraPrefs: Record<string, unknown> = {},
): (name: string) => Promise<FirefoxPerson> {
  let firefox: Browser | undefined;
  const foxes: FirefoxPerson[] = [];

  test.beforeAll(async () => {
    firefox = await launchFirefox(extraPrefs);
  });

  test.afterAll(async () => {
    await firefox?.close();
    firefox = undefined;
  });

  // eslint-disable-next-line no-empty-pattern
  test.afterEach(async ({}, testInfo) => {
    const made = foxes.splice(0);
    if (testInfo.status !== testInfo.expectedStatus) {
      for (const f of made) {
        if (f.log.length) {
          await testInfo.attach(`firefox-${f.name}.txt`, { body: f.log.join('\n') });
        }
      }
    }
    await Promise.all(made.map((f) => f.context.close().catch(() => undefined)));
  });

  return async (name) => {
    if (!firefox) throw new Error('Firefox was not launched (see the beforeAll error)');
    const fox = await newFirefoxPerson(firefox, name);
    foxes.push(fox);
    return fox;
  };
}
