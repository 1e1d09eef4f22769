/** Issue 3, E2E 9: a late joiner gets the chat history, in order, with names. */
import { test, expect } from '../support/fixtures.js';
import { chatMessages, joinCall, openChat, sendChat } from '../support/app.js';

test('a late joiner gets the chat history', async ({ server, room, people }) => {
  const ann = await people.add('Ann');
  const bob = await people.add('Bob');
  await joinCall(ann, server.url, room);
  await joinCall(bob, server.url, room);
  await sendChat(ann.page, 'First: the agenda is in the doc');
  await expect(chatMessages(bob.page))
    .toHaveCount(0)
    .catch(() => undefined);
  await openChat(bob.page);
  await expect(chatMessages(bob.page)).toHaveCount(1);
  await sendChat(bob.page, 'Second: thanks, reading it');
  await expect(chatMessages(ann.page)).toHaveCount(2);

  const cid = await people.add('Cid');
  await joinCall(cid, server.url, room);
  await openChat(cid.page);
  const log = chatMessages(cid.page);
  await expect(log).toHaveCount(2);
  await expect(log.nth(0)).toHaveAccessibleName('Ann');
  await expect(
    log.nth(0).getByText('First: the agenda is in the doc', { exact: true }),
  ).toBeVisible();
  await expect(log.nth(1)).toHaveAccessibleName('Bob');
  await expect(log.nth(1).getByText('Second: thanks, reading it', { exact: true })).toBeVisible();
});
