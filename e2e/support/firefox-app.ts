/**
 * The app in Firefox as a person uses it, by the same roles and accessible names as app.ts
 * (e2e/README.md "What the tests rely on"), through puppeteer's ARIA selectors. Waiting goes
 * through Playwright's `expect.poll`/`toPass`, so deadlines and failure messages look like the
 * Chromium side's.
 */
import { expect } from '@playwright/test';
import type { ElementHandle, Page } from 'puppeteer-core';
import { roomUrl, UI_TIMEOUT_MS } from './app.js';
import type { FirefoxPerson } from './firefox.js';

/**
 * Firefox reports ARIA's `img` role by its ARIA 1.3 synonym `image` (Chromium says `img`), and
 * puppeteer matches the role the browser reports.
 */
const FIREFOX_ROLE_NAMES: Record<string, string> = { img: 'image' };

/** A puppeteer selector for the element with `role` and accessible name `name` (exact). */
export function aria(role: string, name?: string): string {
  const named = name === undefined ? '' : `[name=${JSON.stringify(name)}]`;
  const reported = FIREFOX_ROLE_NAMES[role] ?? role;
  return `::-p-aria(${named}[role=${JSON.stringify(reported)}])`;
}

/** toolbar "Call controls" */
const CONTROLS = aria('toolbar', 'Call controls');
/** region "Participants" */
const PARTICIPANTS = aria('region', 'Participants');
/** region "Chat" */
const CHAT = aria('region', 'Chat');

/** The selector of a tile (group) by its accessible name, inside region "Participants". */
export function tileSelector(name: string): string {
  return `${PARTICIPANTS} ${aria('group', name)}`;
}

/** How many elements match `selector` now. */
export async function count(page: Page, selector: string): Promise<number> {
  return (await page.$$(selector)).length;
}

/** Waits until `selector` matches something visible, and returns it. */
export async function waitVisible(page: Page, selector: string): Promise<ElementHandle> {
  const handle = await page.waitForSelector(selector, { visible: true, timeout: UI_TIMEOUT_MS });
  if (!handle) throw new Error(`${selector} did not appear`);
  return handle;
}

/** Waits until `selector` matches `n` elements. */
export async function expectCount(page: Page, selector: string, n: number): Promise<void> {
  await expect
    .poll(() => count(page, selector), { timeout: UI_TIMEOUT_MS, message: `${selector} count` })
    .toBe(n);
}

/**
 * The accessible names of the tiles, sorted. Firefox's accessibility tree also exposes every
 * `<video>` as an unnamed group, so only named groups count as tiles.
 */
export async function tileNamesInFirefox(page: Page): Promise<string[]> {
  const groups = await page.$$(`${PARTICIPANTS} ${aria('group')}`);
  const names = await Promise.all(
    groups.map((g) => g.evaluate((el) => (el.tagName === 'VIDEO' ? '' : (el.ariaLabel ?? '')))),
  );
  return names.filter(Boolean).sort();
}

/** Waits until the tiles are exactly `names` (any order). */
export async function expectTilesInFirefox(page: Page, names: string[]): Promise<void> {
  await expect
    .poll(() => tileNamesInFirefox(page), { timeout: UI_TIMEOUT_MS, message: 'tiles in Firefox' })
    .toEqual([...names].sort());
}

/** Opens the room link and types the name in the lobby (does not join). */
export async function openLobbyInFirefox(
  person: FirefoxPerson,
  baseUrl: string,
  room: string,
): Promise<void> {
  const { page } = person;
  await page.goto(roomUrl(baseUrl, room));
  const name = await waitVisible(page, aria('textbox', 'Your name'));
  // Clear what the lobby remembered, then type (input events as a person makes them).
  await name.click({ count: 3 });
  await name.type(person.name);
}

/** Room link -> lobby (name) -> Join call -> in the call (controls and own tile shown). */
export async function joinCallInFirefox(
  person: FirefoxPerson,
  baseUrl: string,
  room: string,
  { lobbyOpen = false }: { lobbyOpen?: boolean } = {},
): Promise<void> {
  const { page } = person;
  if (!lobbyOpen) await openLobbyInFirefox(person, baseUrl, room);
  await (await waitVisible(page, aria('button', 'Join call'))).click();
  await waitVisible(page, CONTROLS);
  await waitVisible(page, tileSelector(`${person.name} (you)`));
}

/** A button of the call toolbar by name ("Microphone", "Camera", "Leave call"...). */
export function controlSelector(name: string): string {
  return `${CONTROLS} ${aria('button', name)}`;
}

/** Clicks a toolbar button and waits until its `aria-pressed` says `pressed`. */
export async function toggleControl(page: Page, name: string, pressed: boolean): Promise<void> {
  const button = await waitVisible(page, controlSelector(name));
  await button.click();
  await expect
    .poll(() => button.evaluate((b) => b.getAttribute('aria-pressed')), {
      timeout: UI_TIMEOUT_MS,
      message: `${name} aria-pressed`,
    })
    .toBe(String(pressed));
}

/** Whether the tile of `name` shows the image named `img` ("Microphone off", "Camera off"). */
export async function tileShows(page: Page, name: string, img: string): Promise<boolean> {
  return (await count(page, `${tileSelector(name)} ${aria('img', img)}`)) > 0;
}

