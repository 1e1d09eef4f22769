/**
 * Issue 14: a shared screen keeps its sharpness. While Ann shares, her camera senders yield
 * bandwidth to the screen (a much lower limit), the screen's sender keeps its resolution under
 * pressure (`maintain-resolution`) with most of the bit rate, and Bob receives the screen at
 * its full 1280x720. When she stops, the camera gets its share back.
 */
import { test, expect } from '../support/fixtures.js';
import { callWith, control } from '../support/app.js';
import { cameraEncodings, screenEncodings } from '../support/senders.js';
import { MESH_TIMEOUT_MS, waitForInboundVideo } from '../support/stats.js';
import { waitForViewSize } from '../support/views.js';

test.describe.configure({ timeout: 120_000 });

test('sharing a screen: cameras yield to it, the screen keeps its resolution', async ({
  server,
  room,
  people,
}) => {
  const [ann, bob] = await callWith(people, server.url, room, ['Ann', 'Bob']);
  await waitForInboundVideo(bob.page, { minFrames: 10 });

  const cameraLimit = async (): Promise<number> =>
    (await cameraEncodings(ann.page))[0]?.maxBitrate ?? 0;
  await expect.poll(cameraLimit, { timeout: MESH_TIMEOUT_MS }).toBeGreaterThanOrEqual(1_000_000);
  const before = await cameraLimit();

  await control(ann.page, 'Share screen').click();
  const annScreen = bob.page.getByRole('group', { name: "Ann's screen", exact: true });
  await expect(annScreen).toBeVisible({ timeout: MESH_TIMEOUT_MS });
  await expect
    .poll(cameraLimit, { timeout: MESH_TIMEOUT_MS, message: "Ann's camera yields" })
    .toBeLessThanOrEqual(before * 0.3);
  await expect
    .poll(async () => JSON.stringify(await screenEncodings(ann.page)), { timeout: MESH_TIMEOUT_MS })
    .toContain('"degradationPreference":"maintain-resolution"');
  const [screen] = await screenEncodings(ann.page);
  expect(screen?.maxBitrate ?? 0).toBeGreaterThan(2 * (await cameraLimit()));
  await waitForViewSize(bob.page, annScreen, 1280, 720);

  await control(ann.page, 'Share screen').click();
  await expect(annScreen).toHaveCount(0, { timeout: MESH_TIMEOUT_MS });
  await expect
    .poll(cameraLimit, { timeout: MESH_TIMEOUT_MS, message: "Ann's camera gets its share back" })
    .toBeGreaterThanOrEqual(before * 0.9);
});
