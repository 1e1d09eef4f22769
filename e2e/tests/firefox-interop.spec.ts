/**
 * Issue 8, Firefox: Debian's Firefox ESR (WebDriver BiDi through puppeteer-core) and Chromium
 * (Playwright) in one call, each way round: whoever joins second offers, so "Firefox calls
 * Chromium" and "Chromium calls Firefox" exercise both browsers as offerer and answerer. Media
 * both ways (getStats on both sides), chat both ways, mic and camera toggles seen on the other
 * side, and a screen shared from Chromium arriving in Firefox at 1280x720.
 *
 * One Firefox for the whole file (a launch costs ~2.5 s); each test gets a fresh context in it.
 */
import { test, expect } from '../support/fixtures.js';
import { probe, recordingNotice } from '../support/recording.js';
import {
  chatMessages,
  control,
  expectVideoPlaying,
  joinCall,
  openVerification,
  sendChat,
  tileOf,
  tiles,
  type Person,
} from '../support/app.js';
import {
  statsPage,
  keepBlobs,
  lastBlob,
  stubDisplayMedia,
  STUB_SCREEN,
  type FirefoxPerson,
} from '../support/firefox.js';
import { useFirefox } from '../support/firefox-suite.js';
import {
  chatMessagesInFirefox,
  expectTileShows,
  expectTilesInFirefox,
  expectVideoPlayingInFirefox,
  joinCallInFirefox,
  openLobbyInFirefox,
  aria,
  expectCount,
  openChatInFirefox,
  controlSelector,
  waitVisible,
  sendChatInFirefox,
  toggleControl,
  tileAttribute,
  tileAudioInFirefox,
  verificationCodeInFirefox,
} from '../support/firefox-app.js';
import type { Page, TestInfo } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import {
  connected,
  MEDIA_TIMEOUT_MS,
  peerStats,
  signalingHistory,
  waitForAudioEnergyRising,
  waitForInboundAudioBytes,
  waitForInboundSilence,
  waitForInboundVideo,
  waitForVideoFramesRising,
} from '../support/stats.js';

// Each test runs a whole call in two browser engines and toggles everything both ways; on a
// loaded 2-core machine that takes longer than the default 90 s.
test.describe.configure({ timeout: 240_000 });

const addFox = useFirefox();

/**
 * Waits until an inbound video stream of `page` of exactly `width`x`height` decodes more frames
 * than at the previous poll (a screen beside a camera: sizes tell the streams apart).
 */
async function waitForInboundStreamOfSize(
  page: Page,
  width: number,
  height: number,
): Promise<void> {
  let previous = new Map<string, number>();
  await expect(async () => {
    const streams = connected(await peerStats(page)).flatMap((s) =>
      s.video.map((v) => ({ key: `${s.index}/${v.trackIdentifier}`, ...v })),
    );
    const now = new Map(streams.map((v) => [v.key, v.framesDecoded]));
    const rising = streams.some(
      (v) =>
        v.frameWidth === width &&
        v.frameHeight === height &&
        v.framesDecoded > (previous.get(v.key) ?? Infinity),
    );
    previous = now;
    expect(
      rising,
      `a ${width}x${height} stream decoding: ${JSON.stringify(
        streams.map((v) => `${v.frameWidth}x${v.frameHeight} ${v.framesDecoded}f`),
      )}`,
    ).toBe(true);
  }).toPass({ timeout: MEDIA_TIMEOUT_MS, intervals: [300, 500, 500, 700] });
}

/** Both see two tiles and the other's video playing; getStats shows video and audio arriving. */
async function expectMediaBothWays(cro: Person, fox: FirefoxPerson): Promise<void> {
  await expect(tiles(cro.page)).toHaveCount(2);
  await expectTilesInFirefox(fox.page, [cro.name, `${fox.name} (you)`]);

  // Chromium receives Firefox: frames decoded at a real size, audio bytes and sound rising.
  await expectVideoPlaying(tileOf(cro.page, fox.name));
  await waitForInboundVideo(cro.page, { minFrames: 20 });
  await waitForInboundAudioBytes(cro.page);
  await waitForAudioEnergyRising(cro.page);

  // Firefox receives Chromium: the same, read from Firefox's own getStats().
  const foxStats = statsPage(fox.page);
  const size = await expectVideoPlayingInFirefox(fox.page, cro.name);
  // Chromium's fake camera is 640x480: WebRTC may scale it down but keeps its shape.
  expect(size.width / size.height).toBeCloseTo(640 / 480, 1);
  const snaps = await waitForInboundVideo(foxStats, { minFrames: 20 });
  expect(snaps[0]!.video[0]!.frameWidth, 'frameWidth in Firefox stats').toBeGreaterThan(0);
  await waitForInboundAudioBytes(foxStats);
  // ...and plays it out loud: the tile's element plays unmuted with the live audio track.
  await expect
    .poll(() => tileAudioInFirefox(fox.page, cro.name), { message: 'Cro heard in Firefox' })
    .toEqual({ playing: true, muted: false, volume: 1, liveAudioTracks: 1 });

  // Sound, not silence, in Firefox's own stats.
  await waitForAudioEnergyRising(foxStats);

  // Speaking rings: Chromium hears Firefox speak (the audio level Firefox puts on its packets);
  // Firefox reads its own mic (WebAudio). Not Chromium's voice in Firefox: Chromium's noise
  // suppression turns the steady test tone down to about -40 dBFS, under the speaking threshold.
  await expect(tileOf(cro.page, fox.name)).toHaveAttribute('data-speaking', 'true');
  await expect
    .poll(() => tileAttribute(fox.page, `${fox.name} (you)`, 'data-speaking'), {
      message: 'own speaking ring in Firefox',
    })
    .toBe('true');

  // Both read the same verification code (Firefox puts its fingerprint at session level,
  // Chromium on each m-line).
  const foxCode = await verificationCodeInFirefox(fox.page, cro.name);
  const { code: croCode } = await openVerification(cro.page, fox.name);
  await expect(croCode).toContainText(foxCode);
}

