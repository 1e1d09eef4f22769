/**
 * History larger than a client frame (64 KiB) arrives whole: a late joiner gets 20 messages of
 * 4,000 characters (80 KB) and so does a person whose signaling connection dropped while they
 * were written, and who gets them on reconnecting (only those: `chatSince`).
 */
import type { Page, WebSocketRoute } from '@playwright/test';
import { test, expect } from '../support/fixtures.js';
import { chatMessages, joinCall, openChat, sendChat } from '../support/app.js';

test.describe.configure({ timeout: 150_000 });

/** 4,000 characters starting with a tag the test can find. */
function longText(tag: string): string {
  return `${tag} `.padEnd(4000, 'long history ');
}

async function sendLong(page: Page, tags: readonly string[]) {
  for (const tag of tags) await sendChat(page, longText(tag));
}

const TAGS = [...Array(20).keys()].map((i) => `m${i + 1}`);

test('a late joiner gets 80 KB of history whole', async ({ server, room, people }) => {
  const ann = await people.add('Ann');
  await joinCall(ann, server.url, room);
  await sendLong(ann.page, TAGS);
  await expect(chatMessages(ann.page)).toHaveCount(20);
  await expect(chatMessages(ann.page).last()).not.toContainText('Sending');

  const cid = await people.add('Cid');
  await joinCall(cid, server.url, room);
  await openChat(cid.page);
  const log = chatMessages(cid.page);
  await expect(log).toHaveCount(20);
  const texts = await log.evaluateAll((articles) => articles.map((a) => a.textContent ?? ''));
  for (const [i, tag] of TAGS.entries()) expect(texts[i]).toContain(`${tag} long history`);
  await expect(log.last().getByText(longText('m20'), { exact: true })).toBeAttached();
});

test('a reconnecting person gets the 80 KB written while they were away, once', async ({
  server,
  room,
  people,
}) => {
  const ann = await people.add('Ann');
  const bob = await people.add('Bob');
  // Bob's signaling goes through a proxy the test can cut: the page sees its socket close and
  // reconnects (with backoff) while the server keeps his seat, as after a network change.
  let cut = false;
  const routes = new Map<WebSocketRoute, WebSocketRoute>();
  await bob.page.routeWebSocket(/\/ws/, (ws) => {
    if (cut) {
      void ws.close({ code: 1012, reason: 'cut by the test' });
      return;
    }
    routes.set(ws, ws.connectToServer());
  });
  await joinCall(ann, server.url, room);
  await joinCall(bob, server.url, room);
  await sendChat(ann.page, 'before the cut');
  await openChat(bob.page);
  await expect(chatMessages(bob.page)).toHaveCount(1);

  cut = true;
  for (const [page, toServer] of routes) {
    // 4000: not a leave, the server keeps Bob's seat for his resume.
    await toServer.close({ code: 4000, reason: 'cut by the test' });
    await page.close({ code: 1012, reason: 'cut by the test' });
  }
  routes.clear();
  await expect(bob.page.getByText(/Reconnecting/).first()).toBeVisible();
  await sendLong(ann.page, TAGS);
  await expect(chatMessages(ann.page)).toHaveCount(21);
  await expect(chatMessages(ann.page).last()).not.toContainText('Sending');

  cut = false;
  const log = chatMessages(bob.page);
  await expect(log).toHaveCount(21, { timeout: 40_000 });
  const texts = await log.evaluateAll((articles) => articles.map((a) => a.textContent ?? ''));
  expect(texts[0]).toContain('before the cut');
  for (const [i, tag] of TAGS.entries()) expect(texts[i + 1]).toContain(`${tag} long history`);
});
