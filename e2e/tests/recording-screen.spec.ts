/**
 * Issue 4: what a recording SHOWS while someone shares a screen. Bob's shared screen is solid
 * magenta and both cameras are solid green, so every frame of Ann's recording tells by colour
 * whether it shows the screen (large, most of the picture) or the camera tiles.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect } from '../support/fixtures.js';
import { control, expectVideoPlaying, joinCall, tileOf } from '../support/app.js';
import { fakeMedia, launchWithMedia } from '../support/media.js';
import {
  probe,
  recordControl,
  recordingNotice,
  saveDownload,
  waitForRecordedSeconds,
} from '../support/recording.js';
import {
  MAGENTA,
  colourShare,
  isColour,
  pixelAt,
  runsOf,
  sampleFrames,
  solidColourScreen,
  type Rgb,
  type SampledFrame,
} from '../support/recording-picture.js';

/** The fake cameras' colour, as ffmpeg writes `0x00b000` into a yuv420p file. */
const GREEN: Rgb = { r: 0, g: 176, b: 0 };
/** How many frames per second of the file are looked at. */
const SAMPLE_FPS = 2;
/** How long Bob shares, and how long the recording runs on after, ms. */
const SHARE_MS = 3000;
const AFTER_MS = 3000;
/** How far the screen's span in the file may differ from what Ann's page showed, s. */
const SPAN_MARGIN_SEC = 1.5;

/** The screen large: most of the picture and its centre are the screen's colour. */
function showsScreen(frame: SampledFrame): boolean {
  const cx = Math.floor(frame.width / 2);
  const cy = Math.floor(frame.height / 2);
  const centre = [pixelAt(frame, cx - 1, cy - 1), pixelAt(frame, cx, cy - 1)].concat([
    pixelAt(frame, cx - 1, cy),
    pixelAt(frame, cx, cy),
  ]);
  return colourShare(frame, MAGENTA) >= 0.4 && centre.every((p) => isColour(p, MAGENTA));
}

/** The camera tiles fill the picture: a good part of it is camera green, none is the screen. */
function showsTiles(frame: SampledFrame): boolean {
  return colourShare(frame, GREEN) >= 0.3 && colourShare(frame, MAGENTA) < 0.02;
}

/** Per-frame summary for failure messages: time, % magenta, % green. */
function timelineOf(frames: readonly SampledFrame[]): string {
  return frames
    .map(
      (f) =>
        `${f.timeSec.toFixed(1)}s m${Math.round(100 * colourShare(f, MAGENTA))} g${Math.round(100 * colourShare(f, GREEN))}`,
    )
    .join(', ');
}

/**
 * Moments on Ann's own page clock, ms (`performance.now()`): her Record button turned pressed
 * (the recorder runs), the first picture of another person's shared screen was shown on her page
 * (the tile comes first, and on a busy machine the first frame seconds later), and the screen
 * went away. Read in the page because on a busy machine the test's own round trips to it can
 * take seconds.
 */
interface PageMoments {
  recording?: number;
  shown?: number;
  gone?: number;
}

const MOMENTS = '__recordingScreenMoments';

/** Starts noting {@link PageMoments} on `page`, for the Record button `record`. */
async function noteMoments(page: Page, record: Locator): Promise<void> {
  const button = await record.elementHandle();
  await page.evaluate(
    ({ button: recordButton, key }) => {
      const moments: PageMoments = {};
      let watched = false;
      (window as unknown as Record<string, PageMoments>)[key] = moments;
      const note = (): void => {
        const now = performance.now();
        if (
          moments.recording === undefined &&
          recordButton?.textContent?.includes('Stop recording') === true
        )
          moments.recording = now;
        const screen = document.querySelector('[data-screen-of]:not([data-screen-of="self"])');
        const video = screen?.querySelector('video');
        if (video && !watched) {
          watched = true;
          video.requestVideoFrameCallback(() => (moments.shown ??= performance.now()));
        }
        if (!screen && watched && moments.gone === undefined) moments.gone = now;
      };
      new MutationObserver(note).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['aria-pressed'],
      });
    },
    { button, key: MOMENTS },
  );
}

/** The {@link PageMoments} noted so far. */
function momentsOf(page: Page): Promise<PageMoments> {
  return page.evaluate(
    (key) => ({ ...(window as unknown as Record<string, PageMoments>)[key] }),
    MOMENTS,
  );
}