/** Each writes, the other reads it under the right author. */
async function expectChatBothWays(cro: Person, fox: FirefoxPerson): Promise<void> {
  await sendChat(cro.page, 'Hello from Chromium');
  // Firefox's chat panel is closed: the Chat button counts the unread message.
  await waitVisible(fox.page, controlSelector('Chat, 1 unread'));
  await openChatInFirefox(fox.page);
  await expect
    .poll(() => chatMessagesInFirefox(fox.page), { message: 'Firefox chat log' })
    .toContainEqual({ author: cro.name, text: expect.stringContaining('Hello from Chromium') });

  await sendChatInFirefox(fox.page, 'Hello from Firefox');
  await expect(
    chatMessages(cro.page).filter({ hasText: 'Hello from Firefox' }),
  ).toHaveAccessibleName(fox.name);
  await expect
    .poll(() => chatMessagesInFirefox(fox.page), { message: 'own message in Firefox' })
    .toContainEqual({ author: fox.name, text: expect.stringContaining('Hello from Firefox') });
}

/** Firefox's mic and camera toggles as Chromium sees them, and Chromium's as Firefox sees them. */
async function expectTogglesBothWays(cro: Person, fox: FirefoxPerson): Promise<void> {
  // Firefox -> Chromium: muted icon and silence, then sound again.
  const foxOnCro = tileOf(cro.page, fox.name);
  await toggleControl(fox.page, 'Microphone', false);
  await expect(foxOnCro.getByRole('img', { name: 'Microphone off' })).toBeVisible();
  await waitForInboundSilence(cro.page);
  await toggleControl(fox.page, 'Microphone', true);
  await expect(foxOnCro.getByRole('img', { name: 'Microphone off' })).toHaveCount(0);
  await waitForAudioEnergyRising(cro.page);

  // Firefox camera off -> avatar on Chromium; on -> frames flowing again.
  await toggleControl(fox.page, 'Camera', false);
  await expect(foxOnCro.getByRole('img', { name: 'Camera off' })).toBeVisible();
  await toggleControl(fox.page, 'Camera', true);
  await expect(foxOnCro.getByRole('img', { name: 'Camera off' })).toHaveCount(0);
  await waitForVideoFramesRising(cro.page);
  await expectVideoPlaying(foxOnCro);

  // Chromium -> Firefox.
  const foxStats = statsPage(fox.page);
  const mic = control(cro.page, 'Microphone');
  await mic.click();
  await expect(mic).toHaveAttribute('aria-pressed', 'false');
  await expectTileShows(fox.page, cro.name, 'Microphone off', true);
  await waitForInboundSilence(foxStats);
  await mic.click();
  await expect(mic).toHaveAttribute('aria-pressed', 'true');
  await expectTileShows(fox.page, cro.name, 'Microphone off', false);
  await waitForAudioEnergyRising(foxStats);

  const camera = control(cro.page, 'Camera');
  await camera.click();
  await expect(camera).toHaveAttribute('aria-pressed', 'false');
  await expectTileShows(fox.page, cro.name, 'Camera off', true);
  await camera.click();
  await expect(camera).toHaveAttribute('aria-pressed', 'true');
  await expectTileShows(fox.page, cro.name, 'Camera off', false);
  await waitForVideoFramesRising(foxStats);
  await expectVideoPlayingInFirefox(fox.page, cro.name);
}

/** The texts of every `role="status"` of a Firefox page. */
async function statusTextsInFirefox(fox: FirefoxPerson): Promise<string[]> {
  const all = await fox.page.$$(aria('status'));
  return Promise.all(all.map((h) => h.evaluate((el) => el.textContent ?? '')));
}

/**
 * Firefox records the call for ~3 s: Chromium is told, and the saved file is VP8 + Opus with
 * its real duration in the header (Firefox's MediaRecorder writes its header differently).
 */
