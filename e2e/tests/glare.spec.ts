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
  signalingHistory,
  waitForInboundAudioBytes,
  waitForInboundVideo,
} from '../support/stats.js';

test('two people who join at the same moment connect', async ({ server, people }) => {
  test.setTimeout(120_000);
  const ann = await people.add('Ann');
  const bob = await people.add('Bob');
  // Several rounds: whether both sides really offer at once depends on timing.
  for (let round = 1; round <= 3; round++) {
    await test.step(`round ${round}`, () => joinTogether(round));
  }

  async function joinTogether(round: number): Promise<void> {
    const room = uniqueRoom('glare');
    await openLobby(ann, server.url, room);
    await openLobby(bob, server.url, room);
    // Both Join buttons are clicked at the same instant: each page arms a click for the same
    // wall-clock time (both browsers share this machine's clock), far tighter than two
    // consecutive clicks through the automation protocol.
    for (const p of [ann, bob]) await expect(joinButton(p.page)).toBeEnabled();
    const at = Date.now() + 300;
    await Promise.all(
      [ann, bob].map((p) =>
        joinButton(p.page).evaluate((button: HTMLButtonElement, when) => {
          setTimeout(() => button.click(), when - Date.now());
        }, at),
      ),
    );
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
    // Did both sides offer (glare)? Reported, not asserted: it depends on timing.
    const offered = await Promise.all(
      [ann, bob].map(async (p) =>
        (await signalingHistory(p.page)).at(-1)?.includes('have-local-offer'),
      ),
    );
    test.info().annotations.push({
      type: 'glare',
      description: `round ${round}: ${offered.every(Boolean) ? 'both sides offered' : 'one side offered'}`,
    });
  }
});
