/**
 * Issue 14: six people in one mesh on a 2-core machine. Every page decodes the five others and
 * keeps playing, and the camera senders are told to send less at six than at two (adaptive
 * sending), within the uplink goal (2.5 Mbit/s for everything a person sends).
 */
import { test, expect } from '../support/fixtures.js';
import { launchWithMedia } from '../support/browser.js';
import { fakeMedia } from '../support/media.js';
import { expectVideoPlaying, joinCall, tileOf, tiles, type Person } from '../support/app.js';
import { cameraEncodings } from '../support/senders.js';
import {
  MESH_TIMEOUT_MS,
  connected,
  peerStats,
  waitForInboundAudioBytes,
  waitForInboundVideo,
  waitForVideoFramesRising,
} from '../support/stats.js';

test('six people: everyone decodes the five others, with tighter encodings than at two', async ({
  server,
  room,
  people,
}) => {
  test.setTimeout(300_000);
  // Six people encode their camera five times each and decode five: a small 320x180 camera
  // keeps that within two cores, as in TESTING-WEBRTC.md.
  const small = people.own(
    await launchWithMedia(await fakeMedia({ width: 320, height: 180, fps: 15 })),
  );
  const names = ['Ann', 'Bob', 'Cid', 'Dee', 'Eve', 'Fay'];
  const all: Person[] = [];
  const join = async (name: string): Promise<Person> => {
    const p = await people.add(name, { browser: small });
    await joinCall(p, server.url, room);
    all.push(p);
    return p;
  };

  // Two people: one peer each, a generous limit once the link is measured.
  const ann = await join('Ann');
  await join('Bob');
  await waitForInboundVideo(ann.page, { minFrames: 10 });
  let atTwo = 0;
  await expect
    .poll(
      async () => {
        const [e] = await cameraEncodings(ann.page);
        atTwo = e?.maxBitrate ?? 0;
        return atTwo;
      },
      { timeout: MESH_TIMEOUT_MS, message: "Ann's camera limit with one peer" },
    )
    .toBeGreaterThanOrEqual(1_000_000);

  for (const name of names.slice(2)) await join(name);

  for (const me of all) {
    await expect(tiles(me.page)).toHaveCount(6, { timeout: MESH_TIMEOUT_MS });
    await waitForInboundVideo(me.page, { peers: 5, minFrames: 10, timeout: 60_000 });
    await waitForInboundAudioBytes(me.page, { peers: 5, timeout: MESH_TIMEOUT_MS });
    expect(connected(await peerStats(me.page))).toHaveLength(5);
  }
  // Keeps playing: frames still rise on all five connections of every page, and each remote
  // tile's picture moves.
  for (const me of all) {
    await waitForVideoFramesRising(me.page, { peers: 5, timeout: MESH_TIMEOUT_MS });
    for (const other of all.filter((p) => p !== me)) {
      await expectVideoPlaying(tileOf(me.page, other.name), MESH_TIMEOUT_MS);
    }
  }

  // Six: every camera sender of every page has a limit, tighter than Ann's at two, and the
  // five together stay within the 2.2 Mbit/s of video the uplink goal leaves.
  for (const me of all) {
    await expect
      .poll(
        async () => {
          const encodings = await cameraEncodings(me.page);
          const limits = encodings.map((e) => e.maxBitrate ?? Infinity);
          const ok =
            encodings.length === 5 &&
            encodings.every((e) => e.active) &&
            limits.every((l) => l < atTwo) &&
            limits.reduce((a, b) => a + b, 0) <= 2_200_000;
          return ok ? 'tight' : JSON.stringify(encodings);
        },
        { timeout: MESH_TIMEOUT_MS, message: `${me.name}'s camera limits at six` },
      )
      .toBe('tight');
  }
});
