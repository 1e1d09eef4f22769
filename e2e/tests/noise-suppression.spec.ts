/**
 * Issue 17: noise suppression. Ann's fake microphone plays a voiced tone over steady white noise. With
 * noise suppression switched on mid-call (Settings), Bob receives the processed track: the noise
 * band falls by at least 10 dB while the tone stays within 3 dB, measured on the audio Bob's page
 * receives. Switching on and off renegotiates nothing and Bob keeps seeing Ann's video.
 */
import type { Page } from '@playwright/test';
import { test, expect } from '../support/fixtures.js';
import {
  UI_TIMEOUT_MS,
  control,
  expectInCall,
  joinCall,
  openLobbyOptions,
  tileOf,
  expectVideoPlaying,
} from '../support/app.js';
import {
  noisyMicFiles,
  receivedSpectrum,
  sentAudioSource,
  watchFrameGaps,
} from '../support/effects.js';
import { launchWithMedia } from '../support/media.js';
import { countOffers } from '../support/offers.js';
import { signalingHistory, waitForAudioEnergyRising } from '../support/stats.js';

function noiseSwitch(page: Page) {
  return page
    .getByRole('region', { name: 'Settings' })
    .getByRole('switch', { name: 'Noise suppression' });
}

test('noise suppression: the far side receives the processed track, no renegotiation', async ({
  server,
  room,
  people,
}) => {
  test.setTimeout(90_000);
  const noisy = people.own(await launchWithMedia(await noisyMicFiles()));
  const ann = await people.add('Ann', { browser: noisy });
  const bob = await people.add('Bob');
  const offers = countOffers(ann.page);
  await joinCall(ann, server.url, room);
  await joinCall(bob, server.url, room);
  await expectInCall(bob);
  await expectVideoPlaying(tileOf(bob.page, 'Ann'));
  await waitForAudioEnergyRising(bob.page);
  const offersInCall = offers();
  const history = await signalingHistory(ann.page);
  expect(await sentAudioSource(ann.page)).toBe('device');

  const raw = await receivedSpectrum(bob.page);
  const gaps = await watchFrameGaps(bob.page, 'Ann');

  await control(ann.page, 'Settings').click();
  const toggle = noiseSwitch(ann.page);
  await toggle.check();
  await expect(toggle).toBeChecked();
  await expect.poll(() => sentAudioSource(ann.page), { timeout: 15_000 }).toBe('processed');
  // Give the jitter buffer a moment of processed audio before measuring it.
  await waitForAudioEnergyRising(bob.page);
  const processed = await receivedSpectrum(bob.page);
  test.info().annotations.push({
    type: 'spectrum',
    description: `raw tone ${raw.toneDb.toFixed(1)} dB noise ${raw.noiseDb.toFixed(1)} dB; processed tone ${processed.toneDb.toFixed(1)} dB noise ${processed.noiseDb.toFixed(1)} dB`,
  });
  expect(raw.noiseDb - processed.noiseDb, 'noise reduction (dB)').toBeGreaterThanOrEqual(10);
  expect(Math.abs(raw.toneDb - processed.toneDb), 'tone change (dB)').toBeLessThanOrEqual(3);

  await toggle.uncheck();
  await expect.poll(() => sentAudioSource(ann.page), { timeout: 15_000 }).toBe('device');
  const rawAgain = await receivedSpectrum(bob.page);
  expect(rawAgain.noiseDb - processed.noiseDb, 'noise back when off (dB)').toBeGreaterThan(6);

  const seen = await gaps.stop();
  expect(seen.longest, `Ann’s video on Bob: ${JSON.stringify(seen)}`).toBeLessThan(1000);
  expect(offers(), 'offers after the call was up').toBe(offersInCall);
  expect(await signalingHistory(ann.page)).toEqual(history);
});

/** Paths in the app's caches (every `zvonok-shell-*` cache). */
function cachedPaths(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const out: string[] = [];
    for (const key of await caches.keys()) {
      if (!key.startsWith('zvonok-shell-')) continue;
      const cache = await caches.open(key);
      out.push(...(await cache.keys()).map((r) => new URL(r.url).pathname));
    }
    return out;
  });
}

/** The label of the audio track the lobby preview holds (what will be sent). */
function previewAudioLabel(page: Page): Promise<string | null> {
  return page.getByLabel('Camera preview').evaluate((video) => {
    const stream = (video as HTMLVideoElement).srcObject as MediaStream | null;
    return stream?.getAudioTracks()[0]?.label ?? null;
  });
}

test('noise suppression: its worklet and wasm are left out of the install, kept at first use, and work offline', async ({
  server,
  people,
  room,
}) => {
  test.setTimeout(60_000);
  const { page, context } = await people.add('Ann');
  await page.goto(`${server.url}/r/${room}`);
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), {
      timeout: UI_TIMEOUT_MS,
    })
    .toBe(true);
  await expect.poll(async () => (await cachedPaths(page)).length).toBeGreaterThan(3);
  const ondemand = (paths: string[]): string[] =>
    paths.filter((p) => p.startsWith('/assets/ondemand/'));
  expect(ondemand(await cachedPaths(page)), 'nothing on demand at install').toEqual([]);
  const device = await previewAudioLabel(page);
  expect(device, 'the fake microphone').toBeTruthy();

  await openLobbyOptions(page);
  const toggle = page.getByRole('switch', { name: 'Noise suppression' });
  await toggle.check();
  await expect.poll(() => previewAudioLabel(page), { timeout: UI_TIMEOUT_MS }).not.toBe(device);
  await expect
    .poll(async () => ondemand(await cachedPaths(page)), { timeout: UI_TIMEOUT_MS })
    .toEqual(
      expect.arrayContaining([
        expect.stringMatching(/\/rnnoise(_simd)?-[\w-]+\.wasm$/),
        expect.stringMatching(/\/workletProcessor-[\w-]+\.js$/),
        expect.stringMatching(/\/rnnoiseProcessor-[\w-]+\.js$/),
      ]),
    );

  // Offline, the remembered choice loads everything from the worker and runs.
  await context.setOffline(true);
  const fromWorker: string[] = [];
  page.on('response', (r) => {
    if (r.fromServiceWorker()) fromWorker.push(new URL(r.url()).pathname);
  });
  await page.reload();
  await openLobbyOptions(page);
  await expect(toggle).toBeChecked({ timeout: UI_TIMEOUT_MS });
  await expect.poll(() => previewAudioLabel(page), { timeout: UI_TIMEOUT_MS }).not.toBe(device);
  await expect(page.getByText('It could not be started here', { exact: false })).toHaveCount(0);
  expect(
    fromWorker.filter((p) => p.endsWith('.wasm')).length,
    'wasm from the worker',
  ).toBeGreaterThan(0);
  await context.setOffline(false);
});
