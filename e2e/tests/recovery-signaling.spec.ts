/**
 * Issue 6, E2E 1 and 2: the signaling server dies (kill -9) in the middle of a call. Media keeps
 * flowing on the same peer connections, both people see "Reconnecting…", and when the server is
 * started again (same port, same DATA_DIR, so the resume tokens it signed still verify) both
 * resume with their old ids, chat typed meanwhile arrives exactly once and in order, and a third
 * person can join and connect to both. A frozen server (SIGSTOP: sockets open, nothing answers)
 * is noticed by the client's ping and resumed from the same way.
 */
import { test, expect } from '../support/fixtures.js';
import {
  chatMessages,
  expectVideoPlaying,
  joinCall,
  openChat,
  remoteTiles,
  sendChat,
  tileOf,
} from '../support/app.js';
import {
  chatLines,
  framesByPc,
  openPcIndexes,
  reconnectingBanner,
  remotePeerIds,
  tileStatus,
  waitForFramesAfter,
  type ChatLine,
} from '../support/recovery.js';
import {
  signalingHistory,
  waitForInboundAudioBytes,
  waitForInboundVideo,
} from '../support/stats.js';

/** Reconnect backoff is capped at 10 s plus jitter; a loaded machine adds more. */
const RESUME_TIMEOUT_MS = 30_000;

test.describe.configure({ timeout: 150_000 });

test('kill -9 the server mid-call: media keeps flowing, both resume with their ids, a third joins', async ({
  startServer,
  room,
  people,
}) => {
  const server = await startServer();
  const ann = await people.add('Ann');
  const bob = await people.add('Bob');
  await joinCall(ann, server.url, room);
  await joinCall(bob, server.url, room);
  await waitForInboundVideo(ann.page, { minFrames: 10 });
  await waitForInboundVideo(bob.page, { minFrames: 10 });

  const annSees = await remotePeerIds(ann.page);
  const bobSees = await remotePeerIds(bob.page);
  expect(annSees).toHaveLength(1);
  expect(bobSees).toHaveLength(1);
  const [bobId] = annSees as [string];
  const [annId] = bobSees as [string];
  const pcsBefore = { ann: await openPcIndexes(ann.page), bob: await openPcIndexes(bob.page) };
  const negotiationBefore = {
    ann: await signalingHistory(ann.page),
    bob: await signalingHistory(bob.page),
  };
  const framesAtKill = { ann: await framesByPc(ann.page), bob: await framesByPc(bob.page) };

  await server.kill();
  expect(server.running()).toBe(false);

  // Both see that signaling is gone, and the call goes on: frames decoded keep rising on the
  // very connections that existed before, while the server is dead.
  for (const person of [ann, bob]) {
    await expect(reconnectingBanner(person.page)).toBeVisible({ timeout: 10_000 });
  }
  await waitForFramesAfter(ann.page, framesAtKill.ann, { minNew: 20 });
  await waitForFramesAfter(bob.page, framesAtKill.bob, { minNew: 20 });
  expect(server.running()).toBe(false);
  // No tile claims a media problem: only signaling is down.
  await expect(tileStatus(tileOf(ann.page, 'Bob'))).toHaveCount(0);
  await expect(tileStatus(tileOf(bob.page, 'Ann'))).toHaveCount(0);

  await server.restart();

  for (const person of [ann, bob]) {
    await expect(reconnectingBanner(person.page)).toHaveCount(0, { timeout: RESUME_TIMEOUT_MS });
  }
  // Same ids on both sides, no ghost and no second tile, the same peer connections, and no
  // renegotiation (the signaling states each connection went through did not change).
  expect(await remotePeerIds(ann.page)).toEqual([bobId]);
  expect(await remotePeerIds(bob.page)).toEqual([annId]);
  expect(await openPcIndexes(ann.page)).toEqual(pcsBefore.ann);
  expect(await openPcIndexes(bob.page)).toEqual(pcsBefore.bob);
  expect(await signalingHistory(ann.page)).toEqual(negotiationBefore.ann);
  expect(await signalingHistory(bob.page)).toEqual(negotiationBefore.bob);

  // Chat works through the restarted server.
  await sendChat(ann.page, 'Still there after the restart?');
  await openChat(bob.page);
  await expect(chatMessages(bob.page).filter({ hasText: 'after the restart?' })).toHaveCount(1);

  // A third person joins the restarted server and connects to both, media both ways.
  const carol = await people.add('Carol');
  await joinCall(carol, server.url, room);
  await expect(remoteTiles(carol.page)).toHaveCount(2);
  expect((await remotePeerIds(carol.page)).sort()).toEqual([annId, bobId].sort());
  await waitForInboundVideo(carol.page, { minFrames: 10, peers: 2 });
  await waitForInboundAudioBytes(carol.page, { peers: 2 });
  for (const person of [ann, bob]) {
    await waitForInboundVideo(person.page, { minFrames: 10, peers: 2 });
    await expectVideoPlaying(tileOf(person.page, 'Carol'));
    await expect(remoteTiles(person.page)).toHaveCount(2);
  }
});

