/** Issue 3, E2E 1: two people open the same room link, pass the lobby, see and hear each other. */
import { test, expect } from '../support/fixtures.js';
import {
  expectInCall,
  expectVideoElementPlaying,
  expectVideoPlaying,
  joinButton,
  joinCall,
  openLobby,
  tileOf,
  tiles,
} from '../support/app.js';
import {
  cameraSize,
  liveVideo,
  waitForAudiblePlayback,
  waitForAudioEnergyRising,
  waitForInboundAudioBytes,
  waitForInboundVideo,
} from '../support/stats.js';

test('two people open the same room link and see and hear each other', async ({
  server,
  room,
  people,
}) => {
  const ann = await people.add('Ann');
  const bob = await people.add('Bob');

  // Lobby: a live camera preview, mic and camera on by default, then Join.
  await openLobby(ann, server.url, room);
  await expectVideoElementPlaying(ann.page.getByLabel('Camera preview'));
  await expect(ann.page.getByRole('button', { name: 'Microphone', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(ann.page.getByRole('button', { name: 'Camera', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await joinButton(ann.page).click();
  await expectInCall(ann);

  await joinCall(bob, server.url, room);

  // What each person sees: two tiles, the other's named tile with a playing video.
  for (const [me, other] of [
    [ann, bob],
    [bob, ann],
  ] as const) {
    await expect(tiles(me.page)).toHaveCount(2);
    await expectVideoPlaying(tileOf(me.page, other.name));
  }

  // What flows: video frames decoded at a real size, audio bytes and sound energy rising.
  for (const [me, other] of [
    [ann, bob],
    [bob, ann],
  ] as const) {
    const snaps = await waitForInboundVideo(me.page, { minFrames: 20 });
    const { frameWidth, frameHeight } = liveVideo(snaps)!;
    // WebRTC may scale the picture down while it ramps up, but keeps the camera's shape.
    const sent = await cameraSize(other.page);
    expect(frameWidth).toBeGreaterThan(0);
    expect(frameWidth / frameHeight).toBeCloseTo(sent.width / sent.height, 1);
    await waitForInboundAudioBytes(me.page);
    await waitForAudioEnergyRising(me.page);
    // Heard, not just received: the other's audio plays unmuted; one's own mic does not.
    await waitForAudiblePlayback(me.page);
  }
});
