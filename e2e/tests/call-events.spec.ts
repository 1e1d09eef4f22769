/**
 * Things that happen in a call are seen: a short toast and a soft sound when someone joins or
 * leaves (sounds can be turned off in Settings, remembered), a preview of a new message while
 * the chat is closed (pressing it opens the chat), and "You are muted" when someone talks with
 * the microphone off (every fake microphone plays a tone: it always "talks").
 */
import type { Page } from '@playwright/test';
import { test, expect } from '../support/fixtures.js';
import { callWith, control, joinCall, sendChat, useControl } from '../support/app.js';

/** Counts the notes the page starts (WebAudio oscillators: the app's chimes are made so). */
function countTones(): void {
  const proto = AudioScheduledSourceNode.prototype;
  const start = Object.getOwnPropertyDescriptor(proto, 'start')?.value as (
    this: AudioScheduledSourceNode,
    when?: number,
  ) => void;
  (window as unknown as { __tones: number }).__tones = 0;
  proto.start = function (this: AudioScheduledSourceNode, when?: number) {
    if (this instanceof OscillatorNode) (window as unknown as { __tones: number }).__tones++;
    start.call(this, when);
  };
}

const tones = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as { __tones: number }).__tones);

const toasts = (page: Page) => page.getByRole('list', { name: 'Call events' });

test('joins and leaves: a toast and a soft sound; sounds off in Settings stays off', async ({
  server,
  room,
  people,
}) => {
  const ann = await people.add('Ann');
  await ann.page.addInitScript(countTones);
  await joinCall(ann, server.url, room);
  expect(await tones(ann.page)).toBe(0);

  const bob = await people.add('Bob');
  await joinCall(bob, server.url, room);
  await expect(toasts(ann.page).getByText('Bob joined')).toBeVisible();
  // Two notes per chime.
  await expect.poll(() => tones(ann.page)).toBe(2);

  await useControl(ann.page, 'Settings');
  const sounds = ann.page
    .getByRole('region', { name: 'Settings' })
    .getByRole('checkbox', { name: 'Play a sound when someone joins or leaves' });
  await expect(sounds).toBeChecked();
  await sounds.uncheck();

  await control(bob.page, 'Leave call').click();
  await expect(toasts(ann.page).getByText('Bob left')).toBeVisible();
  const cy = await people.add('Cy');
  await joinCall(cy, server.url, room);
  await expect(toasts(ann.page).getByText('Cy joined')).toBeVisible();
  expect(await tones(ann.page)).toBe(2);
  // Toasts go by themselves.
  await expect(toasts(ann.page)).toHaveCount(0, { timeout: 15_000 });
  // Still no new note once the toasts are gone: a chime that came late would show here.
  expect(await tones(ann.page), 'notes after sounds were turned off').toBe(2);

  // Remembered: the next call in this browser is quiet too.
  await ann.page.reload();
  await joinCall(ann, server.url, room);
  await useControl(ann.page, 'Settings');
  await expect(
    ann.page
      .getByRole('region', { name: 'Settings' })
      .getByRole('checkbox', { name: 'Play a sound when someone joins or leaves' }),
  ).not.toBeChecked();
});

test('a new message while the chat is closed shows a preview that opens the chat', async ({
  server,
  room,
  people,
}) => {
  const [ann, bob] = await callWith(people, server.url, room, ['Ann', 'Bob']);
  await sendChat(bob.page, 'Shall we start with the budget?');
  const toast = toasts(ann.page).getByRole('button', {
    name: 'Open the chat. Bob: Shall we start with the budget?',
  });
  await expect(toast).toBeVisible();
  await toast.click();
  const chat = ann.page.getByRole('region', { name: 'Chat' });
  await expect(chat).toBeVisible();
  await expect(chat.getByText('Shall we start with the budget?')).toBeVisible();
  await expect(toasts(ann.page)).toHaveCount(0);
  // With the chat open, messages need no toast.
  await sendChat(bob.page, 'Second point');
  await expect(chat.getByText('Second point')).toBeVisible();
  await expect(toasts(ann.page)).toHaveCount(0);
});

test('talking with the microphone off: "You are muted", politely, with Unmute', async ({
  server,
  room,
  people,
}) => {
  const [ann] = await callWith(people, server.url, room, ['Ann', 'Bob']);
  const hint = ann.page.getByText('You are muted');
  const mic = control(ann.page, 'Microphone');
  await expect(mic).toHaveAttribute('aria-pressed', 'true');
  await expect(hint).toHaveCount(0);

  await mic.click();
  await expect(mic).toHaveAttribute('aria-pressed', 'false');
  // Ann's microphone keeps hearing the tone: she "talks" while muted.
  await expect(hint).toBeVisible({ timeout: 10_000 });
  await expect(ann.page.locator('[aria-live="polite"]').filter({ has: hint })).toHaveCount(1);
  await ann.page.getByRole('button', { name: 'Unmute' }).click();
  await expect(mic).toHaveAttribute('aria-pressed', 'true');
  await expect(hint).toHaveCount(0);
});
