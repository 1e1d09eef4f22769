/**
 * Room codes people can read out: a new call gets a code like abc-defg-hij; someone told the code
 * types it with spaces and lands in the same room; links with older, long codes still work.
 */
import { randomBytes } from 'node:crypto';
import { test, expect } from '../support/fixtures.js';
import { expectInCall, joinButton, joinCall, tileOf, UI_TIMEOUT_MS } from '../support/app.js';

test('a new call has a readable code that can be typed with spaces; old long codes still work', async ({
  server,
  people,
}) => {
  const ann = await people.add('Ann');
  await ann.page.goto(server.url);
  await ann.page.getByRole('button', { name: 'Start a new call' }).click();
  await expect(ann.page).toHaveURL(/\/r\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
  const code = new URL(ann.page.url()).pathname.split('/').pop()!;
  await ann.page.getByRole('textbox', { name: 'Your name' }).fill('Ann');
  await joinButton(ann.page).click();
  await expectInCall(ann);

  // Bob was told the code over the phone and types it as he heard it.
  const bob = await people.add('Bob');
  await bob.page.goto(server.url);
  await bob.page
    .getByRole('textbox', { name: 'Room link or code' })
    .fill(code.replace(/-/g, ' ').toUpperCase());
  await bob.page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(bob.page).toHaveURL(`${server.url}/r/${code}`);
  await bob.page.getByRole('textbox', { name: 'Your name' }).fill('Bob');
  await joinButton(bob.page).click();
  await expectInCall(bob);
  await expect(tileOf(ann.page, 'Bob')).toBeVisible({ timeout: UI_TIMEOUT_MS });

  // A link made before readable codes (22 base64url characters) still opens its room.
  const old = randomBytes(16).toString('base64url').replace(/^[-_]/, 'A');
  const cy = await people.add('Cy');
  const dee = await people.add('Dee');
  await joinCall(cy, server.url, old);
  await joinCall(dee, server.url, old);
  await expect(tileOf(cy.page, 'Dee')).toBeVisible({ timeout: UI_TIMEOUT_MS });
});
