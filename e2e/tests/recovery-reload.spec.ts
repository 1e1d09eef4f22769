/**
 * Issue 6, E2E 5 and the cases around it: a person reloads their page, their tab crashes and
 * they open the room again, or they open the call in a second tab. Each time the call
 * re-establishes and the other side never shows a ghost (a second tile of the same person): the
 * app joins with the earlier session's token as `replaceToken` (its resume token from
 * sessionStorage for a reload, its takeover token from localStorage for another tab), and the
 * server removes that session at once.
 */
import type { Page } from '@playwright/test';
import { installCollector } from '../support/collector.js';
import { test, expect } from '../support/fixtures.js';
import {
  expectInCall,
  expectVideoPlaying,
  joinButton,
  joinCall,
  remoteTiles,
  tileOf,
  type Person,
} from '../support/app.js';
import { remotePeerIds } from '../support/recovery.js';
import { capturedTracks, waitForInboundAudioBytes, waitForInboundVideo } from '../support/stats.js';

test.describe.configure({ timeout: 120_000 });

/**
 * Counts the remote tiles of `page` on every change of the Participants region from now on and
 * returns a reader of the largest count seen (a ghost shows up as 2, however briefly).
 */
async function watchMostRemoteTiles(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const w = window as unknown as { __mostRemoteTiles: number };
    const count = (): number => document.querySelectorAll('[data-peer-id]').length;
    w.__mostRemoteTiles = count();
    new MutationObserver(() => {
      w.__mostRemoteTiles = Math.max(w.__mostRemoteTiles, count());
    }).observe(document.body, { childList: true, subtree: true });
  });
  return () =>
    page.evaluate(() => (window as unknown as { __mostRemoteTiles: number }).__mostRemoteTiles);
}

/** Another tab of the same person (same browser context: shared localStorage, own sessionStorage). */
async function newTab(person: Person): Promise<Person> {
  const page = await person.context.newPage();
  await installCollector(page);
  const log: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') log.push(`[error] ${m.text()}`);
  });
  return { name: person.name, context: person.context, page, dialogs: [], log };
}

/** Both see and hear each other. */
async function expectMediaBothWays(a: Person, b: Person): Promise<void> {
  for (const [me, other] of [
    [a, b],
    [b, a],
  ] as const) {
    await waitForInboundVideo(me.page, { minFrames: 10 });
    await waitForInboundAudioBytes(me.page);
    await expectVideoPlaying(tileOf(me.page, other.name));
  }
}

test('reload one page: the call re-establishes and the other side shows exactly one tile', async ({
  server,
  room,
  people,
}) => {
  const ann = await people.add('Ann');
  const bob = await people.add('Bob');
  await joinCall(ann, server.url, room);
  await joinCall(bob, server.url, room);
  await expectMediaBothWays(ann, bob);
  const mostTiles = await watchMostRemoteTiles(ann.page);

  await bob.page.reload();
  // Back in the lobby of the same room (the name is remembered): join again.
  await expect(bob.page.getByRole('textbox', { name: 'Your name' })).toHaveValue('Bob');
  await joinButton(bob.page).click();
  await expectInCall(bob);

  await expectMediaBothWays(ann, bob);
  await expect(remoteTiles(ann.page)).toHaveCount(1);
  await expect(remoteTiles(bob.page)).toHaveCount(1);
  expect(await mostTiles()).toBe(1);
});

test('a crashed tab reopened: the old session is replaced at once, no ghost while its grace lasts', async ({
  startServer,
  room,
  people,
}) => {
  // A session that vanishes without a word keeps its seat this long, waiting for a resume: a
  // ghost would stay that long unless the new session replaces it.
  const server = await startServer({ env: { RESUME_GRACE_MS: '60000' } });
  const ann = await people.add('Ann');
  const bob = await people.add('Bob');
  await joinCall(ann, server.url, room);
  await joinCall(bob, server.url, room);
  await expectMediaBothWays(ann, bob);
  const [oldBobId] = await remotePeerIds(ann.page);
  const mostTiles = await watchMostRemoteTiles(ann.page);

  // The renderer dies: no pagehide, no leave, the socket just drops.
  const crashed = bob.page.waitForEvent('crash');
  const cdp = await bob.context.newCDPSession(bob.page);
  void cdp.send('Page.crash').catch(() => undefined);
  await crashed;
  // The server keeps Bob's seat in its grace: Ann still has one tile of him.
  await expect(remoteTiles(ann.page)).toHaveCount(1);

  const reopened = await newTab(bob);
  await joinCall(reopened, server.url, room);

  await expectMediaBothWays(ann, reopened);
  await expect(remoteTiles(ann.page)).toHaveCount(1);
  const [newBobId] = await remotePeerIds(ann.page);
  expect(newBobId).not.toBe(oldBobId);
  expect(await mostTiles()).toBe(1);
});

test('a second tab takes the call over; the first says so and can take it back', async ({
  server,
  room,
  people,
}) => {
  const ann = await people.add('Ann');
  const bob = await people.add('Bob');
  await joinCall(ann, server.url, room);
  await joinCall(bob, server.url, room);
  await expectMediaBothWays(ann, bob);
  const mostTiles = await watchMostRemoteTiles(ann.page);
  const [firstId] = await remotePeerIds(ann.page);
  // The session's own token stays in its tab; what other tabs can read is only a takeover token.
  const stored = await bob.page.evaluate(() => {
    const values = (s: Storage, prefix: string) =>
      Object.keys(s)
        .filter((k) => k.startsWith(prefix))
        .map((k) => s.getItem(k));
    return {
      tab: values(sessionStorage, 'zvonok.resume.'),
      browser: values(localStorage, 'zvonok.latest.'),
    };
  });
  expect(stored.tab).toHaveLength(1);
  expect(stored.browser).toHaveLength(1);
  expect(stored.browser[0]).not.toBe(stored.tab[0]);

  const second = await newTab(bob);
  await joinCall(second, server.url, room);

  // The first tab was taken over, says so, and offers the way back.
  const takenOver = bob.page.getByRole('alert').filter({ hasText: 'You joined from another tab' });
  await expect(takenOver).toBeVisible();
  // It lets its camera and microphone go (the light goes out): they belong to the new tab now.
  await expect
    .poll(async () => (await capturedTracks(bob.page)).filter((t) => t.readyState === 'live'))
    .toEqual([]);
  // Ann's one tile of Bob is now the second tab's session, with its media.
  await expect.poll(() => remotePeerIds(ann.page)).not.toEqual([firstId]);
  const [secondId] = await remotePeerIds(ann.page);
  await expectMediaBothWays(ann, second);
  await expect(remoteTiles(ann.page)).toHaveCount(1);

  await takenOver.getByRole('button', { name: 'Rejoin' }).click();
  await expectInCall(bob);
  // Taken back with its camera and microphone again.
  const live = (await capturedTracks(bob.page)).filter((t) => t.readyState === 'live');
  expect(live.map((t) => t.kind).sort()).toEqual(['audio', 'video']);
  await expect(
    second.page.getByRole('alert').filter({ hasText: 'You joined from another tab' }),
  ).toBeVisible();
  await expect.poll(() => remotePeerIds(ann.page)).not.toEqual([secondId]);
  await expectMediaBothWays(ann, bob);
  await expect(remoteTiles(ann.page)).toHaveCount(1);
  expect(await mostTiles()).toBe(1);
  await second.page.close();
});
