/**
 * The app as a person uses it, by the roles and names listed in e2e/README.md ("What the tests
 * rely on"). No test hooks: everything goes through what is on screen.
 */
import {
  expect,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { installCollector } from './collector.js';

/** How long the app may take to show a page or a state change (not media: see stats.ts). */
export const UI_TIMEOUT_MS = 15_000;

/** A person: one browser context with one page, plus what the page did that a test may check. */
export interface Person {
  readonly name: string;
  readonly context: BrowserContext;
  readonly page: Page;
  /** alert/confirm/prompt dialogs the page opened (a chat message must never open one). */
  readonly dialogs: string[];
  /** Console errors and uncaught exceptions, for failure reports. */
  readonly log: string[];
}

/** A room name nobody else uses: tests sharing one server never meet by accident. */
export function uniqueRoom(prefix = 'e2e'): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`;
}

/**
 * Opens a new context (a separate person: own storage, own permissions) in `browser` with the
 * peer-connection collector installed and one page.
 */
export async function newPerson(
  browser: Browser,
  name: string,
  contextOptions: BrowserContextOptions = {},
): Promise<Person> {
  const context = await browser.newContext({ locale: 'en-US', ...contextOptions });
  const page = await context.newPage();
  await installCollector(page);
  const dialogs: string[] = [];
  const log: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => undefined);
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') log.push(`[${m.type()}] ${m.text()}`);
  });
  page.on('pageerror', (e) => log.push(`[pageerror] ${e.message}`));
  return { name, context, page, dialogs, log };
}

/** `http://host:port/r/<room>` */
export function roomUrl(baseUrl: string, room: string): string {
  return `${baseUrl}/r/${encodeURIComponent(room)}`;
}

/** Opens the room link and fills in the name in the lobby (does not join). */
export async function openLobby(person: Person, baseUrl: string, room: string): Promise<void> {
  const { page } = person;
  await page.goto(roomUrl(baseUrl, room));
  const name = page.getByRole('textbox', { name: 'Your name' });
  await expect(name).toBeVisible({ timeout: UI_TIMEOUT_MS });
  await name.fill(person.name);
}

/**
 * Opens the lobby's "More options" (device pickers, microphone test, room password, relay only,
 * connection check) unless it is open. `label`: the summary's text in the page's language.
 */
export async function openLobbyOptions(page: Page, label = 'More options'): Promise<void> {
  const more = page.locator('details.lobby__more');
  await expect(more).toBeAttached({ timeout: UI_TIMEOUT_MS });
  if ((await more.getAttribute('open')) === null) {
    await more.locator('summary').filter({ hasText: label }).click();
  }
  await expect(more).toHaveAttribute('open', '');
}

/** The lobby's "Join call" button. */
export function joinButton(page: Page): Locator {
  return page.getByRole('button', { name: 'Join call' });
}

/** Waits until the page shows the call: controls and the person's own tile. */
export async function expectInCall(person: Person): Promise<void> {
  await expect(callControls(person.page)).toBeVisible({ timeout: UI_TIMEOUT_MS });
  await expect(ownTile(person)).toBeVisible({ timeout: UI_TIMEOUT_MS });
}

/** Room link -> lobby (name) -> Join call -> in the call. */
export async function joinCall(person: Person, baseUrl: string, room: string): Promise<void> {
  await openLobby(person, baseUrl, room);
  await joinButton(person.page).click();
  await expectInCall(person);
}

/** What makes people: the `people` fixture (fixtures.ts builds on this file, hence the shape). */
export interface PersonMaker {
  add(name: string): Promise<Person>;
}

/**
 * The usual start of a call test: makes a person for each name (an entry may instead be a person
 * the test already made, e.g. with an init script), then each joins the room in that order (so
 * the first is already in the call when the next comes). Returns them in the same order:
 * `const [ann, bob] = await callWith(people, server.url, room, ['Ann', 'Bob'])`.
 * Waiting for media is left to the test: each waits for what it is about.
 */
export async function callWith<const Who extends readonly (string | Person)[]>(
  people: PersonMaker,
  baseUrl: string,
  room: string,
  who: Who,
): Promise<{ -readonly [K in keyof Who]: Person }> {
  const made: Person[] = [];
  for (const w of who) made.push(typeof w === 'string' ? await people.add(w) : w);
  for (const person of made) await joinCall(person, baseUrl, room);
  return made as { -readonly [K in keyof Who]: Person };
}

/** region "Participants" */
export function participants(page: Page): Locator {
  return page.getByRole('region', { name: 'Participants' });
}

/** Every tile (own and remote) in the Participants region. */
export function tiles(page: Page): Locator {
  return participants(page).getByRole('group');
}

/** The tile of someone else, by display name. */
export function tileOf(page: Page, name: string): Locator {
  return participants(page).getByRole('group', { name, exact: true });
}

/** The person's own tile, "<name> (you)". */
export function ownTile(person: Person): Locator {
  return tileOf(person.page, `${person.name} (you)`);
}

/** Remote tiles (they carry data-peer-id). */
export function remoteTiles(page: Page): Locator {
  return participants(page).locator('[data-peer-id]');
}

/** toolbar "Call controls" */
export function callControls(page: Page): Locator {
  return page.getByRole('toolbar', { name: 'Call controls' });
}

/** A button of the call toolbar ("Microphone", "Camera", "Chat", "Leave call"...). */
export function control(page: Page, name: string): Locator {
  return callControls(page).getByRole('button', { name, exact: true });
}

/**
 * Expects the video in `tile` to play a real picture: a decoded size and time moving on. This is
 * what a person sees; the stats helpers prove what flows.
 */
export async function expectVideoPlaying(tile: Locator, timeout = 15_000): Promise<void> {
  await expectVideoElementPlaying(tile.locator('video').first(), timeout);
}

/** Like {@link expectVideoPlaying}, for a locator of the `<video>` element itself. */
export async function expectVideoElementPlaying(video: Locator, timeout = 15_000): Promise<void> {
  let t0 = -1;
  await expect(async () => {
    const { w, t } = await video.evaluate((v: HTMLVideoElement) => ({
      w: v.videoWidth,
      t: v.currentTime,
    }));
    expect(w, 'videoWidth').toBeGreaterThan(0);
    const advanced = t0 >= 0 && t > t0;
    t0 = t;
    expect(advanced, `currentTime advancing (now ${t})`).toBe(true);
  }).toPass({ timeout, intervals: [200, 300, 500] });
}

/**
 * A button of the call toolbar, or on phones the item of that name under "More": clicks it.
 * Phones keep microphone, camera, chat, More and leave in the bar.
 */
export async function useControl(page: Page, name: string): Promise<void> {
  const button = control(page, name);
  if ((await button.count()) > 0) {
    await button.click();
    return;
  }
  await control(page, 'More').click();
  const menu = page.getByRole('menu', { name: 'More' });
  await menu
    .getByRole('menuitem', { name, exact: true })
    .or(menu.getByRole('menuitemcheckbox', { name, exact: true }))
    .click();
}

/** Opens region "People in the call" (if it is not open) and returns it. */
export async function openPeople(page: Page): Promise<Locator> {
  const panel = page.getByRole('region', { name: 'People in the call' });
  if (!(await panel.isVisible())) await useControl(page, 'Participants');
  await expect(panel).toBeVisible({ timeout: UI_TIMEOUT_MS });
  return panel;
}

/**
 * Opens the verification of the connection with `name` in "People in the call" and returns the
 * `role="status"` "Code with <name>: dddd dddd dddd" and the button that shows and hides it.
 */
export async function openVerification(
  page: Page,
  name: string,
): Promise<{ button: Locator; code: Locator }> {
  const panel = await openPeople(page);
  const button = panel.getByRole('button', { name: `Verify connection with ${name}` });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  const code = panel.getByRole('status').filter({ hasText: `Code with ${name}:` });
  await expect(code).toContainText(/\d{4} \d{4} \d{4}/, { timeout: UI_TIMEOUT_MS });
  return { button, code };
}

/** Opens the chat panel (if it is not open) and returns region "Chat". */
export async function openChat(page: Page): Promise<Locator> {
  const panel = page.getByRole('region', { name: 'Chat' });
  if (!(await panel.isVisible())) {
    await callControls(page)
      .getByRole('button', { name: /^Chat\b/ })
      .click();
  }
  await expect(panel).toBeVisible({ timeout: UI_TIMEOUT_MS });
  return panel;
}

/** Types `text` into the chat box and presses Enter. */
export async function sendChat(page: Page, text: string): Promise<void> {
  const panel = await openChat(page);
  const box = panel.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
  await expect(box).toHaveValue('');
}

/** The chat log's messages (each an article named by its author). */
export function chatMessages(page: Page): Locator {
  return page.getByRole('region', { name: 'Chat' }).getByRole('log').getByRole('article');
}
