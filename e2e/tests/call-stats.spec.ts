/**
 * Issue 14: the call statistics panel. Opened from the toolbar's More menu or a tile's menu, it
 * shows for each person what really flows (the numbers come from getStats: the resolution shown
 * is the one the page decodes), and it is live: the values move and the charts grow.
 */
import type { Locator } from '@playwright/test';
import { test, expect } from '../support/fixtures.js';
import { callWith, tileOf, UI_TIMEOUT_MS, useControl } from '../support/app.js';
import { videoSizes, waitForInboundVideo } from '../support/stats.js';

test.describe.configure({ timeout: 120_000 });

/** A shown value by its `data-metric` (e.g. `bitrate-in`), as a number (NaN while none). */
async function value(section: Locator, metric: string): Promise<number> {
  const raw = await section.locator(`[data-metric="${metric}"]`).getAttribute('data-value');
  return raw === null ? NaN : Number(raw);
}

test('the statistics panel shows live numbers for each person, from the More menu and the tile', async ({
  server,
  room,
  people,
}) => {
  const [ann] = await callWith(people, server.url, room, ['Ann', 'Bob']);
  await waitForInboundVideo(ann.page, { minFrames: 10 });

  await useControl(ann.page, 'Call statistics');
  const panel = ann.page.getByRole('region', { name: 'Call statistics' });
  await expect(panel).toBeVisible({ timeout: UI_TIMEOUT_MS });
  const bobStats = panel.getByRole('region', { name: 'Bob', exact: true });
  await expect(bobStats).toBeVisible();

  // Facts of the connection: a direct path on this machine, VP8, numbers that flow.
  await expect(bobStats.locator('dd[data-metric="path"]')).toHaveText('Direct', {
    timeout: UI_TIMEOUT_MS,
  });
  await expect(bobStats.locator('dd[data-metric="codec"]')).toHaveText('VP8');
  await expect
    .poll(() => value(bobStats, 'bitrate-in'), { timeout: UI_TIMEOUT_MS })
    .toBeGreaterThan(50);
  await expect
    .poll(() => value(bobStats, 'bitrate-out'), { timeout: UI_TIMEOUT_MS })
    .toBeGreaterThan(50);
  await expect.poll(() => value(bobStats, 'fps-in'), { timeout: UI_TIMEOUT_MS }).toBeGreaterThan(5);
  await expect.poll(() => value(bobStats, 'rtt'), { timeout: UI_TIMEOUT_MS }).toBeGreaterThan(0);

  // The resolution shown is what getStats says arrives.
  await expect
    .poll(
      async () => {
        const shown =
          (await bobStats.locator('dd[data-metric="resolution-in"]').textContent()) ?? '';
        // The camera's stream (the screen's receives nothing: 0x0).
        const sizes = (await videoSizes(ann.page)).filter((s) => s !== '0x0');
        return sizes.includes(shown.replace('×', 'x')) ? 'same' : `${shown} vs ${sizes.join()}`;
      },
      { timeout: UI_TIMEOUT_MS, message: 'shown resolution is the decoded one' },
    )
    .toBe('same');

  // Live: the received bit rate is read again, and the chart gains points.
  const chart = bobStats.locator('.sparkline__line--received').first();
  const points = Number(await chart.getAttribute('data-points'));
  const first = await value(bobStats, 'bitrate-in');
  await expect
    .poll(async () => Number(await chart.getAttribute('data-points')), { timeout: UI_TIMEOUT_MS })
    .toBeGreaterThanOrEqual(points + 2);
  await expect
    .poll(() => value(bobStats, 'bitrate-in'), { timeout: UI_TIMEOUT_MS })
    .not.toBe(first);
  await expect(
    bobStats.getByRole('img', { name: /^Bit rate over the last minute: Received .+, Sent .+/ }),
  ).toBeVisible();

  // Closed, then opened from Bob's tile at his connection.
  await panel.getByRole('button', { name: 'Close' }).click();
  await expect(panel).toHaveCount(0);
  await tileOf(ann.page, 'Bob').getByRole('button', { name: 'Options for Bob' }).click();
  await ann.page.getByRole('menuitem', { name: 'Connection details' }).click();
  await expect(panel).toBeVisible({ timeout: UI_TIMEOUT_MS });
  await expect(panel.getByRole('heading', { name: 'Bob' })).toBeFocused({ timeout: UI_TIMEOUT_MS });
});
