/**
 * Issue 3, E2E 8: camera permission denied -> a clear message, and the person can still join with
 * audio only. The camera is blocked by the browser's own permission system (see permissions.ts).
 */
import { test, expect } from '../support/fixtures.js';
import { expectInCall, expectVideoPlaying, joinCall, openLobby, tileOf } from '../support/app.js';
import { cameraBlocked, launchWithRealPermissions } from '../support/permissions.js';
import {
  best,
  connected,
  peerStats,
  waitForAudioEnergyRising,
  waitForInboundAudioBytes,
  waitForInboundVideo,
} from '../support/stats.js';

test('camera blocked: a clear message, then joining with audio only works', async ({
  server,
  room,
  people,
}) => {
  const strict = people.own(await launchWithRealPermissions());
  const ann = await people.add('Ann', { browser: strict, context: cameraBlocked });
  const bob = await people.add('Bob');
  await joinCall(bob, server.url, room);

  await openLobby(ann, server.url, room);
  const alert = ann.page.getByRole('alert');
  await expect(alert).toBeVisible();
  // Says what is wrong (the camera is blocked) and what to do about it.
  await expect(alert).toContainText(/camera/i);
  await expect(alert).toContainText(/allow|permission|blocked|denied/i);
  await alert.getByRole('button', { name: 'Join with audio only' }).click();
  await expectInCall(ann);

  // Bob sees Ann without a picture, and hears her.
  await expect(tileOf(bob.page, 'Ann').getByRole('img', { name: 'Camera off' })).toBeVisible();
  await waitForInboundAudioBytes(bob.page);
  await waitForAudioEnergyRising(bob.page);
  const [fromAnn] = connected(await peerStats(bob.page));
  expect(
    best(fromAnn!, 'video', (v) => v.framesDecoded),
    'video frames from Ann',
  ).toBe(0);

  // Ann still sees and hears Bob.
  await expectVideoPlaying(tileOf(ann.page, 'Bob'));
  await waitForInboundVideo(ann.page);
  await waitForInboundAudioBytes(ann.page);
});
