/**
 * Issue 8, accessibility: axe finds no serious or critical problem on the landing page, the lobby,
 * the call and the call with the chat open; a person using only the keyboard (Tab, Shift+Tab,
 * Enter, Space and typing) gets from the landing page through the call and out; joins, leaves
 * and new chat messages are announced through live regions; every tile and control has a name.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from '../support/fixtures.js';
import {
  callControls,
  chatMessages,
  control,
  expectInCall,
  joinCall,
  openChat,
  openLobby,
  ownTile,
  participants,
  sendChat,
  tileOf,
  tiles,
  UI_TIMEOUT_MS,
} from '../support/app.js';

/** Runs axe (WCAG 2.x A and AA and best practices) and expects no serious or critical issue. */
async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
    }));
  expect(serious, `axe on ${where}`).toEqual([]);
  // Sanity: axe really looked at the page.
  expect(results.passes.length, `axe checks that passed on ${where}`).toBeGreaterThan(10);
}

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus, as a keyboard user would, and fails
 * if it is not reached within `limit` presses.
 */
async function tabTo(page: Page, target: Locator, { back = false, limit = 40 } = {}) {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  await expect(target, `reached with ${back ? 'Shift+' : ''}Tab`).toBeFocused({ timeout: 1 });
}

/**
 * Expects a polite live region (what screen readers read out without moving the focus) to say
 * exactly `text` now.
 */
async function expectAnnounced(page: Page, text: string): Promise<void> {
  const region = page.locator('[aria-live="polite"]').filter({ hasText: text });
  await expect(region, `announced: ${text}`).toHaveCount(1, { timeout: UI_TIMEOUT_MS });
  await expect(region).toHaveText(text);
}

/** Every button, toggle, field and tile on the page has a non-empty accessible name. */
async function expectEverythingNamed(page: Page): Promise<void> {
  const named = [
    page.getByRole('button'),
    page.getByRole('textbox'),
    page.getByRole('combobox'),
    page.getByRole('checkbox'),
    page.getByRole('link'),
    participants(page).getByRole('group'),
    page.getByRole('img'),
  ];
  for (const kind of named) {
    for (const el of await kind.all()) {
      if (!(await el.isVisible())) continue;
      await expect(el).toHaveAccessibleName(/\S/);
    }
  }
}

test('axe: no serious or critical violation on landing, lobby, call and chat', async ({
  server,
  room,
  people,
}) => {
  // Four full axe runs, each several seconds on a busy 2-core machine, beside a live call.
  test.setTimeout(180_000);
  const ann = await people.add('Ann');
  const bob = await people.add('Bob');
  await ann.page.goto(server.url);
  await expect(ann.page.getByRole('heading', { level: 1, name: 'Zvonok' })).toBeVisible();
  await expectNoSeriousViolations(ann.page, 'the landing page');

  await openLobby(ann, server.url, room);
  await expect(ann.page.getByRole('button', { name: 'Join call' })).toBeEnabled();
  await expectNoSeriousViolations(ann.page, 'the lobby');
  await expectEverythingNamed(ann.page);

  await ann.page.getByRole('button', { name: 'Join call' }).click();
  await expectInCall(ann);
  await joinCall(bob, server.url, room);
  await expect(tileOf(ann.page, 'Bob')).toBeVisible({ timeout: UI_TIMEOUT_MS });
  await control(bob.page, 'Microphone').click();
  await expect(tileOf(ann.page, 'Bob').getByRole('img', { name: 'Microphone off' })).toBeVisible();
  await expectNoSeriousViolations(ann.page, 'the call');
  await expectEverythingNamed(ann.page);

  await sendChat(bob.page, 'Hello Ann, see https://example.com/agenda');
  await openChat(ann.page);
  await expect(chatMessages(ann.page)).toHaveCount(1);
  await expectNoSeriousViolations(ann.page, 'the call with the chat open');
  await expectEverythingNamed(ann.page);
});

