/**
 * Issue 8, layout between phones and desktops: in a small laptop window, on a tablet held either
 * way and on desktops, an open side panel (Chat, Participants, Settings) sits beside the tiles
 * and never covers the toolbar "Call controls": every control is on screen and is what a click
 * at its centre hits, the chat box takes a message, and the page never scrolls sideways. Phones
 * keep the panel as a full-screen sheet with its own Close button (mobile.spec.ts checks the
 * whole phone path); here the sheet's Close button is checked to be reachable and to give the
 * controls back. A notice at the foot of the call ("Link copied") sits above the toolbar at
 * every size, however many rows the toolbar wraps to.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect, type People } from '../support/fixtures.js';
import {
  joinCall,
  roomUrl,
  tileOf,
  UI_TIMEOUT_MS,
  useControl,
  type Person,
} from '../support/app.js';

/** Tablets and laptop windows (landscape and portrait) up to a common desktop. */
const WIDE_VIEWPORTS = [
  { width: 800, height: 600 },
  { width: 1024, height: 768 },
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
  { width: 768, height: 1024 },
  // A small tablet upright.
  { width: 600, height: 960 },
  // A narrow window, just wider than a phone: nine buttons no longer fit one row.
  { width: 500, height: 800 },
];

/** Phones, upright and sideways: the panel is a sheet over the call. */
const PHONE_VIEWPORTS = [
  { width: 360, height: 640 },
  { width: 390, height: 844 },
  { width: 640, height: 360 },
];

/**
 * The call's toolbar. By role alone, so the same check runs in every language (there is one
 * toolbar in the call).
 */
function toolbar(page: Page): Locator {
  return page.getByRole('toolbar');
}

/** The page is no wider than the screen, and the toolbar does not cut any of its buttons off. */
async function expectNoSidewaysOverflow(page: Page, where: string): Promise<void> {
  const sizes = await toolbar(page).evaluate((bar) => ({
    page: document.scrollingElement?.scrollWidth ?? 0,
    screen: window.innerWidth,
    bar: bar.scrollWidth,
    barBox: bar.clientWidth,
  }));
  expect(
    sizes.page,
    `${where}: page ${sizes.page}px wide, screen ${sizes.screen}px`,
  ).toBeLessThanOrEqual(sizes.screen);
  expect(
    sizes.bar,
    `${where}: toolbar content ${sizes.bar}px wide in a ${sizes.barBox}px bar`,
  ).toBeLessThanOrEqual(sizes.barBox);
}

/**
 * `target` is wholly on screen and is what the page hits at its centre (itself or something
 * inside it): nothing covers it. Returns what covers it otherwise, for the failure message.
 */
async function expectUncovered(target: Locator, where: string): Promise<void> {
  await expect(target, `${where}: on screen`).toBeInViewport({ ratio: 1 });
  const hit = await target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    const describe = (e: Element | null): string => {
      if (!e) return 'nothing';
      const label =
        e.getAttribute('aria-label') ?? e.closest('[aria-label]')?.getAttribute('aria-label');
      return `<${e.tagName.toLowerCase()} class="${e.getAttribute('class') ?? ''}">${label ? ` in "${label}"` : ''}`;
    };
    return { ok: top !== null && (top === el || el.contains(top)), top: describe(top) };
  });
  expect(hit.ok, `${where}: covered by ${hit.top}`).toBe(true);
}

/**
 * Every button of the toolbar is on screen and uncovered, its words inside it and whole (not cut
 * with an ellipsis). Desktops: Microphone, Camera, Share screen, Chat, Participants, Record,
 * Settings, Copy link, More, Leave call; phones: Microphone, Camera, Chat, More, Leave call.
 */
async function expectControlsReachable(page: Page, where: string, min = 8): Promise<void> {
  const buttons = await toolbar(page).getByRole('button').all();
  expect(buttons.length, `${where}: controls`).toBeGreaterThanOrEqual(min);
  for (const button of buttons) {
    const name = (await button.getAttribute('aria-label')) ?? (await button.innerText());
    await expectUncovered(button, `${where}: control "${name}"`);
    // Its visible words stay inside it, not over the next button: a toolbar squeezed into one
    // row shrinks buttons under their labels (phones hide the labels: 1 px boxes).
    const spill = await button.evaluate((b) => {
      const box = b.getBoundingClientRect();
      let worst = 0;
      for (const el of b.querySelectorAll('*')) {
        const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent?.trim());
        const r = el.getBoundingClientRect();
        if (!own || r.width <= 1) continue;
        worst = Math.max(worst, box.left - r.left, r.right - box.right);
      }
      return Math.round(worst);
    });
    expect(spill, `${where}: the label of "${name}" runs ${spill}px out of it`).toBeLessThanOrEqual(
      1,
    );
    await expectWholeWords(button, `${where}: "${name}"`);
  }
}

