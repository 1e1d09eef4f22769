/**
 * Issue 16, raised hands: a hand raised by one person (button, or the H key) shows on their tile
 * for the others and in the participants list in the order hands went up; the others hear a
 * chime and their screen reader is told politely; the person lowers it; a Russian page says it
 * in Russian. Reactions: one floats over the sender's tile on the others' screens for a few
 * seconds and is announced; more than the limit allows are held back on the sender's side.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect } from '../support/fixtures.js';
import {
  callControls,
  callWith,
  expectInCall,
  joinButton,
  joinCall,
  openPeople,
  type Person,
  roomUrl,
  tileOf,
  UI_TIMEOUT_MS,
} from '../support/app.js';

/** Both are shown and their boxes do not overlap (one would hide or block the other). */
async function expectApart(a: Locator, b: Locator): Promise<void> {
  await expect(a).toBeVisible({ timeout: UI_TIMEOUT_MS });
  await expect(b).toBeVisible({ timeout: UI_TIMEOUT_MS });
  const [x, y] = [await a.boundingBox(), await b.boundingBox()];
  if (!x || !y) throw new Error('not laid out');
  const overlap =
    x.x < y.x + y.width && y.x < x.x + x.width && x.y < y.y + y.height && y.y < x.y + x.height;
  expect(overlap, `${JSON.stringify(x)} overlaps ${JSON.stringify(y)}`).toBe(false);
}

/** Counts the oscillators the page starts (the hand-raised chime is made with Web Audio). */
async function countChimes(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { chimeNotes: number };
    w.chimeNotes = 0;
    const proto = BaseAudioContext.prototype;
    const original = Object.getOwnPropertyDescriptor(proto, 'createOscillator')!.value as (
      this: BaseAudioContext,
    ) => OscillatorNode;
    proto.createOscillator = function (this: BaseAudioContext) {
      w.chimeNotes++;
      return original.call(this);
    };
  });
}

const chimeNotes = (page: Page) =>
  page.evaluate(() => (window as unknown as { chimeNotes: number }).chimeNotes);

/** The polite live region that says `text` (the page has more than one). */
const politely = (page: Page, text: string) => {
  const exact = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // A repeated text carries a trailing space (so that it is read again).
  return page.locator('[aria-live="polite"]').filter({ hasText: new RegExp(`^${exact}\\s*$`) });
};

/** Joins in Russian (the lobby's Russian labels). */
async function joinCallRu(person: Person, baseUrl: string, room: string): Promise<void> {
  const { page } = person;
  await page.goto(roomUrl(baseUrl, room));
  const name = page.getByRole('textbox', { name: 'Ваше имя' });
  await expect(name).toBeVisible({ timeout: UI_TIMEOUT_MS });
  await name.fill(person.name);
  await page.getByRole('button', { name: 'Войти в звонок' }).click();
  await expect(page.getByRole('toolbar', { name: 'Управление звонком' })).toBeVisible({
    timeout: UI_TIMEOUT_MS,
  });
}