test('keyboard only: landing -> lobby -> join -> mic and camera -> chat -> leave', async ({
  server,
  room,
  people,
}) => {
  const bob = await people.add('Bob');
  await joinCall(bob, server.url, room);
  const ann = await people.add('Ann');
  const page = ann.page;
  const kb = page.keyboard;

  // Landing: the room link, typed, then Enter on "Join".
  await page.goto(server.url);
  const roomBox = page.getByRole('textbox', { name: 'Room link or code' });
  await tabTo(page, roomBox);
  await kb.type(`${server.url}/r/${room}`);
  await tabTo(page, page.getByRole('button', { name: 'Join', exact: true }));
  await kb.press('Enter');

  // Lobby: name, mic off with Space, then "Join call" with Enter.
  const name = page.getByRole('textbox', { name: 'Your name' });
  await expect(name).toBeVisible({ timeout: UI_TIMEOUT_MS });
  await tabTo(page, name);
  await kb.type('Ann');
  const lobbyMic = page.getByRole('button', { name: 'Microphone', exact: true });
  await tabTo(page, lobbyMic, { back: true });
  await kb.press('Space');
  await expect(lobbyMic).toHaveAttribute('aria-pressed', 'false');
  await kb.press('Space');
  await expect(lobbyMic).toHaveAttribute('aria-pressed', 'true');
  const join = page.getByRole('button', { name: 'Join call' });
  await expect(join).toBeEnabled({ timeout: UI_TIMEOUT_MS });
  await tabTo(page, join);
  await kb.press('Enter');

  // Call: the focus lands on the first control; mic and camera with Space.
  await expectInCall(ann);
  const mic = control(page, 'Microphone');
  await expect(mic).toBeFocused();
  await kb.press('Space');
  await expect(mic).toHaveAttribute('aria-pressed', 'false');
  await expect(tileOf(bob.page, 'Ann').getByRole('img', { name: 'Microphone off' })).toBeVisible({
    timeout: UI_TIMEOUT_MS,
  });
  await kb.press('Space');
  await expect(mic).toHaveAttribute('aria-pressed', 'true');
  const camera = control(page, 'Camera');
  await tabTo(page, camera);
  await kb.press('Space');
  await expect(camera).toHaveAttribute('aria-pressed', 'false');
  await expect(ownTile(ann).getByRole('img', { name: 'Camera off' })).toBeVisible();
  await kb.press('Enter');
  await expect(camera).toHaveAttribute('aria-pressed', 'true');

  // Chat: Enter opens it with the cursor in the message box; Enter sends.
  const chatButton = callControls(page).getByRole('button', { name: /^Chat\b/ });
  await tabTo(page, chatButton);
  await kb.press('Enter');
  const panel = page.getByRole('region', { name: 'Chat' });
  const box = panel.getByRole('textbox', { name: 'Message' });
  await expect(box).toBeFocused();
  await kb.type('Hi from the keyboard');
  await kb.press('Enter');
  await expect(box).toHaveValue('');
  await openChat(bob.page);
  await expect(chatMessages(bob.page).filter({ hasText: 'Hi from the keyboard' })).toHaveCount(1, {
    timeout: UI_TIMEOUT_MS,
  });
  // Close with the panel's own button; the focus goes back to the Chat button.
  await tabTo(page, panel.getByRole('button', { name: 'Close' }));
  await kb.press('Enter');
  await expect(panel).toHaveCount(0);
  await expect(chatButton).toBeFocused();

  // Leave.
  await tabTo(page, control(page, 'Leave call'));
  await kb.press('Enter');
  await expect(page.getByRole('heading', { name: 'You left the call' })).toBeFocused();
  await expect(tileOf(bob.page, 'Ann')).toHaveCount(0, { timeout: UI_TIMEOUT_MS });
});

test('joins, leaves and new messages are announced; tiles and controls have names', async ({
  server,
  room,
  people,
}) => {
  const ann = await people.add('Ann');
  await joinCall(ann, server.url, room);

  const bob = await people.add('Bob');
  await joinCall(bob, server.url, room);
  await expectAnnounced(ann.page, 'Bob joined');

  await sendChat(bob.page, 'Can you hear me?');
  await expectAnnounced(ann.page, 'Message from Bob: Can you hear me?');
  // With the chat open, the log itself is the live region (role="log" is polite by nature).
  const panel = await openChat(ann.page);
  await sendChat(bob.page, 'Second message');
  await expect(panel.getByRole('log')).toContainText('Second message', {
    timeout: UI_TIMEOUT_MS,
  });
  await expectAnnounced(ann.page, 'Message from Bob: Can you hear me?');

  // Every tile is a named group; every control a named button.
  await expect(tiles(ann.page)).toHaveCount(2);
  await expect(ownTile(ann)).toHaveAccessibleName('Ann (you)');
  await expect(tileOf(ann.page, 'Bob')).toHaveAccessibleName('Bob');
  await expectEverythingNamed(ann.page);

  await control(bob.page, 'Leave call').click();
  await expectAnnounced(ann.page, 'Bob left');
  await expect(tiles(ann.page)).toHaveCount(1);
});
