/**
 * Issue 8, phones: the whole path by touch in Chromium's mobile emulation (touch events, coarse
 * pointer) — landing -> lobby -> call -> chat -> leave — at 390x844 and 360x640, held upright and
 * sideways: controls on screen and in the thumb zone, chat as a full-screen sheet, no sideways
 * scrolling, tiles that fill the screen for 1 to 8 people; the screen stays on during a call;
 * the Flip button switches cameras on a phone with two.
 */
import { chromium, type BrowserContextOptions, type Locator, type Page } from '@playwright/test';
import { test, expect } from '../support/fixtures.js';
import {
  openLobbyOptions,
  callControls,
  chatMessages,
  control,
  expectInCall,
  expectVideoPlaying,
  joinCall,
  openChat,
  ownTile,
  participants,
  roomUrl,
  tileOf,
  tiles,
  UI_TIMEOUT_MS,
  type Person,
} from '../support/app.js';
import { CHROMIUM_BASE_ARGS, CHROMIUM_PATH } from '../support/browser.js';
import { PROBE, type E2EProbe } from '../support/collector.js';
import { landscape, phone, smallPhone } from '../support/mobile.js';
import { waitForInboundVideo, waitForVideoFramesRising } from '../support/stats.js';

/** The page is no wider than the screen: nothing to scroll sideways. */
async function expectNoHorizontalScroll(page: Page, where: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement?.scrollWidth ?? 0,
    innerWidth: window.innerWidth,
  }));
  expect(
    scrollWidth,
    `${where}: page ${scrollWidth}px wide, screen ${innerWidth}px`,
  ).toBeLessThanOrEqual(innerWidth);
}

/** The element's box, which must exist. */
async function box(
  locator: Locator,
): Promise<{ x: number; y: number; width: number; height: number }> {
  const b = await locator.boundingBox();
  expect(b, 'element has a box').not.toBeNull();
  return b ?? { x: 0, y: 0, width: 0, height: 0 };
}

/**
 * Every call control is on screen, big enough for a finger (44 CSS px is the usual minimum; 40
 * leaves room for a toolbar of eight on a 360 px phone), and in the bottom part of the screen
 * where a thumb reaches.
 */
async function expectControlsInThumbReach(page: Page, where: string): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 0, height: 0 };
  const buttons = await callControls(page).getByRole('button').all();
  // Microphone, Camera, Chat, More, Leave call (and Flip where there are two cameras).
  expect(buttons.length, `${where}: controls`).toBeGreaterThanOrEqual(5);
  for (const button of buttons) {
    const name = (await button.getAttribute('aria-label')) ?? (await button.innerText());
    await expect(button, `${where}: ${name}`).toBeInViewport({ ratio: 1 });
    const b = await box(button);
    expect(Math.min(b.width, b.height), `${where}: ${name} size`).toBeGreaterThanOrEqual(40);
    expect(b.y, `${where}: ${name} in the bottom of the screen`).toBeGreaterThanOrEqual(
      viewport.height * 0.6,
    );
  }
}

/** A side panel covers the whole screen (a sheet), as it should on a phone. */
async function expectFullScreenSheet(page: Page, panel: Locator): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 0, height: 0 };
  const b = await box(panel);
  expect(b.x).toBeLessThanOrEqual(1);
  expect(b.y).toBeLessThanOrEqual(1);
  expect(b.width).toBeGreaterThanOrEqual(viewport.width - 1);
  expect(b.height).toBeGreaterThanOrEqual(viewport.height - 1);
}

/**
 * Lays the grid out for `count` people and checks the tiles use the screen: inside the grid,
 * not overlapping, each at least 90 px on its short side, together covering at least
 * `minCover` of the grid. The layout is CSS alone, so copies of the real tiles stand in for
 * the people: a real eight-person mesh does not fit this 2-core machine.
 */
async function measureGrid(page: Page, count: number) {
  return participants(page).evaluate((grid, n) => {
    const real = [...grid.querySelectorAll<HTMLElement>(':scope > [role="group"]')];
    const model = real[real.length - 1];
    if (!model) throw new Error('no tile');
    const before = grid.dataset.count;
    const extra: HTMLElement[] = [];
    for (let i = real.length; i < n; i++)
      extra.push(grid.appendChild(model.cloneNode(true) as HTMLElement));
    const shown = [...real, ...extra].slice(0, n);
    const hidden = real.slice(n);
    for (const el of hidden) el.style.display = 'none';
    grid.dataset.count = String(n);
    const g = grid.getBoundingClientRect();
    const rects = shown.map((el) => el.getBoundingClientRect());
    grid.dataset.count = before;
    for (const el of extra) el.remove();
    for (const el of hidden) el.style.display = '';
    const overlaps = rects.some((a, i) =>
      rects.some(
        (b, j) =>
          j > i &&
          a.left < b.right - 1 &&
          b.left < a.right - 1 &&
          a.top < b.bottom - 1 &&
          b.top < a.bottom - 1,
      ),
    );
    const inside = rects.every(
      (r) =>
        r.left >= g.left - 1 &&
        r.right <= g.right + 1 &&
        r.top >= g.top - 1 &&
        r.bottom <= g.bottom + 1,
    );
    const cover = rects.reduce((sum, r) => sum + r.width * r.height, 0) / (g.width * g.height);
    const smallest = Math.min(...rects.map((r) => Math.min(r.width, r.height)));
    return { overlaps, inside, cover, smallest };
  }, count);
}

