/**
 * Issue 17, push to talk: Ann, muted in a call, holds Space and Bob receives her sound (audio
 * energy rising on his side, getStats); she lets go and Bob receives silence again. Space typed
 * into the chat box is a space, not her microphone.
 */
import { test, expect } from '../support/fixtures.js';
import { callWith, control, openChat, tileOf } from '../support/app.js';
import { waitForAudioEnergyRising, waitForInboundSilence } from '../support/stats.js';

test('push to talk: holding Space while muted sends sound, letting go mutes; not while typing', async ({
  server,
  room,
  people,
}) => {
  test.setTimeout(90_000);
  const [ann, bob] = await callWith(people, server.url, room, ['Ann', 'Bob']);
  await waitForAudioEnergyRising(bob.page);

  const mic = control(ann.page, 'Microphone');
  await mic.click();
  await expect(mic).toHaveAttribute('aria-pressed', 'false');
  await waitForInboundSilence(bob.page);

  // With the mic button focused, Space presses it (keyboard users rely on that): on, then off.
  await expect(mic).toBeFocused();
  await ann.page.keyboard.press('Space');
  await expect(mic).toHaveAttribute('aria-pressed', 'true');
  await ann.page.keyboard.press('Space');
  await expect(mic).toHaveAttribute('aria-pressed', 'false');

  // Ann clicks the video, so the focus is on the page, and holds Space: she talks.
  await tileOf(ann.page, 'Bob').locator('video').click();
  await expect(mic).not.toBeFocused();
  await ann.page.keyboard.down('Space');
  await expect(mic).toHaveAttribute('aria-pressed', 'true');
  await waitForAudioEnergyRising(bob.page);
  await ann.page.keyboard.up('Space');
  await expect(mic).toHaveAttribute('aria-pressed', 'false');
  await waitForInboundSilence(bob.page);

  // Typing a space in the chat box neither talks nor is swallowed.
  await openChat(ann.page);
  const box = ann.page.getByRole('textbox', { name: 'Message' });
  await box.click();
  await box.pressSequentially('a b');
  await ann.page.keyboard.down('Space');
  await ann.page.keyboard.up('Space');
  await expect(box).toHaveValue('a b ');
  await expect(mic).toHaveAttribute('aria-pressed', 'false');
  await waitForInboundSilence(bob.page);
});