/**
 * No visible text inside `scope` is cut short: each element holding words shows all of them
 * (its content is no wider than its box, as an ellipsis or a clip would leave it).
 */
async function expectWholeWords(scope: Locator, where: string): Promise<void> {
  const cut = await scope.evaluate((root) => {
    const found: string[] = [];
    for (const el of [root, ...root.querySelectorAll('*')]) {
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent?.trim());
      if (!own || !(el instanceof HTMLElement) || el.clientWidth <= 1) continue;
      if (el.scrollWidth > el.clientWidth + 1) found.push(el.textContent?.trim() ?? '');
    }
    return found;
  });
  expect(cut, `${where}: words cut short`).toEqual([]);
}

/** The names used by one person's page (the app follows the browser's language). */
interface Words {
  /** The own tile's name for `name`. */
  you: (name: string) => string;
  /** The tiles' region. */
  tilesRegion: string;
  chat: RegExp;
  participants: string;
  settings: string;
  chatRegion: string;
  participantsPanel: string;
  settingsRegion: string;
  message: string;
  send: string;
  close: string;
}

const EN: Words = {
  you: (name) => `${name} (you)`,
  tilesRegion: 'Participants',
  chat: /^Chat\b/,
  participants: 'Participants',
  settings: 'Settings',
  chatRegion: 'Chat',
  participantsPanel: 'People in the call',
  settingsRegion: 'Settings',
  message: 'Message',
  send: 'Send',
  close: 'Close',
};

/** The toolbar button that opens a panel. */
function panelButton(page: Page, name: string | RegExp): Locator {
  return toolbar(page).getByRole('button', { name, exact: typeof name === 'string' });
}

/** The open side panel, region `name` ("Chat", "People in the call", "Settings"). */
function panelRegion(page: Page, name: string): Locator {
  return page.getByRole('region', { name, exact: true });
}

/**
 * The floating self-view (`own`, small) lies within the picture that fills the stage (`main`),
 * never past its edge (half a pixel of rounding allowed). A tiled own video is not checked.
 */
async function expectSelfViewWithin(own: Locator, main: Locator, where: string): Promise<void> {
  const [ownBox, box] = [await own.boundingBox(), await main.boundingBox()];
  if (!box || !ownBox || ownBox.width >= box.width / 2) return;
  expect(ownBox.x, `${where}: self-view left edge`).toBeGreaterThanOrEqual(box.x - 0.5);
  expect(ownBox.y, `${where}: self-view top edge`).toBeGreaterThanOrEqual(box.y - 0.5);
  expect(ownBox.x + ownBox.width, `${where}: self-view right edge`).toBeLessThanOrEqual(
    box.x + box.width + 0.5,
  );
  expect(ownBox.y + ownBox.height, `${where}: self-view bottom edge`).toBeLessThanOrEqual(
    box.y + box.height + 0.5,
  );
}

/**
 * At the page's current size: opens each panel in turn and checks that the controls stay
 * reachable, the panel and the person's own tile are on screen, the chat box takes a message,
 * and nothing scrolls sideways; closes each panel with the toolbar button that opened it.
 */
async function walkPanels(
  person: Person,
  where: string,
  words: Words,
  /** The tile that fills the stage: the other person's in a one-to-one call, else the own. */
  mainTile = words.you(person.name),
): Promise<void> {
  const { page } = person;
  await expectControlsReachable(page, `${where}, no panel`);
  await expectNoSidewaysOverflow(page, `${where}, no panel`);
  const tilesRegion = page.getByRole('region', { name: words.tilesRegion, exact: true });
  await expectSelfViewWithin(
    tilesRegion.getByRole('group', { name: words.you(person.name), exact: true }),
    tilesRegion.getByRole('group', { name: mainTile, exact: true }),
    `${where}, no panel`,
  );

  const panels: [string, string | RegExp, string][] = [
    ['chat', words.chat, words.chatRegion],
    ['participants', words.participants, words.participantsPanel],
    ['settings', words.settings, words.settingsRegion],
  ];
  for (const [label, buttonName, regionName] of panels) {
    const at = `${where}, ${label} open`;
    const button = panelButton(page, buttonName);
    await button.click();
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    const region = panelRegion(page, regionName);
    await expect(region).toBeVisible();
    await expect(region, `${at}: panel on screen`).toBeInViewport({ ratio: 1 });
    await expectControlsReachable(page, at);
    await expectNoSidewaysOverflow(page, at);
    // The tiles keep a useful share of the screen beside the panel; the own video stays in view
    // (as the floating self-view in a one-to-one call).
    const stage = page.getByRole('region', { name: words.tilesRegion, exact: true });
    const tile = stage.getByRole('group', { name: mainTile, exact: true });
    await expect(tile, `${at}: ${mainTile} on screen`).toBeInViewport({ ratio: 1 });
    const box = await tile.boundingBox();
    expect(box?.width ?? 0, `${at}: ${mainTile}'s tile width`).toBeGreaterThanOrEqual(160);
    const own = stage.getByRole('group', { name: words.you(person.name), exact: true });
    await expect(own, `${at}: own video on screen`).toBeInViewport({ ratio: 1 });
    await expectSelfViewWithin(own, tile, at);

    if (label === 'chat') {
      const input = region.getByRole('textbox', { name: words.message });
      await expectUncovered(input, `${at}: message box`);
      await expectUncovered(region.getByRole('button', { name: words.send }), `${at}: Send`);
      const text = `Hello at ${where}`;
      await input.click();
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
      await expect(
        region.getByRole('log').getByRole('article').filter({ hasText: text }),
      ).toHaveCount(1);
      await expect(input).toHaveValue('');
    }
    await expectUncovered(region.getByRole('button', { name: words.close }), `${at}: Close`);
    // The toolbar button closes its own panel: it was reachable, so this click is real.
    await button.click();
    await expect(region).toHaveCount(0);
  }
}