test('raised hands show on tiles and in the list in order, with a chime and an announcement', async ({
  server,
  room,
  people,
}) => {
  const ann = await people.add('Ann');
  const bob = await people.add('Bob');
  const cid = await people.add('Cid', { context: { locale: 'ru-RU' } });
  for (const p of [ann, bob, cid]) await countChimes(p.page);
  await joinCall(ann, server.url, room);
  await joinCall(bob, server.url, room);
  await joinCallRu(cid, server.url, room);
  await expect(tileOf(ann.page, 'Cid')).toBeVisible({ timeout: UI_TIMEOUT_MS });
  await expect(tileOf(ann.page, 'Bob')).toBeVisible();
  await expect(tileOf(bob.page, 'Cid')).toBeVisible({ timeout: UI_TIMEOUT_MS });
  // Joins chime too (their own sound): count from here on, hands only.
  for (const p of [ann, bob, cid]) {
    await p.page.evaluate(() => ((window as unknown as { chimeNotes: number }).chimeNotes = 0));
  }

  // Cid raises a hand with the button (Russian), then Bob with the H key.
  const cidHand = cid.page
    .getByRole('toolbar', { name: 'Управление звонком' })
    .getByRole('button', { name: 'Поднять руку' });
  await cidHand.click();
  await expect(cidHand).toHaveAttribute('aria-pressed', 'true');
  await expect(tileOf(ann.page, 'Cid').getByRole('img', { name: 'Hand raised' })).toBeVisible({
    timeout: UI_TIMEOUT_MS,
  });
  await expect(politely(ann.page, 'Hand raised: Cid')).toHaveCount(1);
  // The hand sits beside the link-quality bars in the tile's corner, never over them.
  await expectApart(
    tileOf(ann.page, 'Cid').getByRole('img', { name: 'Hand raised' }),
    tileOf(ann.page, 'Cid').locator('.quality__button'),
  );
  await bob.page.locator('body').press('h');
  const bobHand = callControls(bob.page).getByRole('button', { name: 'Raise hand' });
  await expect(bobHand).toHaveAttribute('aria-pressed', 'true');

  // Ann sees both hands on the tiles, and in the list: Cid first (raised first), then Bob.
  await expect(tileOf(ann.page, 'Bob').getByRole('img', { name: 'Hand raised' })).toBeVisible({
    timeout: UI_TIMEOUT_MS,
  });
  await expect(politely(ann.page, 'Hand raised: Bob')).toHaveCount(1);
  await expect(tileOf(ann.page, 'Cid').getByRole('img', { name: 'Hand raised' })).toBeVisible();
  const panel = await openPeople(ann.page);
  const hands = panel.getByRole('region', { name: '2 raised hands' });
  await expect(hands.getByRole('listitem')).toHaveText(['Cid', 'Bob']);
  // Someone else's hand chimes (two notes each); one's own does not.
  await expect.poll(() => chimeNotes(ann.page)).toBe(4);
  await expect.poll(() => chimeNotes(cid.page)).toBe(2);
  expect(await chimeNotes(bob.page)).toBe(2);

  // Cid, in Russian, sees the same order, own hand marked as own, with a way to lower it.
  await cid.page.getByRole('button', { name: 'Участники' }).click();
  const cidHands = cid.page
    .getByRole('region', { name: 'Люди в звонке' })
    .getByRole('region', { name: '2 поднятые руки' });
  await expect(cidHands.getByRole('listitem')).toHaveText(['ВыОпустить руку', 'Bob']);
  await cidHands.getByRole('button', { name: 'Опустить руку' }).click();
  await expect(cidHand).toHaveAttribute('aria-pressed', 'false');

  // Everyone sees it come down; the list keeps Bob only.
  await expect(tileOf(ann.page, 'Cid').getByRole('img', { name: 'Hand raised' })).toHaveCount(0, {
    timeout: UI_TIMEOUT_MS,
  });
  await expect(politely(ann.page, 'Hand lowered: Cid')).toHaveCount(1);
  await expect(
    panel.getByRole('region', { name: '1 raised hand' }).getByRole('listitem'),
  ).toHaveText(['Bob']);
  await expect(tileOf(bob.page, 'Cid').getByRole('img', { name: 'Hand raised' })).toHaveCount(0);
  await expect(
    tileOf(bob.page, 'Bob (you)').getByRole('img', { name: 'Hand raised' }),
  ).toBeVisible();

  // A newcomer sees the hand that is up (listed by the server with the time it went up).
  const dan = await people.add('Dan');
  await joinCall(dan, server.url, room);
  await expect(tileOf(dan.page, 'Bob').getByRole('img', { name: 'Hand raised' })).toBeVisible({
    timeout: UI_TIMEOUT_MS,
  });
  await expect(tileOf(dan.page, 'Ann').getByRole('img', { name: 'Hand raised' })).toHaveCount(0);
});