/** The whole path by touch on one phone, with Bob on a desktop. */
async function phonePath(person: Person, bob: Person, baseUrl: string, room: string) {
  const { page } = person;
  const size = page.viewportSize();
  const where = (step: string) => `${size?.width}x${size?.height} ${step}`;

  // Landing: tap the room field, type the code, tap Join.
  await page.goto(baseUrl);
  await expect(page.getByRole('heading', { level: 1, name: 'Zvonok' })).toBeVisible();
  await expectNoHorizontalScroll(page, where('landing'));
  await page.getByRole('textbox', { name: 'Room link or code' }).tap();
  await page.keyboard.type(room);
  await page.getByRole('button', { name: 'Join', exact: true }).tap();

  // Lobby: name, mic off and on by tap, Join call in reach.
  const name = page.getByRole('textbox', { name: 'Your name' });
  await expect(name).toBeVisible({ timeout: UI_TIMEOUT_MS });
  await name.tap();
  await page.keyboard.type(person.name);
  const lobbyMic = page.getByRole('button', { name: 'Microphone', exact: true });
  await lobbyMic.tap();
  await expect(lobbyMic).toHaveAttribute('aria-pressed', 'false');
  await lobbyMic.tap();
  await expect(lobbyMic).toHaveAttribute('aria-pressed', 'true');
  await expectNoHorizontalScroll(page, where('lobby'));
  const join = page.getByRole('button', { name: 'Join call' });
  await expect(join).toBeInViewport({ ratio: 1 });
  await join.tap();

  // Call. Every video plays inline (iOS Safari would otherwise take it full screen).
  await expectInCall(person);
  await expect(tileOf(page, 'Bob')).toBeVisible({ timeout: UI_TIMEOUT_MS });
  await expectVideoPlaying(tileOf(page, 'Bob'));
  await expect(page.locator('video')).not.toHaveCount(0);
  await expect(page.locator('video:not([playsinline])')).toHaveCount(0);
  await expectControlsInThumbReach(page, where('call'));
  await expectNoHorizontalScroll(page, where('call'));
  await expect(ownTile(person)).toBeInViewport();
  await expect(tileOf(page, 'Bob')).toBeInViewport();
  await control(page, 'Camera').tap();
  await expect(ownTile(person).getByRole('img', { name: 'Camera off' })).toBeVisible();
  await control(page, 'Camera').tap();
  await expect(control(page, 'Camera')).toHaveAttribute('aria-pressed', 'true');

  // Chat: a full-screen sheet; tap the box, type, tap Send; Bob gets it.
  await callControls(page)
    .getByRole('button', { name: /^Chat\b/ })
    .tap();
  const panel = page.getByRole('region', { name: 'Chat' });
  await expect(panel).toBeVisible();
  await expectFullScreenSheet(page, panel);
  const text = `Hello from ${size?.width}x${size?.height}`;
  await panel.getByRole('textbox', { name: 'Message' }).tap();
  await page.keyboard.type(text);
  await panel.getByRole('button', { name: 'Send' }).tap();
  await expect(chatMessages(page).filter({ hasText: text })).toHaveCount(1);
  await expectNoHorizontalScroll(page, where('chat'));
  await openChat(bob.page);
  await expect(chatMessages(bob.page).filter({ hasText: text })).toHaveCount(1, {
    timeout: UI_TIMEOUT_MS,
  });
  await panel.getByRole('button', { name: 'Close' }).tap();
  await expect(panel).toHaveCount(0);

  // Leave.
  await control(page, 'Leave call').tap();
  await expect(page.getByRole('heading', { name: 'You left the call' })).toBeVisible();
  await expect(tileOf(bob.page, person.name)).toHaveCount(0, { timeout: UI_TIMEOUT_MS });
  await expectNoHorizontalScroll(page, where('after leaving'));
}