test('tablets, laptop windows and desktops: an open panel leaves every call control reachable', async ({
  server,
  room,
  people,
}) => {
  test.setTimeout(180_000);
  const bob = await people.add('Bob');
  await joinCall(bob, server.url, room);
  const ann = await people.add('Ann', { context: { viewport: WIDE_VIEWPORTS[0] } });
  await joinCall(ann, server.url, room);
  await expect(tileOf(ann.page, 'Bob')).toBeVisible({ timeout: UI_TIMEOUT_MS });

  for (const viewport of WIDE_VIEWPORTS) {
    await resizeTo(ann.page, viewport);
    await walkPanels(ann, `${viewport.width}x${viewport.height}`, EN, 'Bob');
  }
});

test('in Russian (longer words) at 800x600, 768x1024 and 600x960 the controls and panels fit too', async ({
  server,
  room,
  people,
}) => {
  // Four sizes with three panels each: as long as the English walk on a busy machine.
  test.setTimeout(180_000);
  // One-to-one, so the own video floats (a self-view that must stay within Bob's picture).
  const bob = await people.add('Bob');
  await joinCall(bob, server.url, room);
  const ann = await people.add('Аня', {
    context: { locale: 'ru-RU', viewport: { width: 800, height: 600 } },
  });
  // The lobby in Russian, as the browser's language asks.
  await ann.page.goto(roomUrl(server.url, room));
  await expect(ann.page.locator('html')).toHaveAttribute('lang', 'ru');
  await ann.page.getByRole('textbox', { name: 'Ваше имя' }).fill(ann.name);
  await ann.page.getByRole('button', { name: 'Войти в звонок' }).click();
  await expect(toolbar(ann.page)).toBeVisible({ timeout: UI_TIMEOUT_MS });
  const RU: Words = {
    you: (name) => `${name} (вы)`,
    tilesRegion: 'Участники',
    chat: /^Чат/,
    participants: 'Участники',
    settings: 'Настройки',
    chatRegion: 'Чат',
    participantsPanel: 'Люди в звонке',
    settingsRegion: 'Настройки',
    message: 'Сообщение',
    send: 'Отправить',
    close: 'Закрыть',
  };
  // 600x960: the labelled buttons no longer fit one row and wrap to a second.
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 800, height: 600 },
    { width: 768, height: 1024 },
    { width: 600, height: 960 },
  ]) {
    await resizeTo(ann.page, viewport);
    await walkPanels(ann, `ru ${viewport.width}x${viewport.height}`, RU, 'Bob');
  }
});

/** Whether the app lays a window of this size out as a phone (30rem either way or less). */
function isPhone(viewport: { width: number; height: number }): boolean {
  return viewport.width <= 480 || viewport.height <= 480;
}

/**
 * Resizes the window and waits until the toolbar has been laid out for it (the app hears of the
 * new size from a media query, a render later): five controls on a phone, eight or more wider.
 */
async function resizeTo(page: Page, viewport: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(viewport);
  const count = expect.poll(() => toolbar(page).getByRole('button').count(), {
    message: `toolbar laid out for ${viewport.width}x${viewport.height}`,
  });
  if (isPhone(viewport)) await count.toBe(5);
  else await count.toBeGreaterThanOrEqual(8);
}

