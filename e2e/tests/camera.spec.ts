/**
 * Issue 3, E2E 4: camera off -> the other side shows the camera-off state and the sender's camera
 * is really stopped (every camera track ended: the device light goes off); on -> video again.
 */
import { test, expect } from '../support/fixtures.js';
import { control, expectVideoPlaying, joinCall, tileOf } from '../support/app.js';
import { capturedTracks, waitForInboundVideo, waitForVideoFramesRising } from '../support/stats.js';

test('camera off stops the camera and shows camera-off; camera on brings video back', async ({
  server,
  room,
  people,
}) => {
  const ann = await people.add('Ann');
  const bob = await people.add('Bob');
  await joinCall(ann, server.url, room);
  await joinCall(bob, server.url, room);

  const annOnBob = tileOf(bob.page, 'Ann');
  const cameraOff = annOnBob.getByRole('img', { name: 'Camera off' });
  await waitForInboundVideo(bob.page, { minFrames: 10 });
  await expect(cameraOff).toHaveCount(0);

  const camera = control(ann.page, 'Camera');
  await expect(camera).toHaveAttribute('aria-pressed', 'true');
  await camera.click();
  await expect(camera).toHaveAttribute('aria-pressed', 'false');
  await expect(cameraOff).toBeVisible();
  // The device is released: no camera track of Ann's page is live any more.
  await expect
    .poll(async () =>
      (await capturedTracks(ann.page)).filter((t) => t.kind === 'video').map((t) => t.readyState),
    )
    .not.toContain('live');
  expect((await capturedTracks(ann.page)).some((t) => t.kind === 'video')).toBe(true);

  await camera.click();
  await expect(camera).toHaveAttribute('aria-pressed', 'true');
  await expect(cameraOff).toHaveCount(0);
  await expect
    .poll(
      async () =>
        (await capturedTracks(ann.page)).filter(
          (t) => t.kind === 'video' && t.readyState === 'live',
        ).length,
    )
    .toBeGreaterThan(0);
  await waitForVideoFramesRising(bob.page);
  await expectVideoPlaying(annOnBob);
});
