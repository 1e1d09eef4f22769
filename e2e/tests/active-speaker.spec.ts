/** Issue 14: the active speaker, detected by the SDK from audio levels, is highlighted on the tile. */
import { test, expect } from '../support/fixtures.js';
import { control, joinCall, ownTile, tileOf } from '../support/app.js';
import { MEDIA_TIMEOUT_MS, waitForInboundAudioBytes } from '../support/stats.js';

test('the one who talks is the active speaker on every page, and the floor moves on', async ({
  server,
  room,
  people,
}) => {
  const ann = await people.add('Ann');
  const bob = await people.add('Bob');
  await joinCall(ann, server.url, room);
  await joinCall(bob, server.url, room);
  await waitForInboundAudioBytes(ann.page);
  await waitForInboundAudioBytes(bob.page);

  // Both fake microphones play a steady tone: Bob mutes, so only Ann talks.
  await control(bob.page, 'Microphone').click();
  await expect(control(bob.page, 'Microphone')).toHaveAttribute('aria-pressed', 'false');
  const active = '[data-active-speaker="true"]';
  await expect(ownTile(ann)).toHaveAttribute('data-active-speaker', 'true', {
    timeout: MEDIA_TIMEOUT_MS,
  });
  await expect(tileOf(bob.page, 'Ann')).toHaveAttribute('data-active-speaker', 'true', {
    timeout: MEDIA_TIMEOUT_MS,
  });
  await expect(ann.page.locator(active)).toHaveCount(1);
  await expect(bob.page.locator(active)).toHaveCount(1);

  // Ann stops, Bob talks: after Ann's pause the floor is Bob's, on both pages.
  await control(ann.page, 'Microphone').click();
  await control(bob.page, 'Microphone').click();
  await expect(tileOf(ann.page, 'Bob')).toHaveAttribute('data-active-speaker', 'true', {
    timeout: MEDIA_TIMEOUT_MS,
  });
  await expect(ownTile(bob)).toHaveAttribute('data-active-speaker', 'true', {
    timeout: MEDIA_TIMEOUT_MS,
  });
  await expect(ann.page.locator(active)).toHaveCount(1);
  await expect(bob.page.locator(active)).toHaveCount(1);
});