async function expectFirefoxRecording(
  cro: Person,
  fox: FirefoxPerson,
  testInfo: TestInfo,
): Promise<void> {
  await (await waitVisible(fox.page, controlSelector('Record'))).click();
  await expect(recordingNotice(cro.page, fox.name)).toBeVisible();
  await expect
    .poll(
      async () => {
        const line = (await statusTextsInFirefox(fox)).find((t) => t.includes('You are recording'));
        const m = /(\d+):(\d{2})\s*$/.exec(line ?? '');
        return m ? Number(m[1]) * 60 + Number(m[2]) : -1;
      },
      { timeout: 20_000, message: 'recording timer in Firefox' },
    )
    .toBeGreaterThanOrEqual(3);
  await (await waitVisible(fox.page, controlSelector('Stop recording'))).click();
  await waitVisible(fox.page, controlSelector('Record'));
  await waitVisible(fox.page, aria('group', 'Recording saved'));
  await expect(recordingNotice(cro.page, fox.name)).toHaveCount(0);

  const file = await lastBlob(fox, 'video/webm');
  expect(file, 'a WebM file offered for download').toBeDefined();
  const path = testInfo.outputPath('firefox-recording.webm');
  await writeFile(path, file!.bytes);
  await testInfo.attach('firefox-recording.webm', { path, contentType: 'video/webm' });
  const probed = await probe(path);
  expect(probed.streams.map((st) => st.codec).sort()).toEqual(['opus', 'vp8']);
  expect(probed.durationSec, 'duration in the header').toBeGreaterThanOrEqual(2.5);
  expect(probed.durationSec).toBeLessThan(30);
}

test('Firefox calls Chromium: media, chat and toggles both ways', async ({
  server,
  room,
  people,
}) => {
  const cro = await people.add('Cro');
  await joinCall(cro, server.url, room);
  const fox = await addFox('Fox');
  // The lobby in Firefox: a live camera preview (fake camera: 1280x720, as the app asks).
  await openLobbyInFirefox(fox, server.url, room);
  expect(
    await expectVideoPlayingInFirefox(fox.page, 'Camera preview', aria('main') + ' video'),
  ).toEqual({ width: 1280, height: 720 });
  await joinCallInFirefox(fox, server.url, room, { lobbyOpen: true });

  await expectMediaBothWays(cro, fox);
  // The newcomer (Firefox) offered; Chromium answered.
  expect((await signalingHistory(statsPage(fox.page)))[0]?.[0]).toBe('have-local-offer');
  expect((await signalingHistory(cro.page))[0]?.[0]).toBe('have-remote-offer');

  await expectChatBothWays(cro, fox);
  await expectTogglesBothWays(cro, fox);
});

test('Chromium calls Firefox: media, chat, toggles both ways and a recording made in Firefox', async ({
  server,
  room,
  people,
}, testInfo) => {
  const fox = await addFox('Fox');
  await keepBlobs(fox);
  await joinCallInFirefox(fox, server.url, room);
  const cro = await people.add('Cro');
  await joinCall(cro, server.url, room);

  await expectMediaBothWays(cro, fox);
  // The newcomer (Chromium) offered; Firefox answered.
  expect((await signalingHistory(cro.page))[0]?.[0]).toBe('have-local-offer');
  expect((await signalingHistory(statsPage(fox.page)))[0]?.[0]).toBe('have-remote-offer');

  await expectChatBothWays(cro, fox);
  await expectTogglesBothWays(cro, fox);
  await expectFirefoxRecording(cro, fox, testInfo);
});

test('a screen shared from Chromium arrives in Firefox at 1280x720, and one shared from Firefox in Chromium', async ({
  server,
  room,
  people,
}) => {
  const cro = await people.add('Cro');
  await joinCall(cro, server.url, room);
  const fox = await addFox('Fox');
  await stubDisplayMedia(fox);
  await joinCallInFirefox(fox, server.url, room);
  const foxStats = statsPage(fox.page);
  await waitForInboundVideo(foxStats);
  await waitForInboundVideo(cro.page);

  // Chromium shares its (fake 1280x720) screen: Firefox shows it large and decodes it full size.
  const share = control(cro.page, 'Share screen');
  await share.click();
  await expect(share).toHaveAttribute('aria-pressed', 'true');
  const croScreen = `${aria('region', 'Shared screen')} ${aria('group', `${cro.name}'s screen`)}`;
  await waitVisible(fox.page, croScreen);
  await waitForInboundStreamOfSize(foxStats, 1280, 720);
  expect(
    await expectVideoPlayingInFirefox(fox.page, `${cro.name}'s screen`, `${croScreen} video`),
  ).toEqual({
    width: 1280,
    height: 720,
  });
  // The camera goes on beside it.
  await expectVideoPlayingInFirefox(fox.page, cro.name);

  await share.click();
  await expect(share).toHaveAttribute('aria-pressed', 'false');
  await expectCount(fox.page, croScreen, 0);

  // Firefox shares (a canvas stands in for the screen headless Firefox does not have).
  await toggleControl(fox.page, 'Share screen', true);
  const foxScreen = cro.page
    .getByRole('region', { name: 'Shared screen' })
    .getByRole('group', { name: `${fox.name}'s screen` });
  await expectVideoPlaying(foxScreen);
  await waitForInboundStreamOfSize(cro.page, STUB_SCREEN.width, STUB_SCREEN.height);
  await toggleControl(fox.page, 'Share screen', false);
  await expect(foxScreen).toHaveCount(0);
});
