/**
 * Issue 3, E2E 2: chat both ways with the right names and the exact text; markup is shown as
 * text and never runs.
 */
import { test, expect } from '../support/fixtures.js';
import { callControls, chatMessages, joinCall, openChat, sendChat } from '../support/app.js';

const XSS = '<img src=x onerror=alert(1)>';

test('chat both ways with names and exact text; markup shows literally', async ({
  server,
  room,
  people,
}) => {
  const ann = await people.add('Ann');
  const bob = await people.add('Bob');
  await joinCall(ann, server.url, room);
  await joinCall(bob, server.url, room);

  // Ann writes while Bob's chat is closed: Bob's Chat button counts it.
  await sendChat(ann.page, 'Hello Bob, can you hear me?');
  await expect(
    callControls(bob.page).getByRole('button', { name: 'Chat, 1 unread' }),
  ).toBeVisible();

  await openChat(bob.page);
  const fromAnn = chatMessages(bob.page).filter({ hasText: 'Hello Bob, can you hear me?' });
  await expect(fromAnn).toHaveCount(1);
  await expect(fromAnn).toHaveAccessibleName('Ann');
  await expect(fromAnn.getByText('Hello Bob, can you hear me?', { exact: true })).toBeVisible();

  await sendChat(bob.page, 'Loud and clear — привет!');
  const fromBob = chatMessages(ann.page).filter({ hasText: 'Loud and clear — привет!' });
  await expect(fromBob).toHaveCount(1);
  await expect(fromBob).toHaveAccessibleName('Bob');
  // The sender sees their own message too.
  await expect(chatMessages(bob.page).filter({ hasText: 'Loud and clear — привет!' })).toHaveCount(
    1,
  );

  // Markup arrives as the literal text: no element made from it, no script run from it.
  await sendChat(ann.page, XSS);
  for (const page of [bob.page, ann.page]) {
    const msg = chatMessages(page).filter({ hasText: XSS });
    await expect(msg).toHaveCount(1);
    await expect(msg.getByText(XSS, { exact: true })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Chat' }).locator('img[src="x"]')).toHaveCount(0);
  }
  // One more round trip after it was shown, so a late onerror would have fired by now.
  await sendChat(bob.page, 'done');
  await expect(chatMessages(ann.page).filter({ hasText: 'done' })).toHaveCount(1);
  expect(ann.dialogs).toEqual([]);
  expect(bob.dialogs).toEqual([]);
});