test('a frozen server (SIGSTOP, sockets open but silent) is noticed; after SIGCONT both resume', async ({
  startServer,
  room,
  people,
}) => {
  const server = await startServer();
  const ann = await people.add('Ann');
  const bob = await people.add('Bob');
  await joinCall(ann, server.url, room);
  await joinCall(bob, server.url, room);
  await waitForInboundVideo(ann.page, { minFrames: 10 });
  await waitForInboundVideo(bob.page, { minFrames: 10 });
  const ids = [await remotePeerIds(ann.page), await remotePeerIds(bob.page)];
  const pcs = [await openPcIndexes(ann.page), await openPcIndexes(bob.page)];

  server.pause();
  try {
    // Nothing closes: only the unanswered ping tells the clients (10 s quiet + 8 s).
    for (const person of [ann, bob]) {
      await expect(reconnectingBanner(person.page)).toBeVisible({ timeout: 40_000 });
    }
    const frames = [await framesByPc(ann.page), await framesByPc(bob.page)];
    await waitForFramesAfter(ann.page, frames[0]!, { minNew: 20 });
    await waitForFramesAfter(bob.page, frames[1]!, { minNew: 20 });
  } finally {
    server.resume();
  }

  for (const person of [ann, bob]) {
    await expect(reconnectingBanner(person.page)).toHaveCount(0, { timeout: RESUME_TIMEOUT_MS });
  }
  // The server read the old sockets' close (4000) as a drop, not a leave: same ids, no
  // peer-left, the same connections.
  expect([await remotePeerIds(ann.page), await remotePeerIds(bob.page)]).toEqual(ids);
  expect([await openPcIndexes(ann.page), await openPcIndexes(bob.page)]).toEqual(pcs);
  await sendChat(bob.page, 'thawed');
  await openChat(ann.page);
  await expect(chatMessages(ann.page).filter({ hasText: 'thawed' })).toHaveCount(1);
});

test('chat typed by both while the server is down shows pending, then arrives once, in order', async ({
  startServer,
  room,
  people,
}) => {
  const server = await startServer();
  const ann = await people.add('Ann');
  const bob = await people.add('Bob');
  await joinCall(ann, server.url, room);
  await joinCall(bob, server.url, room);
  await openChat(ann.page);
  await openChat(bob.page);
  await sendChat(ann.page, 'before');
  await expect(chatMessages(bob.page).filter({ hasText: 'before' })).toHaveCount(1);

  await server.kill();
  for (const person of [ann, bob]) {
    await expect(reconnectingBanner(person.page)).toBeVisible({ timeout: 10_000 });
  }

  const sent = {
    ann: ['ann 1', 'ann 2', 'ann 3'],
    bob: ['bob 1', 'bob 2', 'bob 3'],
  };
  for (let i = 0; i < 3; i++) {
    await sendChat(ann.page, sent.ann[i] as string);
    await sendChat(bob.page, sent.bob[i] as string);
  }
  // Each sees their own messages at once, marked as not sent yet; the other sees none of them.
  const pendingOf = (lines: ChatLine[]): string[] =>
    lines.filter((l) => l.pending).map((l) => l.text);
  expect(pendingOf(await chatLines(ann.page))).toEqual(sent.ann);
  expect(pendingOf(await chatLines(bob.page))).toEqual(sent.bob);
  for (const text of sent.ann) {
    await expect(chatMessages(ann.page).filter({ hasText: text })).toContainText('Sending…');
  }
  expect((await chatLines(bob.page)).map((l) => l.text)).toEqual(['before', ...sent.bob]);

  await server.restart();
  for (const person of [ann, bob]) {
    await expect(reconnectingBanner(person.page)).toHaveCount(0, { timeout: RESUME_TIMEOUT_MS });
  }

  // Everything arrives, nothing stays pending.
  const everything = ['before', ...sent.ann, ...sent.bob];
  for (const person of [ann, bob]) {
    await expect(async () => {
      const lines = await chatLines(person.page);
      expect(lines.map((l) => l.text).sort()).toEqual([...everything].sort());
      expect(lines.filter((l) => l.pending)).toEqual([]);
    }).toPass({ timeout: 15_000 });
  }

  // One more round trip: a late duplicate would be here by now.
  await sendChat(bob.page, 'after');
  await expect(chatMessages(ann.page).filter({ hasText: 'after' })).toHaveCount(1);
  await expect(chatMessages(bob.page).filter({ hasText: 'after' })).toHaveCount(1);

  const annLines = await chatLines(ann.page);
  const bobLines = await chatLines(bob.page);
  for (const lines of [annLines, bobLines]) {
    const texts = lines.map((l) => l.text);
    // Exactly once each.
    expect([...texts].sort()).toEqual([...everything, 'after'].sort());
    // In order per sender, with the right author.
    expect(lines.filter((l) => l.author === 'Ann').map((l) => l.text)).toEqual([
      'before',
      ...sent.ann,
    ]);
    expect(lines.filter((l) => l.author === 'Bob').map((l) => l.text)).toEqual([
      ...sent.bob,
      'after',
    ]);
  }
  // Both show the room's one order.
  expect(annLines.map((l) => l.text)).toEqual(bobLines.map((l) => l.text));
});