test('a raised hand lowers itself after speaking a while, when the person set it so; sounds off, no chime', async ({
  server,
  room,
  people,
}) => {
  const ann = await people.add('Ann');
  await countChimes(ann.page);
  const [, bob] = await callWith(people, server.url, room, [ann, 'Bob']);
  // Ann turned the call's sounds off: a raised hand then does not chime either.
  await callControls(ann.page).getByRole('button', { name: 'Settings' }).click();
  await ann.page
    .getByRole('checkbox', { name: /Play a sound when someone joins or leaves/ })
    .uncheck();
  await ann.page.evaluate(() => ((window as unknown as { chimeNotes: number }).chimeNotes = 0));
  // The setting, off by default: the hand stays up while Bob's (fake, always sounding) mic is on.
  await callControls(bob.page).getByRole('button', { name: 'Settings' }).click();
  const setting = bob.page.getByRole('checkbox', { name: /Lower my raised hand/ });
  await expect(setting).not.toBeChecked();
  const hand = callControls(bob.page).getByRole('button', { name: 'Raise hand' });
  await hand.click();
  await expect(tileOf(ann.page, 'Bob').getByRole('img', { name: 'Hand raised' })).toBeVisible({
    timeout: UI_TIMEOUT_MS,
  });
  await expect(politely(ann.page, 'Hand raised: Bob')).toHaveCount(1);
  expect(await chimeNotes(ann.page)).toBe(0);
  // Turned on: Bob has been speaking all along, so the hand comes down within a few seconds.
  await setting.check();
  await expect(hand).toHaveAttribute('aria-pressed', 'false', { timeout: UI_TIMEOUT_MS });
  await expect(politely(bob.page, 'You spoke, so your hand was lowered.')).toHaveCount(1);
  await expect(tileOf(ann.page, 'Bob').getByRole('img', { name: 'Hand raised' })).toHaveCount(0, {
    timeout: UI_TIMEOUT_MS,
  });
  // Remembered for the next call.
  await bob.page.reload();
  await joinButton(bob.page).click();
  await expectInCall(bob);
  await callControls(bob.page).getByRole('button', { name: 'Settings' }).click();
  await expect(bob.page.getByRole('checkbox', { name: /Lower my raised hand/ })).toBeChecked();
});

test('a reaction floats over the sender’s tile for everyone, is announced, and is paced', async ({
  server,
  room,
  people,
}) => {
  const [ann, bob] = await callWith(people, server.url, room, ['Ann', 'Bob']);
  await expect(tileOf(bob.page, 'Ann')).toBeVisible({ timeout: UI_TIMEOUT_MS });
  // Count every reaction that appears on Bob's screen.
  await bob.page.evaluate(() => {
    const w = window as unknown as { reactionsSeen: string[] };
    w.reactionsSeen = [];
    new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) {
          if (!(n instanceof HTMLElement)) continue;
          for (const el of [n, ...n.querySelectorAll('.tile__reaction')]) {
            if (el.classList.contains('tile__reaction')) w.reactionsSeen.push(el.textContent ?? '');
          }
        }
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
  const seen = () =>
    bob.page.evaluate(() => (window as unknown as { reactionsSeen: string[] }).reactionsSeen);

  const react = async (emoji: string) => {
    await callControls(ann.page).getByRole('button', { name: 'React' }).click();
    await ann.page
      .getByRole('menu', { name: 'React' })
      .getByRole('menuitem', { name: `Reaction ${emoji}` })
      .click();
  };
  await react('🎉');
  // Over Ann's tile on Bob's screen, and on Ann's own.
  const onBob = tileOf(bob.page, 'Ann').locator('.tile__reaction');
  await expect(onBob).toHaveText('🎉', { timeout: UI_TIMEOUT_MS });
  await expect(tileOf(ann.page, 'Ann (you)').locator('.tile__reaction')).toHaveText('🎉');
  await expect(politely(bob.page, 'Reaction 🎉: Ann')).toHaveCount(1);
  // Gone after a few seconds.
  await expect(onBob).toHaveCount(0, { timeout: 8000 });

  // Reactions in a row: those within the server's burst go out; the next is held back on Ann's
  // side and she is told, so none is refused by the server and every one sent is seen.
  const wait = politely(ann.page, 'Too many reactions at once: wait a moment.');
  let sent = 0;
  for (let i = 0; i < 12; i++) {
    await react('👍');
    if ((await wait.count()) > 0) break;
    sent++;
  }
  await expect(wait).toHaveCount(1);
  expect(sent).toBeGreaterThanOrEqual(4);
  await expect.poll(seen).toEqual(['🎉', ...Array<string>(sent).fill('👍')]);
  await expect(ann.page.getByRole('alert')).toHaveCount(0);
});
