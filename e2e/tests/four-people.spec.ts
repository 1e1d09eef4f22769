/** Issue 3, E2E 5: four people in one room, everyone receives everyone's video and audio. */
import { test, expect } from '../support/fixtures.js';
import { launchWithMedia } from '../support/browser.js';
import { fakeMedia } from '../support/media.js';
import { expectVideoPlaying, joinCall, tileOf, tiles } from '../support/app.js';
import {
  MESH_TIMEOUT_MS,
  connected,
  peerStats,
  waitForAudiblePlayback,
  waitForInboundAudioBytes,
  waitForInboundVideo,
} from '../support/stats.js';

test('four people: everyone receives everyone else', async ({ server, room, people }) => {
  test.setTimeout(180_000);
  // Four people on two cores: each encodes its camera three times and decodes three. A 320x240
  // camera keeps the mesh about the signaling and media paths, not the test machine's CPU.
  const small = people.own(await launchWithMedia(await fakeMedia({ width: 320, height: 240 })));
  const names = ['Ann', 'Bob', 'Cid', 'Dee'];
  const all = [];
  for (const name of names) {
    const p = await people.add(name, { browser: small });
    await joinCall(p, server.url, room);
    all.push(p);
  }

  for (const me of all) {
    await expect(tiles(me.page)).toHaveCount(4);
    for (const other of all.filter((p) => p !== me)) {
      await expectVideoPlaying(tileOf(me.page, other.name), MESH_TIMEOUT_MS);
    }
    await waitForInboundVideo(me.page, { peers: 3, minFrames: 10, timeout: MESH_TIMEOUT_MS });
    await waitForInboundAudioBytes(me.page, { peers: 3, timeout: MESH_TIMEOUT_MS });
    await waitForAudiblePlayback(me.page, { peers: 3 });
    // Exactly one connection per other person: no duplicates left over from negotiation.
    expect(connected(await peerStats(me.page))).toHaveLength(3);
  }
});
