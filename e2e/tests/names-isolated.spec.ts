/**
 * Display names cannot spoof the text around them: a name with bidi override characters is
 * refused with a message saying why, and a right-to-left name is shown isolated (`<bdi>`)
 * everywhere it appears (tiles, participants, chat, the verification code), so it never
 * reorders the words and numbers next to it.
 */
import type { Page } from '@playwright/test';
import { test, expect } from '../support/fixtures.js';
import {
  expectInCall,
  joinButton,
  joinCall,
  openChat,
  openPeople,
  openVerification,
  roomUrl,
  sendChat,
  tileOf,
  UI_TIMEOUT_MS,
} from '../support/app.js';

/** Hebrew "shalom" followed by digits: without isolation "12" would jump to the wrong side. */
const RTL_NAME = 'שלום 12';

/**
 * The places on `page` where `name` is shown as text, and whether each is inside an isolating
 * element (`<bdi>`, or `dir` set on the element or an ancestor up to the name's own element).
 */
function namePlaces(
  page: Page,
  name: string,
): Promise<Array<{ where: string; isolated: boolean }>> {
  return page.evaluate((wanted) => {
    const found: Array<{ where: string; isolated: boolean }> = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!(node.textContent ?? '').includes(wanted)) continue;
      const parent = node.parentElement;
      if (!parent || parent.closest('[aria-hidden="true"], .visually-hidden')) continue;
      const isolated =
        parent.closest('bdi') !== null ||
        (parent.getAttribute('dir') === 'auto' && parent.textContent === wanted);
      const place = parent.closest('[class]');
      found.push({ where: place?.getAttribute('class') ?? parent.tagName, isolated });
    }
    return found;
  }, name);
}

test('a right-to-left name is isolated wherever it shows: tile, participants, chat, verification', async ({
  server,
  room,
  people,
}) => {
  const ann = await people.add('Ann');
  const rtl = await people.add(RTL_NAME);
  await joinCall(ann, server.url, room);
  await joinCall(rtl, server.url, room);
  await expect(tileOf(ann.page, RTL_NAME)).toBeVisible({ timeout: UI_TIMEOUT_MS });
  const places = await namePlaces(ann.page, RTL_NAME);
  await sendChat(rtl.page, 'hello at 12:30');
  await openChat(ann.page);
  await expect(
    ann.page.getByRole('region', { name: 'Chat' }).getByRole('article', { name: RTL_NAME }),
  ).toBeVisible({ timeout: UI_TIMEOUT_MS });
  places.push(...(await namePlaces(ann.page, RTL_NAME)));
  await openPeople(ann.page);
  await openVerification(ann.page, RTL_NAME);
  places.push(...(await namePlaces(ann.page, RTL_NAME)));

  const where = new Set(places.map((p) => p.where));
  for (const kind of ['tile__name', 'chat-message__author', 'people__name', 'verify__text']) {
    expect(
      [...where].some((w) => w.split(' ').includes(kind)),
      kind,
    ).toBe(true);
  }
  expect(places.filter((p) => !p.isolated)).toEqual([]);
  // Their own view: their tile says "<name> (you)" with the name isolated too.
  const own = await namePlaces(rtl.page, RTL_NAME);
  expect(own.length).toBeGreaterThanOrEqual(1);
  expect(own.filter((p) => !p.isolated)).toEqual([]);
});

test('a name with bidi override characters is refused with a message saying why', async ({
  server,
  room,
  people,
}) => {
  const eve = await people.add('Eve');
  const { page } = eve;
  await page.goto(roomUrl(server.url, room));
  // "Eve" then RIGHT-TO-LEFT OVERRIDE: "gpj.exe" would show as "exe.jpg".
  await page
    .getByRole('textbox', { name: 'Your name' })
    .fill('Eve\u202Egpj.exe', { timeout: UI_TIMEOUT_MS });
  await joinButton(page).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'That name or room is not allowed' }),
  ).toBeVisible({ timeout: UI_TIMEOUT_MS });
  // With an ordinary name the same person gets in.
  await page.getByRole('textbox', { name: 'Your name' }).fill('Eve');
  await joinButton(page).click();
  await expectInCall(eve);
});