test('a recording shows the shared screen large while it is shared, then the camera tiles again', async ({
  server,
  room,
  people,
}, testInfo) => {
  // Both in one browser whose fake camera is solid green (nothing magenta anywhere).
  const browser = people.own(
    await launchWithMedia(await fakeMedia({ video: 'color=c=0x00b000', width: 640, height: 480 })),
  );
  const ann = await people.add('Ann', { browser });
  const bob = await people.add('Bob', { browser });
  // Small: its colour is what counts, and a busy machine encodes and decodes it sooner.
  await solidColourScreen(bob.page, MAGENTA, { width: 640, height: 360 });
  await joinCall(ann, server.url, room);
  await joinCall(bob, server.url, room);
  await expectVideoPlaying(tileOf(ann.page, 'Bob'));
  await expectVideoPlaying(tileOf(ann.page, 'Ann (you)'));

  const record = recordControl(ann.page);
  await noteMoments(ann.page, record);
  await record.click();
  await expect(record).toHaveAccessibleName('Stop recording');
  const recordingAt = Date.now();
  await expect(recordingNotice(bob.page, 'Ann')).toBeVisible();
  // Tiles only for a while first, so the file starts with the people.
  await waitForRecordedSeconds(ann.page, 2);

  const share = control(bob.page, 'Share screen');
  await share.click();
  await expect(share).toHaveAttribute('aria-pressed', 'true');
  const bobScreen = ann.page.getByRole('group', { name: "Bob's screen", exact: true });
  await expect(bobScreen).toBeVisible();
  // A picture is there. Not "time moving on": Chromium sends a still screen at zero hertz (no
  // frame while nothing changes), and this one is a single colour.
  await expect
    .poll(() => bobScreen.locator('video').evaluate((v: HTMLVideoElement) => v.videoWidth), {
      message: "Bob's screen decoded on Ann's page",
      timeout: 15_000,
    })
    .toBeGreaterThan(0);
  // The span being recorded: the screen on Ann's page for SHARE_MS.
  await ann.page.waitForTimeout(SHARE_MS);

  await share.click();
  await expect(share).toHaveAttribute('aria-pressed', 'false');
  await expect(bobScreen).toHaveCount(0);
  await expectVideoPlaying(tileOf(ann.page, 'Bob'));
  // The span being recorded: the tiles again, for AFTER_MS.
  await ann.page.waitForTimeout(AFTER_MS);

  const downloading = ann.page.waitForEvent('download');
  await record.click();
  const recordedSec = (Date.now() - recordingAt) / 1000;
  const file = await saveDownload(await downloading, testInfo);

  const probed = await probe(file);
  expect(probed.streams.map((s) => s.type).sort()).toEqual(['audio', 'video']);
  expect(probed.durationSec, 'duration in the header').toBeDefined();
  expect(Math.abs(probed.durationSec! - recordedSec) / recordedSec).toBeLessThan(0.2);

  const frames = await sampleFrames(file, { fps: SAMPLE_FPS });
  const timeline = timelineOf(frames);
  await testInfo.attach('frames.txt', { body: timeline });
  expect(frames.length, 'sampled frames').toBeGreaterThanOrEqual(
    Math.floor(recordedSec * SAMPLE_FPS * 0.8),
  );

  // Exactly one stretch shows the screen large, about as long as Ann's page showed it.
  const screenRuns = runsOf(frames, showsScreen);
  expect(screenRuns, `one span with the screen large; frames: ${timeline}`).toHaveLength(1);
  const span = screenRuns[0]!;
  const spanSec = (span.last - span.first + 1) / SAMPLE_FPS;
  const moments = await momentsOf(ann.page);
  expect(moments, "moments noted on Ann's page").toEqual({
    recording: expect.any(Number),
    shown: expect.any(Number),
    gone: expect.any(Number),
  });
  const sharedSec = (moments.gone! - moments.shown!) / 1000;
  const startSec = span.first / SAMPLE_FPS;
  const shownSec = (moments.shown! - moments.recording!) / 1000;
  await testInfo.attach('span.json', {
    body: JSON.stringify({ spanSec, sharedSec, startSec, shownSec, recordedSec, moments, probed }),
    contentType: 'application/json',
  });
  expect(Math.abs(spanSec - sharedSec), `span ${spanSec}s vs shared ${sharedSec}s`).toBeLessThan(
    SPAN_MARGIN_SEC,
  );
  // ...and where the share was on the recording's clock.
  expect(
    Math.abs(startSec - shownSec),
    `span starts ${startSec}s vs shown ${shownSec}s`,
  ).toBeLessThan(SPAN_MARGIN_SEC);
  // The people are still there beside the screen (a strip of green tiles).
  const middle = frames[Math.floor((span.first + span.last) / 2)]!;
  expect(colourShare(middle, GREEN), 'camera tiles beside the screen').toBeGreaterThan(0.03);

  // Before and after: no trace of the screen (a frame at a layout change may carry a few
  // blended blocks; the screen anywhere in the picture is far more than 2 %), and the camera
  // tiles fill the picture again.
  const before = frames.slice(0, span.first);
  const after = frames.slice(span.last + 1);
  for (const frame of [...before, ...after]) {
    expect(colourShare(frame, MAGENTA), `no screen at ${frame.timeSec}s; ${timeline}`).toBeLessThan(
      0.02,
    );
  }
  expect(before.filter(showsTiles).length, `tiles before sharing; ${timeline}`).toBeGreaterThan(0);
  expect(
    after.filter(showsTiles).length,
    `tiles after sharing; ${timeline}`,
  ).toBeGreaterThanOrEqual(Math.floor((AFTER_MS / 1000) * SAMPLE_FPS * 0.5));
  expect(showsTiles(frames.at(-1)!), `the last frame shows the tiles; ${timeline}`).toBe(true);
});
