/**
 * A room outgrows the mesh: with JANUS_URL set (a real Janus started by the test on free loopback
 * ports), the fifth person's join moves the room to Janus. Every page then carries its media on
 * two connections (one publisher with simulcast, one multistream subscriber) and decodes video
 * from the four others; the tiles keep their names and play. People leave: at three it stays on
 * Janus (no flapping), at two it is peer to peer again and media flows on one connection.
 */
import { test, expect } from '../support/fixtures.js';
import { launchWithMedia } from '../support/browser.js';
import { janusEnv, startJanus, type JanusHandle } from '../support/janus.js';
import { fakeMedia } from '../support/media.js';
import {
  control,
  expectVideoPlaying,
  joinCall,
  tileOf,
  tiles,
  type Person,
} from '../support/app.js';
import { connected, peerStats, type PcSnapshot } from '../support/stats.js';

let janus: JanusHandle;

test.beforeAll(async () => {
  janus = await startJanus();
});

test.afterAll(async () => {
  await janus?.stop();
});

const SFU_TIMEOUT_MS = 60_000;

/** Per connected connection: how many inbound videos decoded at least `frames` frames. */
function decodingVideos(snaps: PcSnapshot[], frames = 10): number[] {
  return connected(snaps).map((s) => s.video.filter((v) => v.framesDecoded >= frames).length);
}

/** Frames decoded by every inbound video of the page now, by connection and track. */
async function framesByTrack(person: Person): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const s of connected(await peerStats(person.page))) {
    for (const v of s.video) out.set(`${s.index}/${v.trackIdentifier}`, v.framesDecoded);
  }
  return out;
}

/** Expects every remote tile of `me` to play video, named as the others are. */
async function expectTilesPlay(me: Person, others: Person[]): Promise<void> {
  await expect(tiles(me.page)).toHaveCount(others.length + 1, { timeout: SFU_TIMEOUT_MS });
  for (const other of others) await expectVideoPlaying(tileOf(me.page, other.name), SFU_TIMEOUT_MS);
}

test('five people: the room moves to Janus and everyone decodes the four others; at two it is peer to peer again', async ({
  startServer,
  room,
  people,
}) => {
  test.setTimeout(420_000);
  const server = await startServer({ env: janusEnv(janus) });
  // Five pages on two cores: a small camera keeps this about the paths, not the machine's CPU.
  const small = people.own(await launchWithMedia(await fakeMedia({ width: 320, height: 240 })));
  const names = ['Ann', 'Bob', 'Cid', 'Dee', 'Eve'];
  const all: Person[] = [];
  for (const name of names.slice(0, 4)) {
    const p = await people.add(name, { browser: small });
    await joinCall(p, server.url, room);
    all.push(p);
  }
  const [ann, bob] = all as [Person, Person];

  // Four people: still a mesh, a connection to each of the three others.
  await expect
    .poll(async () => connected(await peerStats(ann.page)).length, { timeout: SFU_TIMEOUT_MS })
    .toBe(3);

  const eve = await people.add('Eve', { browser: small });
  await joinCall(eve, server.url, room);
  all.push(eve);

  for (const me of all) {
    const others = all.filter((p) => p !== me);
    // Two connections (publisher, subscriber); the subscriber decodes video from all four others.
    await expect
      .poll(async () => decodingVideos(await peerStats(me.page)).sort(), {
        timeout: SFU_TIMEOUT_MS,
        message: `${me.name} decodes four videos on one subscriber connection`,
      })
      .toEqual([0, 4]);
    await expectTilesPlay(me, others);
  }
  // The publisher sends the camera in three simulcast layers.
  const layers = await ann.page.evaluate(() => {
    const probe = (window as unknown as Record<string, { pcs: RTCPeerConnection[] }>)
      .__zvonokE2EProbe!;
    const live = probe.pcs.filter((pc) => pc.connectionState === 'connected');
    return live.flatMap((pc) =>
      pc
        .getSenders()
        .filter((s) => s.track?.kind === 'video')
        .map((s) => s.getParameters().encodings.map((e) => e.rid ?? '')),
    );
  });
  expect(layers).toContainEqual(['h', 'm', 'l']);

  // Eve and Dee leave: three people stay on Janus (a move back only at two).
  for (const who of [eve, all[3]!]) {
    await control(who.page, 'Leave call').click();
    await expect(tiles(ann.page)).toHaveCount(all.length - (who === eve ? 1 : 2), {
      timeout: SFU_TIMEOUT_MS,
    });
  }
  // Still the publisher (no inbound video) and the subscriber; peer to peer it would be two
  // connections that each decode video.
  expect(decodingVideos(await peerStats(ann.page)).sort()[0]).toBe(0);
  await expectTilesPlay(ann, [bob, all[2]!]);

  // Cid leaves: two people, peer to peer again: one connection, video decoded on it.
  await control(all[2]!.page, 'Leave call').click();
  for (const [me, other] of [
    [ann, bob],
    [bob, ann],
  ] as const) {
    await expect
      .poll(async () => decodingVideos(await peerStats(me.page)), {
        timeout: SFU_TIMEOUT_MS,
        message: `${me.name} is back on one peer connection that decodes ${other.name}`,
      })
      .toEqual([1]);
    await expectTilesPlay(me, [other]);
    // And it keeps flowing.
    const before = await framesByTrack(me);
    await expect
      .poll(
        async () => {
          const after = await framesByTrack(me);
          return [...after].some(([k, f]) => f > (before.get(k) ?? 0) + 10);
        },
        { timeout: SFU_TIMEOUT_MS },
      )
      .toBe(true);
  }
});