for (const [label, device] of [
  ['390x844', phone],
  ['360x640', smallPhone],
  ['844x390 sideways', landscape(phone)],
  ['640x360 sideways', landscape(smallPhone)],
] as [string, BrowserContextOptions][]) {
  test(`by touch on a ${label} phone: landing -> lobby -> call -> chat -> leave`, async ({
    server,
    room,
    people,
  }) => {
    const bob = await people.add('Bob');
    await joinCall(bob, server.url, room);
    const ann = await people.add('Ann', { context: device });
    expect(await ann.page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
    await phonePath(ann, bob, server.url, room);
  });
}

test('turning the phone during a call keeps everything on screen; tiles fill it for 1 to 8', async ({
  server,
  room,
  people,
}) => {
  const ann = await people.add('Ann', { context: phone });
  await joinCall(ann, server.url, room);
  const bob = await people.add('Bob');
  await joinCall(bob, server.url, room);
  await expect(tiles(ann.page)).toHaveCount(2, { timeout: UI_TIMEOUT_MS });

  for (const device of [phone, landscape(phone), smallPhone, landscape(smallPhone)]) {
    const viewport = device.viewport ?? { width: 0, height: 0 };
    const where = `${viewport.width}x${viewport.height}`;
    await ann.page.setViewportSize(viewport);
    await expectControlsInThumbReach(ann.page, where);
    await expectNoHorizontalScroll(ann.page, where);
    for (let n = 1; n <= 8; n++) {
      const m = await measureGrid(ann.page, n);
      expect(m.inside, `${where}, ${n} people: tiles inside the grid`).toBe(true);
      expect(m.overlaps, `${where}, ${n} people: tiles overlap`).toBe(false);
      expect(m.smallest, `${where}, ${n} people: smallest tile side`).toBeGreaterThanOrEqual(90);
      // Sideways, tiles keep the 16:9 of video, which leaves bars; upright they fill the grid.
      const minCover = viewport.width > viewport.height ? 0.4 : 0.75;
      expect(m.cover, `${where}, ${n} people: share of the grid covered`).toBeGreaterThanOrEqual(
        minCover,
      );
    }
  }
});

test('the screen stays on during a call and is let go after leaving', async ({
  server,
  room,
  people,
}) => {
  const ann = await people.add('Ann', { context: phone });
  // Watch the Screen Wake Lock API from inside the page (the real lock is still taken).
  await ann.page.addInitScript(() => {
    const api = navigator.wakeLock;
    const held: WakeLockSentinel[] = [];
    (window as unknown as { __wakeLocks: WakeLockSentinel[] }).__wakeLocks = held;
    const request = api.request.bind(api);
    api.request = async (type) => {
      const sentinel = await request(type);
      held.push(sentinel);
      return sentinel;
    };
  });
  const heldLocks = () =>
    ann.page.evaluate(
      () =>
        (window as unknown as { __wakeLocks: WakeLockSentinel[] }).__wakeLocks.filter(
          (s) => !s.released,
        ).length,
    );
  await ann.page.goto(server.url);
  expect(await heldLocks()).toBe(0);
  await joinCall(ann, server.url, room);
  await expect.poll(heldLocks, { timeout: UI_TIMEOUT_MS }).toBe(1);
  await control(ann.page, 'Leave call').tap();
  await expect.poll(heldLocks, { timeout: UI_TIMEOUT_MS }).toBe(0);
});

test('Flip switches to the other camera of a phone, in the lobby and in the call', async ({
  server,
  room,
  people,
}) => {
  // Chromium's own fake cameras (the shared default plays one file as one camera). Its second
  // fake camera is a depth camera (16-bit grey) that sends no picture; the third is ordinary.
  const threeCameras = people.own(
    await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [
        ...CHROMIUM_BASE_ARGS.filter((a) => !a.startsWith('--use-fake-device-for-media-stream')),
        '--use-fake-device-for-media-stream=device-count=3',
        '--use-fake-ui-for-media-stream',
      ],
    }),
  );
  const bob = await people.add('Bob');
  await joinCall(bob, server.url, room);
  const ann = await people.add('Ann', { browser: threeCameras, context: phone });
  const page = ann.page;
  const sentCamera = () =>
    page.evaluate((probeName) => {
      const probe = (window as unknown as Record<string, E2EProbe>)[probeName];
      const live = probe?.tracks.filter((t) => t.kind === 'video' && t.readyState === 'live');
      return live?.at(-1)?.label ?? '';
    }, PROBE);

  await page.goto(`${server.url}/r/${room}`);
  const flip = page.getByRole('button', { name: 'Flip', exact: true });
  await expect(flip).toBeVisible({ timeout: UI_TIMEOUT_MS });
  await expect.poll(sentCamera).toBe('fake_device_0');
  await flip.tap();
  await expect.poll(sentCamera, { timeout: UI_TIMEOUT_MS }).toBe('fake_device_1');
  // The lobby's camera picker (under "More options") follows.
  await openLobbyOptions(page);
  await expect(
    page.getByRole('combobox', { name: 'Choose camera' }).locator('option:checked'),
  ).toHaveText('fake_device_1');

  await page.getByRole('textbox', { name: 'Your name' }).fill('Ann');
  await page.getByRole('button', { name: 'Join call' }).tap();
  await expectInCall(ann);
  const inCall = control(page, 'Flip');
  await expect(inCall).toBeVisible();
  await inCall.tap();
  await expect.poll(sentCamera, { timeout: UI_TIMEOUT_MS }).toBe('fake_device_2');
  // Bob sees Ann through the new camera without a renegotiation of the call.
  await waitForInboundVideo(bob.page);
  await waitForVideoFramesRising(bob.page);
  await expectVideoPlaying(tileOf(bob.page, 'Ann'));

  // A desktop (fine pointer) with the same cameras picks one in the lobby instead.
  const desk = await people.add('Desk', { browser: threeCameras });
  await desk.page.goto(`${server.url}/r/${room}`);
  await expect(desk.page.getByRole('button', { name: 'Join call' })).toBeVisible({
    timeout: UI_TIMEOUT_MS,
  });
  await openLobbyOptions(desk.page);
  await expect(desk.page.getByRole('combobox', { name: 'Choose camera' })).toBeVisible();
  await expect(desk.page.getByRole('button', { name: 'Flip', exact: true })).toHaveCount(0);
});

