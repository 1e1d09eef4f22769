/**
 * Issue 3, E2E 10: on a phone (390x844, touch) the call works with the controls on screen and no
 * horizontal scrolling. The screenshot is kept as a test artifact.
 */
import type { Page } from '@playwright/test';
import { test, expect } from '../support/fixtures.js';
import {
  callControls,
  control,
  expectVideoPlaying,
  joinButton,
  openLobby,
  expectInCall,
  joinCall,
  tileOf,
} from '../support/app.js';
import { phone } from '../support/mobile.js';
import { waitForInboundAudioBytes, waitForInboundVideo } from '../support/stats.js';

async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement?.scrollWidth ?? 0,
    innerWidth: window.innerWidth,
  }));
  expect(
    scrollWidth,
    `page ${scrollWidth}px wide in a ${innerWidth}px viewport`,
  ).toBeLessThanOrEqual(innerWidth);
}

test('phone viewport: call with controls visible and no horizontal scroll', async ({
  server,
  room,
  people,
}, testInfo) => {
  const ann = await people.add('Ann', { context: phone });
  const bob = await people.add('Bob');
  await joinCall(bob, server.url, room);

  await openLobby(ann, server.url, room);
  await expectNoHorizontalScroll(ann.page);
  await joinButton(ann.page).tap();
  await expectInCall(ann);

  await expectVideoPlaying(tileOf(ann.page, 'Bob'));
  await waitForInboundVideo(ann.page);
  await waitForInboundAudioBytes(ann.page);
  await waitForInboundVideo(bob.page);

  await expect(callControls(ann.page)).toBeInViewport();
  // Every control wholly on screen, not cut by the edge.
  for (const name of ['Microphone', 'Camera', 'Chat', 'More', 'Leave call']) {
    await expect(control(ann.page, name)).toBeInViewport({ ratio: 1 });
  }
  await expectNoHorizontalScroll(ann.page);
  // The small self-view's link-quality bars and its Move and Hide buttons all fit, none over another.
  const selfView = ann.page.locator('.self-view');
  await expect(selfView.locator('.quality__button')).toBeVisible({ timeout: 15_000 });
  const bars = await selfView.locator('.quality__button').boundingBox();
  for (const name of ['Move self-view', 'Hide self-view']) {
    const button = await selfView.getByRole('button', { name }).boundingBox();
    if (!bars || !button) throw new Error('self-view not laid out');
    expect(bars.x + bars.width, `the bars reach under ${name}`).toBeLessThanOrEqual(button.x);
  }
  // Kept in test-results/ (and in the HTML report) whether the test passes or not.
  const shot = testInfo.outputPath('phone-call.png');
  await ann.page.screenshot({ path: shot });
  await testInfo.attach('phone-call.png', { path: shot, contentType: 'image/png' });

  // Touch works on the controls.
  const mic = control(ann.page, 'Microphone');
  await mic.tap();
  await expect(mic).toHaveAttribute('aria-pressed', 'false');
  await expect(tileOf(bob.page, 'Ann').getByRole('img', { name: 'Microphone off' })).toBeVisible();
});
