/**
 * `?debug`: the SDK's debug log reaches the browser console, for diagnosing a deployment. Once
 * asked for it stays on for room links without `?debug`, until `?debug=0`; without it the
 * console gets nothing from the SDK.
 */
import type { Page } from '@playwright/test';
import { test, expect } from '../support/fixtures.js';
import { UI_TIMEOUT_MS, openLobby, openLobbyOptions } from '../support/app.js';

/** Every console line of the page that comes from the SDK's logger. */
function sdkLines(page: Page): string[] {
  const lines: string[] = [];
  page.on('console', (m) => {
    if (m.text().startsWith('[zvonok')) lines.push(`${m.type()} ${m.text()}`);
  });
  return lines;
}

/** Waits until the lobby's level meter (under "More options") moves: the microphone has been opened (getUserMedia). */
async function micHeard(page: Page): Promise<void> {
  await openLobbyOptions(page);
  const meter = page.getByRole('meter', { name: 'Microphone level' });
  await expect
    .poll(() => meter.evaluate((m) => (m as HTMLMeterElement).value), { timeout: UI_TIMEOUT_MS })
    .toBeGreaterThan(0.1);
}

test('?debug sends the SDK debug log to the console, remembered until ?debug=0', async ({
  server,
  room,
  people,
}) => {
  const ann = await people.add('Ann');
  const lines = sdkLines(ann.page);

  // Off by default: the lobby opens the camera and microphone without a word in the console.
  await openLobby(ann, server.url, room);
  await micHeard(ann.page);
  expect(lines).toEqual([]);

  await ann.page.goto(`${server.url}/?debug`);
  await expect.poll(() => lines.join('\n')).toContain('debug logging is on');
  // A room link without ?debug: still on, and the media module's debug lines show.
  await openLobby(ann, server.url, room);
  await expect
    .poll(() => lines.filter((l) => l.startsWith('debug [zvonok:media] getUserMedia')).length, {
      timeout: UI_TIMEOUT_MS,
    })
    .toBeGreaterThan(0);

  await ann.page.goto(`${server.url}/?debug=0`);
  lines.length = 0;
  await openLobby(ann, server.url, room);
  await micHeard(ann.page);
  expect(lines).toEqual([]);
});