test('sound the browser will not play before a tap: pictures play, then one tap turns it on', async ({
  server,
  room,
  people,
}) => {
  const bob = await people.add('Bob');
  await joinCall(bob, server.url, room);
  const ann = await people.add('Ann', { context: phone });
  await ann.page.addInitScript(() => {
    // iOS Safari's rule, which WebKit-less Chromium here cannot show (it lets a calling page
    // play WebRTC sound at once): play() with sound is refused until the person has tapped or
    // pressed a key.
    let gesture = false;
    for (const type of ['pointerup', 'touchend', 'keydown']) {
      addEventListener(type, (e) => (gesture ||= e.isTrusted), true);
    }
    // Kept to be called with each element as `this`.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const play = HTMLMediaElement.prototype.play;
    HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
      if (!this.muted && !gesture) {
        return Promise.reject(new DOMException('play() needs a gesture', 'NotAllowedError'));
      }
      return play.call(this);
    };
    // Into the call without a tap, as after a reload straight into it: a timer clicks "Join
    // call" (a script's click is no gesture), and says when Bob's video plays.
    const join = setInterval(() => {
      const button = [...document.querySelectorAll('button')].find(
        (b) => b.textContent?.trim() === 'Join call' && !b.disabled,
      );
      if (!button) return;
      clearInterval(join);
      button.click();
    }, 200);
    const watch = setInterval(() => {
      const video = document.querySelector<HTMLVideoElement>('[data-peer-id] video');
      if (!video || video.currentTime === 0) return;
      clearInterval(watch);
      console.info(`e2e: remote video playing, muted=${video.muted}`);
    }, 200);
  });
  const [report] = await Promise.all([
    ann.page.waitForEvent('console', {
      predicate: (m) => m.text().startsWith('e2e: remote video playing'),
      timeout: 30_000,
    }),
    ann.page.goto(roomUrl(server.url, room)),
  ]);
  // The picture plays at once, muted.
  expect(report.text()).toBe('e2e: remote video playing, muted=true');

  const unlock = ann.page.getByRole('button', { name: 'Tap to turn on sound' });
  await expect(unlock).toBeVisible({ timeout: UI_TIMEOUT_MS });
  await unlock.tap();
  await expect(unlock).toHaveCount(0);
  const video = tileOf(ann.page, 'Bob').locator('video');
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => ({ muted: v.muted, paused: v.paused })))
    .toEqual({ muted: false, paused: false });
  await expectVideoPlaying(tileOf(ann.page, 'Bob'));
});

test('Share screen is offered only where the browser can share (not on iOS Safari or Android Chrome)', async ({
  server,
  room,
  people,
}) => {
  const bob = await people.add('Bob');
  await joinCall(bob, server.url, room);
  await expect(control(bob.page, 'Share screen')).toBeVisible();

  const ann = await people.add('Ann', { context: phone });
  // Phone browsers have no getDisplayMedia at all.
  await ann.page.addInitScript(() => {
    delete (MediaDevices.prototype as Partial<MediaDevices>).getDisplayMedia;
  });
  await joinCall(ann, server.url, room);
  await expect(tileOf(ann.page, 'Bob')).toBeVisible({ timeout: UI_TIMEOUT_MS });
  await expect(control(ann.page, 'Share screen')).toHaveCount(0);
  await expectControlsInThumbReach(ann.page, 'a phone without screen sharing');
});
