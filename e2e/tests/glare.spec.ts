/** Issue 3, E2E 7: two people join at the same moment (both may offer: glare) and still connect. */
import { test, expect } from '../support/fixtures.js';
import {
  expectInCall,
  expectVideoPlaying,
  joinButton,
  openLobby,
  tileOf,
  uniqueRoom,
} from '../support/app.js';
import {
  connected,
  peerStats,
  waitForInboundAudioBytes,
  waitForInboundVideo,
} from '../support/stats.js';

test('two people who join at the same moment connect', async ({ server, people }) => {
  const ann = await people.add('Ann');
  const bob = await people.add('Bob');
  // Several rounds: whether both sides really offer at once depends on timing.
  for (let round = 0; round < 3; round++) {
    const room = uniqueRoom('glare');
    await openLobby(ann, server.url, room);
    await openLobby(bob, server.url, room);
    await Promise.all([joinButton(ann.page).click(), joinButton(bob.page).click()]);
    await Promise.all([expectInCall(ann), expectInCall(bob)]);

    for (const [me, other] of [
      [ann, bob],
      [bob, ann],
    ] as const) {
      await expectVideoPlaying(tileOf(me.page, other.name));
      await waitForInboundVideo(me.page, { minFrames: 10 });
      await waitForInboundAudioBytes(me.page);
      expect(
        connected(await peerStats(me.page)),
        `round ${round}: one connection each`,
      ).toHaveLength(1);
    }
  }
});