for (const [lang, locale, more] of [
  ['English', 'en-US', 'More'],
  ['Russian', 'ru-RU', 'Ещё'],
] as const) {
  test(`in ${lang}, no label of the toolbar or its "More" menu is cut short at any window size`, async ({
    server,
    room,
    people,
  }) => {
    test.setTimeout(120_000);
    const ann = await people.add('Ann', { context: { locale, viewport: PHONE_VIEWPORTS[1] } });
    await ann.page.goto(roomUrl(server.url, room));
    await ann.page.locator('#lobby-name').fill(ann.name);
    await ann.page.locator('form button[type="submit"]').click();
    const page = ann.page;
    await expect(toolbar(page)).toBeVisible({ timeout: UI_TIMEOUT_MS });
    for (const viewport of [...PHONE_VIEWPORTS, ...WIDE_VIEWPORTS]) {
      const where = `${lang} ${viewport.width}x${viewport.height}`;
      await resizeTo(page, viewport);
      const phone = isPhone(viewport);
      // Phones: microphone, camera, chat, More, leave; the rest under "More".
      await expectControlsReachable(page, where, phone ? 5 : 8);
      if (phone) await expect(toolbar(page).getByRole('button')).toHaveCount(5);
      const button = toolbar(page).getByRole('button', { name: more, exact: true });
      await button.click();
      const menu = page.getByRole('menu', { name: more });
      await expect(menu).toBeVisible();
      await expect(menu, `${where}: menu on screen`).toBeInViewport({ ratio: 1 });
      // Each item is named by its visible label (its icon is decoration).
      for (const item of await menu.locator('[role^="menuitem"]').all()) {
        const label = (await item.locator('.menu__label').innerText()).trim();
        await expect(item).toHaveAccessibleName(label);
      }
      await expectWholeWords(menu, `${where}: "${more}" menu`);
      await page.keyboard.press('Escape');
      await expect(menu).toHaveCount(0);
      await expect(button).toBeFocused();
    }
  });
}

/** Ann, alone in a call in a phone-sized window: her page. */
async function annInACallOnAPhone(people: People, url: string, room: string): Promise<Page> {
  const ann = await people.add('Ann', { context: { viewport: PHONE_VIEWPORTS[0] } });
  await joinCall(ann, url, room);
  return ann.page;
}

test('phones: a panel is a full-screen sheet whose own Close button is reachable and gives the controls back', async ({
  server,
  room,
  people,
}) => {
  const page = await annInACallOnAPhone(people, server.url, room);
  for (const viewport of PHONE_VIEWPORTS) {
    const where = `${viewport.width}x${viewport.height}`;
    await resizeTo(page, viewport);
    await expectControlsReachable(page, where, 5);
    for (const [label, buttonName, regionName] of [
      ['chat', EN.chat, EN.chatRegion],
      ['participants', EN.participants, EN.participantsPanel],
    ] as const) {
      const at = `${where}, ${label} open`;
      // Phones keep Participants under "More".
      if (label === 'participants') await useControl(page, EN.participants);
      else await panelButton(page, buttonName).click();
      const region = panelRegion(page, regionName);
      await expect(region).toBeVisible();
      const box = await region.boundingBox();
      expect(box, `${at}: sheet`).toMatchObject({ x: 0, y: 0, ...viewport });
      await expectNoSidewaysOverflow(page, at);
      if (label === 'chat') {
        await expectUncovered(
          region.getByRole('textbox', { name: EN.message }),
          `${at}: message box`,
        );
      }
      const close = region.getByRole('button', { name: EN.close });
      await expectUncovered(close, `${at}: Close`);
      await close.click();
      await expect(region).toHaveCount(0);
      await expectControlsReachable(page, `${where}, ${label} closed`, 5);
    }
  }
});

test('a notice (the "Link copied" one) sits above the toolbar, never over it, however many rows the toolbar takes', async ({
  server,
  room,
  people,
}) => {
  const page = await annInACallOnAPhone(people, server.url, room);
  // Copied, or (no clipboard access) the link to copy by hand: either is the same notice.
  const notice = page.getByText(/^(Link copied|Copy this link)/);
  for (const viewport of [...PHONE_VIEWPORTS, ...WIDE_VIEWPORTS]) {
    const where = `${viewport.width}x${viewport.height}, notice shown`;
    await resizeTo(page, viewport);
    await useControl(page, 'Copy link');
    await expect(notice).toBeVisible();
    const noticeBox = await notice.boundingBox();
    const toolbarBox = await toolbar(page).boundingBox();
    expect(
      (noticeBox?.y ?? 0) + (noticeBox?.height ?? 0),
      `${where}: the notice's bottom is above the toolbar's top (${toolbarBox?.y}px)`,
    ).toBeLessThanOrEqual(toolbarBox?.y ?? 0);
    await expectControlsReachable(page, where, 5);
  }
});
