/**
 * Issue 13, layouts people know from other call apps: in a one-to-one call the other person
 * fills the stage and the own video is a small self-view in a corner (moved by button or drag,
 * hidden and shown again); phones keep it floating with more people too; a speaker layout puts
 * one person large, a pinned person first; a tile's options menu offers pin, full screen and
 * "Verify connection" (which opens the participants panel at that person).
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect } from '../support/fixtures.js';
import {
  control,
  expectVideoPlaying,
  joinCall,
  ownTile,
  participants,
  tileOf,
  UI_TIMEOUT_MS,
  useControl,
} from '../support/app.js';
import { phone } from '../support/mobile.js';

type Box = { x: number; y: number; width: number; height: number };

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  expect(box, 'element has a box').not.toBeNull();
  return box ?? { x: 0, y: 0, width: 0, height: 0 };
}

/** Which corner of the Participants region the own tile sits in, by its centre. */
async function cornerOf(page: Page, tile: Locator): Promise<string> {
  const stage = await boxOf(participants(page));
  const own = await boxOf(tile);
  const x = own.x + own.width / 2 - stage.x;
  const y = own.y + own.height / 2 - stage.y;
  return `${y < stage.height / 2 ? 'top' : 'bottom'}-${x < stage.width / 2 ? 'left' : 'right'}`;
}

test('one-to-one at 1280x800: the other person fills the stage, the own video floats small and can be moved, dragged, hidden and shown', async ({
  server,
  room,
  people,
}) => {
  const bob = await people.add('Bob');
  await joinCall(bob, server.url, room);
  const ann = await people.add('Ann', { context: { viewport: { width: 1280, height: 800 } } });
  await joinCall(ann, server.url, room);
  const page = ann.page;
  const bobTile = tileOf(page, 'Bob');
  await expectVideoPlaying(bobTile);
  const own = ownTile(ann);
  await expectVideoPlaying(own);

  const stage = await boxOf(participants(page));
  const big = await boxOf(bobTile);
  const small = await boxOf(own);
  // Bob takes the stage (a 16:9 tile as large as fits), Ann's own video a small corner.
  expect(big.width * big.height, 'Bob covers most of the stage').toBeGreaterThan(
    0.7 * stage.width * stage.height,
  );
  expect(small.width, 'self-view width').toBeLessThan(stage.width * 0.3);
  expect(small.width, 'self-view still visible').toBeGreaterThan(90);
  expect(await cornerOf(page, own)).toBe('bottom-right');

  // The button moves it round the corners (keyboard users cannot drag).
  const move = own.getByRole('button', { name: 'Move self-view' });
  await move.click();
  await expect.poll(() => cornerOf(page, own)).toBe('bottom-left');
  await move.click();
  await expect.poll(() => cornerOf(page, own)).toBe('top-left');

  // Dragged, it snaps to the corner nearest to where it is let go.
  const from = await boxOf(own);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(stage.x + stage.width * 0.7, stage.y + stage.height * 0.8, { steps: 8 });
  await page.mouse.up();
  await expect.poll(() => cornerOf(page, own)).toBe('bottom-right');

  // Hidden, a small button brings it back (and the choice is in "More" too).
  await own.getByRole('button', { name: 'Hide self-view' }).click();
  await expect(own).toBeHidden();
  await control(page, 'More').click();
  await expect(page.getByRole('menuitem', { name: 'Show self-view' })).toBeVisible();
  await page.keyboard.press('Escape');
  await participants(page).getByRole('button', { name: 'Show self-view' }).click();
  await expect(own).toBeVisible();
  await expectVideoPlaying(own);
});

