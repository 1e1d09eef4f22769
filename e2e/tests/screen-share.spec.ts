/**
 * Issue 4, E2E 1: screen sharing in real Chromium. Its fake screen is 1280x720 and the fake
 * camera 640x480, so the sizes that arrive tell the two apart. The screen goes out on its own
 * transceiver: the camera keeps flowing next to it.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect } from '../support/fixtures.js';
import {
  callWith,
  control,
  expectVideoElementPlaying,
  expectVideoPlaying,
  joinCall,
  type PersonMaker,
  tileOf,
} from '../support/app.js';
import { peerStats, waitForInboundVideo } from '../support/stats.js';
import { inboundOf, waitForViewSize } from '../support/views.js';

/** The group that shows someone's shared screen ("Ann's screen"). */
function screenOf(page: Page, name: string): Locator {
  return page.getByRole('group', { name: `${name}'s screen`, exact: true });
}

/** The sharer's bar: "You are presenting", a small preview and "Stop sharing". */
function sharingNotice(page: Page): Locator {
  return page.getByRole('status').filter({ hasText: 'You are presenting' });
}

/** Whether two boxes on screen overlap. */
async function overlap(a: Locator, b: Locator): Promise<boolean> {
  const [p, q] = [await a.boundingBox(), await b.boundingBox()];
  if (!p || !q) return false;
  return p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height;
}

/** Area of an element on screen (0 when not laid out). */
async function area(view: Locator): Promise<number> {
  const box = await view.boundingBox();
  return box ? box.width * box.height : 0;
}

/** The accessible names of the page's visible groups (tiles and screens), largest first. */
async function groupsBySize(page: Page): Promise<string[]> {
  // One pass in the page: a locator round trip per group is slow on a loaded machine.
  return page.evaluate(() =>
    [...document.querySelectorAll('[role="group"]')]
      .map((el) => {
        const r = el.getBoundingClientRect();
        return [el.getAttribute('aria-label') ?? '', r.width * r.height] as const;
      })
      .filter(([, size]) => size > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([name]) => name),
  );
}

/** Ann and Bob in a call, Bob decoding Ann's camera. */
async function twoInACall(people: PersonMaker, url: string, room: string) {
  const [ann, bob] = await callWith(people, url, room, ['Ann', 'Bob']);
  await waitForInboundVideo(bob.page, { minFrames: 10 });
  return { ann, bob };
}

test('share screen: the other side receives 1280x720 and shows it large beside the camera; stop: camera only', async ({
  server,
  room,
  people,
}) => {
  const { ann, bob } = await twoInACall(people, server.url, room);
  const share = control(ann.page, 'Share screen');
  await expect(share).toHaveAttribute('aria-pressed', 'false');
  await expect(screenOf(bob.page, 'Ann')).toHaveCount(0);

  await share.click();
  await expect(share).toHaveAttribute('aria-pressed', 'true');
  await expect(sharingNotice(ann.page)).toBeVisible();

  // Bob: Ann's screen arrives at the fake screen's 1280x720 and plays in the large view.
  const annScreen = screenOf(bob.page, 'Ann');
  await expect(annScreen).toBeVisible();
  await waitForViewSize(bob.page, annScreen, 1280, 720);
  await expectVideoElementPlaying(annScreen.locator('video'));
  expect(await annScreen.locator('video').evaluate((v: HTMLVideoElement) => v.videoWidth)).toBe(
    1280,
  );

  // The camera stays: Ann's tile still plays her camera, on another track, yielding its
  // bandwidth to the screen (adaptive sending scales it below its 640x480 while she shares).
  const annTile = tileOf(bob.page, 'Ann');
  await expectVideoPlaying(annTile);
  const [cameraWidth = 0, cameraHeight = 0] = (await inboundOf(bob.page, annTile)).size
    .split('x')
    .map(Number);
  expect(cameraWidth).toBeGreaterThan(0);
  expect(cameraWidth).toBeLessThanOrEqual(640);
  expect(cameraWidth / cameraHeight).toBeCloseTo(640 / 480, 1);

  // The screen is the largest thing on Bob's page, by far.
  expect((await groupsBySize(bob.page))[0]).toBe("Ann's screen");
  expect(await area(annScreen)).toBeGreaterThan(3 * (await area(annTile)));

  // Ann, the sharer, never sees her own screen large (a whole-screen share would mirror itself
  // without end): Bob stays the largest, her screen is a small playing preview in the bar, and
  // the bar covers neither her own tile nor Bob's.
  const preview = sharingNotice(ann.page).getByRole('group', { name: 'Your screen' });
  await expectVideoElementPlaying(preview.locator('video'));
  expect((await groupsBySize(ann.page))[0]).toBe('Bob');
  await expect(ann.page.getByRole('region', { name: 'Shared screen' })).toHaveCount(0);
  expect(await area(preview)).toBeLessThan((await area(tileOf(ann.page, 'Bob'))) / 10);
  for (const tile of [tileOf(ann.page, 'Ann (you)'), tileOf(ann.page, 'Bob')]) {
    await expect(tile).toBeVisible();
    expect(await overlap(sharingNotice(ann.page), tile)).toBe(false);
  }

  // Stop from the notice: back to the camera only.
  await sharingNotice(ann.page).getByRole('button', { name: 'Stop sharing' }).click();
  await expect(share).toHaveAttribute('aria-pressed', 'false');
  await expect(sharingNotice(ann.page)).toHaveCount(0);
  await expect(annScreen).toHaveCount(0);
  await expect(bob.page.getByRole('group', { name: /screen/ })).toHaveCount(0);
  await expectVideoPlaying(annTile);
  // The camera gets its bandwidth back: its full 640x480 again.
  await expect
    .poll(async () => (await inboundOf(bob.page, annTile)).size, { timeout: 30_000 })
    .toBe('640x480');
  // No screen frames any more: the screen's inbound stream stopped decoding.
  const screenFrames = async (): Promise<number> => {
    const snaps = await peerStats(bob.page);
    return Math.max(
      0,
      ...snaps.flatMap((s) =>
        s.video.filter((v) => v.frameWidth === 1280).map((v) => v.framesDecoded),
      ),
    );
  };
  const before = await screenFrames();
  await expect
    .poll(async () => {
      const a = await screenFrames();
      await bob.page.waitForTimeout(1000);
      return (await screenFrames()) - a;
    })
    .toBe(0);
  expect(before).toBeGreaterThan(0);
});

