/**
 * Issue 17, lobby checks: the microphone level meter moves with the fake microphone's tone; a
 * microphone that delivers only silence (a fake one fed a silent file) is called out, in English
 * and Russian; the 5-second microphone test records, then plays back.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test, expect } from '../support/fixtures.js';
import { UI_TIMEOUT_MS, openLobby, openLobbyOptions, roomUrl } from '../support/app.js';
import { MEDIA_CACHE_DIR } from '../support/media-files.js';
import { fakeMedia, launchWithMedia } from '../support/media.js';

const run = promisify(execFile);

/** Fake media whose microphone delivers digital silence. */
async function silentMicFiles() {
  const files = await fakeMedia();
  const audio = join(MEDIA_CACHE_DIR, 'silence-48k.wav');
  if (!existsSync(audio)) {
    await mkdir(MEDIA_CACHE_DIR, { recursive: true });
    const partial = `${audio}.${process.pid}.part.wav`;
    const args = ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=mono'];
    await run('ffmpeg', [...args, '-t', '2', partial]);
    await rename(partial, audio);
  }
  return { ...files, audio };
}

test('lobby: the level meter follows the microphone, and the 5-second test records then plays back', async ({
  server,
  room,
  people,
}) => {
  test.setTimeout(60_000);
  const ann = await people.add('Ann');
  await openLobby(ann, server.url, room);
  await openLobbyOptions(ann.page);
  const meter = ann.page.getByRole('meter', { name: 'Microphone level' });
  await expect
    .poll(() => meter.evaluate((m) => (m as HTMLMeterElement).value), { timeout: UI_TIMEOUT_MS })
    .toBeGreaterThan(0.1);
  // A steady tone is neither silent nor clipping.
  await expect(ann.page.getByText('sends no sound')).toHaveCount(0);

  const testButton = ann.page.getByRole('button', { name: 'Test microphone (5 seconds)' });
  await testButton.click();
  await expect(ann.page.getByText('Recording… say something.')).toBeVisible();
  await expect(testButton).toBeDisabled();
  await expect(ann.page.getByText('Playing back what you said.')).toBeVisible({ timeout: 10_000 });
  // What plays back is the recording (a blob of this page), playing.
  const played = await ann.page.locator('audio.echo-test__audio').evaluate((a) => {
    const audio = a as HTMLAudioElement;
    return { blob: audio.src.startsWith('blob:'), playing: !audio.paused, ready: audio.readyState };
  });
  expect(played).toMatchObject({ blob: true, playing: true });
  expect(played.ready).toBeGreaterThanOrEqual(2);
  await expect(testButton).toBeEnabled({ timeout: 15_000 });
});

test('lobby: a microphone that delivers only silence is called out, in English and Russian', async ({
  server,
  room,
  people,
}) => {
  test.setTimeout(60_000);
  const silent = people.own(await launchWithMedia(await silentMicFiles()));
  const ann = await people.add('Ann', { browser: silent });
  await openLobby(ann, server.url, room);
  // The warning opens "More options", where the microphone check lives, by itself.
  await expect(ann.page.getByText(/Your microphone .* sends no sound/)).toBeVisible({
    timeout: UI_TIMEOUT_MS,
  });
  const meter = ann.page.getByRole('meter', { name: 'Microphone level' });
  expect(await meter.evaluate((m) => (m as HTMLMeterElement).value)).toBeLessThan(0.05);

  const ru = await people.add('Аня', { browser: silent, context: { locale: 'ru-RU' } });
  await ru.page.goto(roomUrl(server.url, room));
  await expect(ru.page.getByText(/Ваш микрофон .* не передаёт звук/)).toBeVisible({
    timeout: UI_TIMEOUT_MS,
  });
});