test('a tile menu shows a person full screen, and "Verify connection" opens the participants panel at their code', async ({
  server,
  room,
  people,
}) => {
  const bob = await people.add('Bob');
  await joinCall(bob, server.url, room);
  const ann = await people.add('Ann', { context: { viewport: { width: 1280, height: 800 } } });
  await joinCall(ann, server.url, room);
  const page = ann.page;
  const bobTile = tileOf(page, 'Bob');
  await expectVideoPlaying(bobTile);

  const options = bobTile.getByRole('button', { name: 'Options for Bob' });
  await options.click();
  await page.getByRole('menuitem', { name: 'Full screen' }).click();
  await expect
    .poll(() => page.evaluate(() => document.fullscreenElement?.getAttribute('aria-label')))
    .toBe('Bob');
  await options.click();
  await page.getByRole('menuitem', { name: 'Exit full screen' }).click();
  await expect.poll(() => page.evaluate(() => document.fullscreenElement)).toBeNull();

  await options.click();
  await page.getByRole('menuitem', { name: 'Verify connection' }).click();
  const panel = page.getByRole('region', { name: 'People in the call' });
  await expect(panel).toBeVisible();
  const verify = panel.getByRole('button', { name: 'Verify connection with Bob' });
  await expect(verify).toHaveAttribute('aria-expanded', 'true');
  await expect(verify).toBeFocused();
  await expect(panel.getByRole('status').filter({ hasText: 'Code with Bob:' })).toContainText(
    /\d{4} \d{4} \d{4}/,
    { timeout: UI_TIMEOUT_MS },
  );
  // What the code is for is said there.
  await expect(panel.getByText(/nobody listens in/)).toBeVisible();
  // Bob's tile no longer carries a Verify pill.
  await expect(bobTile.getByRole('button', { name: /^Verify/ })).toHaveCount(0);
});

test('on a phone with three people the own video floats, the speaker layout puts the one who talks large, and a pinned person goes large', async ({
  server,
  room,
  people,
}) => {
  test.setTimeout(120_000);
  const bob = await people.add('Bob');
  await joinCall(bob, server.url, room);
  const carl = await people.add('Carl');
  await joinCall(carl, server.url, room);
  const ann = await people.add('Ann', { context: phone });
  await joinCall(ann, server.url, room);
  const page = ann.page;
  await expectVideoPlaying(tileOf(page, 'Bob'));
  await expectVideoPlaying(tileOf(page, 'Carl'));
  const stage = await boxOf(participants(page));
  const own = ownTile(ann);
  const ownBox = await boxOf(own);
  expect(ownBox.width, 'phone self-view is small').toBeLessThan(stage.width * 0.4);
  // The two others share the stage, each nearly its full width.
  for (const name of ['Bob', 'Carl']) {
    expect((await boxOf(tileOf(page, name))).width, `${name} width`).toBeGreaterThan(
      stage.width * 0.9,
    );
  }

  // Every fake microphone plays a tone: Carl and Ann mute, so Bob is the one who talks.
  for (const muted of [carl.page, page]) {
    await useControl(muted, 'Microphone');
    await expect(control(muted, 'Microphone')).toHaveAttribute('aria-pressed', 'false');
  }
  await useControl(page, 'Speaker layout');
  // The one who talks is large; the other in a strip.
  await expect
    .poll(async () => (await boxOf(tileOf(page, 'Bob'))).height, { message: 'Bob large' })
    .toBeGreaterThan(stage.height * 0.6);
  expect((await boxOf(tileOf(page, 'Carl'))).height, 'Carl in the strip').toBeLessThan(
    stage.height * 0.25,
  );
  await expectVideoPlaying(tileOf(page, 'Bob'));

  await tileOf(page, 'Carl').getByRole('button', { name: 'Options for Carl' }).click();
  await page.getByRole('menuitem', { name: 'Pin' }).click();
  await expect
    .poll(async () => (await boxOf(tileOf(page, 'Carl'))).height, { message: 'Carl large' })
    .toBeGreaterThan(stage.height * 0.6);
  await expectVideoPlaying(tileOf(page, 'Carl'));
  await tileOf(page, 'Carl').getByRole('button', { name: 'Options for Carl' }).click();
  await expect(page.getByRole('menuitem', { name: 'Unpin' })).toBeVisible();
  await page.keyboard.press('Escape');

  await useControl(page, 'Grid layout');
  await expect
    .poll(async () => (await boxOf(tileOf(page, 'Bob'))).width)
    .toBeGreaterThan(stage.width * 0.9);
});