/** Keeps the page's screen tracks on `window.__screenTracks` and can refuse the picker. */
function screenProbe(refuse: boolean): void {
  const md = navigator.mediaDevices;
  const native = md.getDisplayMedia.bind(md);
  const kept: MediaStreamTrack[] = [];
  (window as unknown as { __screenTracks: MediaStreamTrack[] }).__screenTracks = kept;
  md.getDisplayMedia = async (options?: DisplayMediaStreamOptions) => {
    if ((window as unknown as { __refuseScreen?: boolean }).__refuseScreen) {
      throw new DOMException('Permission denied', 'NotAllowedError');
    }
    const stream = await native(options);
    kept.push(...stream.getVideoTracks());
    return stream;
  };
  (window as unknown as { __refuseScreen?: boolean }).__refuseScreen = refuse;
}

test("the browser's own Stop sharing ends it; a closed picker is no error", async ({
  server,
  room,
  people,
}) => {
  const ann = await people.add('Ann');
  await ann.page.addInitScript(screenProbe, true);
  const [, bob] = await callWith(people, server.url, room, [ann, 'Bob']);
  const share = control(ann.page, 'Share screen');

  // The person closes the picker: no alert, not sharing, the call goes on.
  await share.click();
  await expect(share).toBeEnabled();
  await expect(share).toHaveAttribute('aria-pressed', 'false');
  await expect(ann.page.getByRole('alert')).toHaveCount(0);
  await expect(screenOf(bob.page, 'Ann')).toHaveCount(0);

  // Shares, then stops with the browser's own control (which ends the capture track).
  await ann.page.evaluate(() => {
    (window as unknown as { __refuseScreen?: boolean }).__refuseScreen = false;
  });
  await share.click();
  await expect(share).toHaveAttribute('aria-pressed', 'true');
  await expect(screenOf(bob.page, 'Ann')).toBeVisible();
  await ann.page.evaluate(() => {
    for (const track of (window as unknown as { __screenTracks: MediaStreamTrack[] })
      .__screenTracks) {
      track.stop();
      track.dispatchEvent(new Event('ended'));
    }
  });
  await expect(share).toHaveAttribute('aria-pressed', 'false');
  await expect(sharingNotice(ann.page)).toHaveCount(0);
  await expect(screenOf(bob.page, 'Ann')).toHaveCount(0);
  await expectVideoPlaying(tileOf(bob.page, 'Ann'));
});

test('two people share at once: the newest is large, the other a tile that can be shown large', async ({
  server,
  room,
  people,
}) => {
  const [ann, bob, cy] = await callWith(people, server.url, room, ['Ann', 'Bob', 'Cy']);
  await waitForInboundVideo(cy.page, { minFrames: 5, peers: 2, timeout: 20_000 });

  await control(ann.page, 'Share screen').click();
  await expect(screenOf(cy.page, 'Ann')).toBeVisible();
  await control(bob.page, 'Share screen').click();
  const annScreen = screenOf(cy.page, 'Ann');
  const bobScreen = screenOf(cy.page, 'Bob');
  await expect(bobScreen).toBeVisible();
  await expect(annScreen).toBeVisible();
  await expect(cy.page.getByText('2 screens are shared')).toBeVisible();
  await expect.poll(async () => (await groupsBySize(cy.page))[0]).toBe("Bob's screen");
  await expectVideoElementPlaying(bobScreen.locator('video'));
  await expectVideoElementPlaying(annScreen.locator('video'));

  // Cy picks Ann's screen.
  await annScreen.getByRole('button', { name: "Show Ann's screen large" }).click();
  await expect.poll(async () => (await groupsBySize(cy.page))[0]).toBe("Ann's screen");
  await expect(bobScreen.getByRole('button', { name: "Show Bob's screen large" })).toBeVisible();

  // Ann stops: Bob's is the only one, large.
  await control(ann.page, 'Share screen').click();
  await expect(annScreen).toHaveCount(0);
  await expect.poll(async () => (await groupsBySize(cy.page))[0]).toBe("Bob's screen");
  await expect(cy.page.getByText('2 screens are shared')).toHaveCount(0);
});

test('where the browser cannot share a screen (phones), there is no Share screen button', async ({
  server,
  room,
  people,
}) => {
  const phone = await people.add('Pat');
  await phone.page.addInitScript(() => {
    // As on phones: no getDisplayMedia at all.
    delete (MediaDevices.prototype as Partial<MediaDevices>).getDisplayMedia;
  });
  await joinCall(phone, server.url, room);
  await expect(control(phone.page, 'Camera')).toBeVisible();
  await expect(control(phone.page, 'Share screen')).toHaveCount(0);
});