/** Waits until the tile of `name` shows (or no longer shows) the image named `img`. */
export async function expectTileShows(
  page: Page,
  name: string,
  img: string,
  shown: boolean,
): Promise<void> {
  await expect
    .poll(() => tileShows(page, name, img), {
      timeout: UI_TIMEOUT_MS,
      message: `"${img}" on the tile of ${name}`,
    })
    .toBe(shown);
}

/**
 * Expects the video in the tile of `name` to play: a decoded size and time moving on. Returns
 * the decoded size.
 */
export async function expectVideoPlayingInFirefox(
  page: Page,
  name: string,
  /** The video element, when not the one in the tile of `name` (e.g. a shared screen). */
  videoSelector = `${tileSelector(name)} video`,
  timeout = 15_000,
): Promise<{ width: number; height: number }> {
  const video = await waitVisible(page, videoSelector);
  let t0 = -1;
  let size = { width: 0, height: 0 };
  await expect(async () => {
    const { w, h, t } = await video.evaluate((v) => {
      const el = v as HTMLVideoElement;
      return { w: el.videoWidth, h: el.videoHeight, t: el.currentTime };
    });
    size = { width: w, height: h };
    expect(w, 'videoWidth').toBeGreaterThan(0);
    const advanced = t0 >= 0 && t > t0;
    t0 = t;
    expect(advanced, `currentTime advancing (now ${t})`).toBe(true);
  }).toPass({ timeout, intervals: [200, 300, 500] });
  return size;
}

/** Opens the chat panel if it is closed. */
export async function openChatInFirefox(page: Page): Promise<void> {
  if ((await count(page, CHAT)) > 0) return;
  const button = await page.waitForSelector(`${CONTROLS} button[id="control-chat"]`, {
    visible: true,
    timeout: UI_TIMEOUT_MS,
  });
  await button?.click();
  await waitVisible(page, CHAT);
}

/** Types `text` into the chat box and presses Enter; waits until the box is empty again. */
export async function sendChatInFirefox(page: Page, text: string): Promise<void> {
  await openChatInFirefox(page);
  const box = await waitVisible(page, `${CHAT} ${aria('textbox', 'Message')}`);
  await box.type(text);
  await box.press('Enter');
  await expect
    .poll(() => box.evaluate((b) => (b as HTMLTextAreaElement | HTMLInputElement).value), {
      timeout: UI_TIMEOUT_MS,
      message: 'chat box emptied after sending',
    })
    .toBe('');
}

/** The chat log's messages: author (the article's accessible name) and the article's text. */
export async function chatMessagesInFirefox(
  page: Page,
): Promise<{ author: string; text: string }[]> {
  const articles = await page.$$(`${CHAT} ${aria('log')} ${aria('article')}`);
  return Promise.all(
    articles.map((a) =>
      a.evaluate((el) => {
        const by = el.getAttribute('aria-labelledby');
        const author = (by && document.getElementById(by)?.textContent) || '';
        return { author: author.trim(), text: el.textContent ?? '' };
      }),
    ),
  );
}

/** An attribute of the tile of `name` (e.g. `data-speaking`), null when absent or no tile. */
export async function tileAttribute(
  page: Page,
  name: string,
  attribute: string,
): Promise<string | null> {
  const tile = await page.$(tileSelector(name));
  return tile ? tile.evaluate((el, a) => el.getAttribute(a), attribute) : null;
}

/**
 * How the tile of `name` plays the person's voice: whether its `<video>` is playing, unmuted, at
 * a volume above zero, with a live audio track. A person hears the other only if all hold.
 */
export async function tileAudioInFirefox(
  page: Page,
  name: string,
): Promise<{ playing: boolean; muted: boolean; volume: number; liveAudioTracks: number }> {
  const video = await waitVisible(page, `${tileSelector(name)} video`);
  return video.evaluate((v) => {
    const el = v as HTMLVideoElement;
    const stream = el.srcObject instanceof MediaStream ? el.srcObject : null;
    return {
      playing: !el.paused,
      muted: el.muted,
      volume: el.volume,
      liveAudioTracks: stream?.getAudioTracks().filter((t) => t.readyState === 'live').length ?? 0,
    };
  });
}

/**
 * Opens "People in the call" (the Participants button), clicks "Verify connection with <name>"
 * there and returns the 12-digit code shown ("0482 9130 7526").
 */
export async function verificationCodeInFirefox(page: Page, name: string): Promise<string> {
  const panel = aria('region', 'People in the call');
  if ((await count(page, panel)) === 0) {
    await (await waitVisible(page, controlSelector('Participants'))).click();
  }
  const button = await waitVisible(
    page,
    `${panel} ${aria('button', `Verify connection with ${name}`)}`,
  );
  await button.click();
  let code = '';
  await expect(async () => {
    const text = await page.$eval(`${panel} ${aria('status')}`, (el) => el.textContent ?? '');
    code = /\d{4} \d{4} \d{4}/.exec(text)?.[0] ?? '';
    expect(code, `verification code in "${text}"`).not.toBe('');
  }).toPass({ timeout: UI_TIMEOUT_MS });
  return code;
}
