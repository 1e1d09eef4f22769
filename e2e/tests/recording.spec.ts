/**
 * Issue 4, E2E 2 and 3: whole-call recording in real Chromium with fake camera and microphone.
 * Each person's browser plays its own tone (Ann 440 Hz, Bob 1320 Hz), so the file proves that
 * both the local and the remote voice are in the mix.
 */
import { test, expect } from '../support/fixtures.js';
import { control, expectVideoPlaying, joinCall, tileOf } from '../support/app.js';
import { fakeMedia, launchWithMedia } from '../support/media.js';
import {
  expectRecordingFileName,
  lastPacketSec,
  meanVolumeDb,
  ownRecordingStatus,
  probe,
  recordControl,
  recordingNotice,
  recoveredOffer,
  saveDownload,
  storedRecordings,
  waitForRecordedSeconds,
  waitForStoredSeconds,
} from '../support/recording.js';
import type { People } from '../support/fixtures.js';

const ANN_TONE_HZ = 440;
const BOB_TONE_HZ = 1320;

/**
 * Ann and Bob in a call, seeing each other. With `ownTones`, each has a browser of their own
 * whose fake camera and microphone play their own picture and tone; otherwise both share the
 * worker's browser (lighter, for tests that do not tell the voices apart).
 */
async function twoPeopleInACall(people: People, url: string, room: string, ownTones = false) {
  const browserWith = async (video: string, toneHz: number) =>
    ownTones
      ? { browser: people.own(await launchWithMedia(await fakeMedia({ video, toneHz }))) }
      : {};
  const ann = await people.add('Ann', await browserWith('smptebars', ANN_TONE_HZ));
  const bob = await people.add('Bob', await browserWith('testsrc', BOB_TONE_HZ));
  await joinCall(ann, url, room);
  await joinCall(bob, url, room);
  await expectVideoPlaying(tileOf(ann.page, 'Bob'));
  await expectVideoPlaying(tileOf(bob.page, 'Ann'));
  return { ann, bob };
}

test('record a two-person call: a seekable file with both voices, and the other side is told', async ({
  server,
  room,
  people,
}, testInfo) => {
  const { ann, bob } = await twoPeopleInACall(people, server.url, room, true);
  const record = recordControl(ann.page);
  await expect(record).toHaveAccessibleName('Record');

  await record.click();
  // While recording it says what a click does, red with its timer.
  await expect(record).toHaveAccessibleName('Stop recording');
  const startedAt = Date.now();
  // Consent: Bob is told who records, for as long as it lasts.
  await expect(recordingNotice(bob.page, 'Ann')).toBeVisible();

  // Record at least 3 s, by the app's own timer.
  await waitForRecordedSeconds(ann.page, 3);
  const downloading = ann.page.waitForEvent('download');
  await record.click();
  const recordedSec = (Date.now() - startedAt) / 1000;
  const download = await downloading;
  await expect(record).toHaveAccessibleName('Record');
  await expect(recordingNotice(bob.page, 'Ann')).toHaveCount(0);
  await expect(ownRecordingStatus(ann.page)).toHaveCount(0);

  expectRecordingFileName(download.suggestedFilename(), room);
  const file = await saveDownload(download, testInfo);
  const probed = await probe(file);
  expect(probed.streams.map((s) => s.type).sort()).toEqual(['audio', 'video']);
  // Seekable: the duration is in the header, and it is the time that was recorded.
  expect(probed.durationSec, 'duration in the header').toBeDefined();
  expect(Math.abs(probed.durationSec! - recordedSec) / recordedSec).toBeLessThan(0.2);
  // Not silent, and both voices are there: Ann's own (local) and Bob's (remote).
  expect(await meanVolumeDb(file)).toBeGreaterThan(-50);
  const annVoice = await meanVolumeDb(file, ANN_TONE_HZ);
  const bobVoice = await meanVolumeDb(file, BOB_TONE_HZ);
  const between = await meanVolumeDb(file, 3000);
  expect(annVoice, 'local voice (440 Hz)').toBeGreaterThan(-50);
  expect(bobVoice, 'remote voice (1320 Hz)').toBeGreaterThan(-50);
  // A band where neither tone is stays far quieter: the check can fail.
  expect(between).toBeLessThan(Math.min(annVoice, bobVoice) - 15);
});

test('a reload during a recording: the next visit offers the recovered file, then deletes it', async ({
  server,
  room,
  people,
}, testInfo) => {
  const { ann, bob } = await twoPeopleInACall(people, server.url, room);
  const record = recordControl(ann.page);
  await record.click();
  await expect(recordingNotice(bob.page, 'Ann')).toBeVisible();
  await waitForRecordedSeconds(ann.page, 3);
  // What a crash can keep is what reached IndexedDB; a chunk still being written is lost.
  await waitForStoredSeconds(ann.page, 3);

  await ann.page.reload();
  const offer = recoveredOffer(ann.page);
  await expect(offer).toBeVisible();
  await expect(offer).toContainText(room);
  const downloading = ann.page.waitForEvent('download');
  await offer.getByRole('button', { name: 'Download' }).click();
  const download = await downloading;
  await expect(offer).toHaveCount(0);

  expectRecordingFileName(download.suggestedFilename(), room);
  const file = await saveDownload(download, testInfo);
  const probed = await probe(file);
  expect(probed.streams.map((s) => s.type).sort()).toEqual(['audio', 'video']);
  // Seekable: the header holds the real length of what was kept. The stored chunks cover 3 s of
  // wall time; on a loaded machine the encoder runs up to about a second behind it.
  expect(probed.durationSec, 'duration in the header').toBeGreaterThan(1.5);
  expect(Math.abs(probed.durationSec! - (await lastPacketSec(file)))).toBeLessThan(0.1);

  // Deleted once downloaded: nothing is left in the browser's storage to offer again.
  expect(await storedRecordings(ann.page)).toEqual({ recordings: 0, chunks: 0 });
  // Ann's interrupted session is gone for Bob, and with it her recording notice.
  await expect(recordingNotice(bob.page, 'Ann')).toHaveCount(0);
});

test('leaving the call stops the recording and downloads what was recorded', async ({
  server,
  room,
  people,
}, testInfo) => {
  const { ann, bob } = await twoPeopleInACall(people, server.url, room);
  await recordControl(ann.page).click();
  await expect(recordingNotice(bob.page, 'Ann')).toBeVisible();
  await waitForRecordedSeconds(ann.page, 2);

  const downloading = ann.page.waitForEvent('download');
  await control(ann.page, 'Leave call').click();
  const download = await downloading;
  await expect(recordingNotice(bob.page, 'Ann')).toHaveCount(0);

  expectRecordingFileName(download.suggestedFilename(), room);
  const probed = await probe(await saveDownload(download, testInfo));
  expect(probed.streams.map((s) => s.type).sort()).toEqual(['audio', 'video']);
  expect(probed.durationSec, 'duration in the header').toBeGreaterThan(1.5);
  // A finished recording leaves nothing behind to be offered as "recovered".
  expect(await storedRecordings(ann.page)).toEqual({ recordings: 0, chunks: 0 });
});
