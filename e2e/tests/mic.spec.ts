/** Issue 3, E2E 3: mic off -> the other side shows it and receives silence; mic on -> sound again. */
import { test, expect } from '../support/fixtures.js';
import { control, joinCall, tileOf } from '../support/app.js';
import { audioSenderTracks } from '../support/senders.js';
import {
  capturedTracks,
  waitForAudioEnergyRising,
  waitForInboundSilence,
} from '../support/stats.js';

test('mic off shows the muted icon and sends silence; mic on brings sound back', async ({
  server,
  room,
  people,
}) => {
  const ann = await people.add('Ann');
  const bob = await people.add('Bob');
  await joinCall(ann, server.url, room);
  await joinCall(bob, server.url, room);

  const annOnBob = tileOf(bob.page, 'Ann');
  const mutedIcon = annOnBob.getByRole('img', { name: 'Microphone off' });
  // Before: Bob hears Ann (the silence check below could fail), no muted icon.
  await waitForAudioEnergyRising(bob.page);
  await expect(mutedIcon).toHaveCount(0);

  const mic = control(ann.page, 'Microphone');
  await expect(mic).toHaveAttribute('aria-pressed', 'true');
  await mic.click();
  await expect(mic).toHaveAttribute('aria-pressed', 'false');
  await expect(mutedIcon).toBeVisible();
  await waitForInboundSilence(bob.page);
  // Muting flips track.enabled on what is sent; the microphone itself stays open for a quick
  // unmute (and, locally only, for the "You are muted" hint that listens for speech).
  expect(await audioSenderTracks(ann.page)).toEqual([{ readyState: 'live', enabled: false }]);
  expect(
    (await capturedTracks(ann.page)).filter((t) => t.kind === 'audio' && t.readyState === 'live'),
    'the microphone stays open',
  ).not.toEqual([]);

  await mic.click();
  await expect(mic).toHaveAttribute('aria-pressed', 'true');
  await expect(mutedIcon).toHaveCount(0);
  await waitForAudioEnergyRising(bob.page);
});
