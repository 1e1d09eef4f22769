/**
 * Issue 13: when the server goes away, media keeps flowing between the people in the call, so
 * the banner says so ("Reconnecting to the server… Your call continues.") rather than blame the
 * person's internet, and it sits on the tiles, never over the open chat's heading.
 */
import { test, expect } from '../support/fixtures.js';
import { joinCall, openChat, tileOf, UI_TIMEOUT_MS } from '../support/app.js';
import { reconnectingBanner } from '../support/recovery.js';
import { waitForVideoFramesRising } from '../support/stats.js';

test('server gone: the banner says the call continues, pictures keep coming, and the chat heading stays uncovered', async ({
  startServer,
  room,
  people,
}) => {
  const server = await startServer();
  const bob = await people.add('Bob');
  await joinCall(bob, server.url, room);
  const ann = await people.add('Ann', { context: { viewport: { width: 1280, height: 800 } } });
  await joinCall(ann, server.url, room);
  await expect(tileOf(ann.page, 'Bob')).toHaveAttribute('data-link', 'connected', {
    timeout: UI_TIMEOUT_MS,
  });
  const chat = await openChat(ann.page);
  const heading = chat.getByRole('heading', { level: 2 });

  await server.kill();
  const banner = reconnectingBanner(ann.page);
  await expect(banner).toHaveText(/^Reconnecting to the server…\s+Your call continues\.$/, {
    timeout: UI_TIMEOUT_MS,
  });
  await expect(banner).not.toContainText('internet');
  // Media goes straight between Ann and Bob: still flowing with the server gone.
  await waitForVideoFramesRising(ann.page);
  const covered = await heading.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + 4, r.top + r.height / 2);
    return hit === el || el.contains(hit) ? null : (hit?.outerHTML.slice(0, 80) ?? 'nothing');
  });
  expect(covered, 'the chat heading is what is seen where it is').toBeNull();
  // And the banner is on the tiles, not over the panel.
  const bannerBox = await banner.boundingBox();
  const chatBox = await chat.boundingBox();
  expect((bannerBox?.x ?? 0) + (bannerBox?.width ?? 0)).toBeLessThanOrEqual(chatBox?.x ?? 0);
});
