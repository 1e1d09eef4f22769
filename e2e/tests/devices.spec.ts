/**
 * Issue 4, E2E 4: switching camera, microphone and speaker mid-call from the Settings panel.
 * The new device goes out on the same senders (`replaceTrack`): the other side keeps receiving
 * and no offer crosses the signaling WebSocket. Chromium's fake devices give three microphones
 * and speakers but one camera, so a second camera (a 320x240 canvas) is added by an init script.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect } from '../support/fixtures.js';
import {
  openLobbyOptions,
  control,
  expectInCall,
  expectVideoPlaying,
  joinCall,
  openLobby,
  tileOf,
} from '../support/app.js';
import { PROBE, type E2EProbe } from '../support/collector.js';
import {
  waitForAudiblePlayback,
  waitForAudioEnergyRising,
  waitForInboundVideo,
} from '../support/stats.js';
import { countOffers } from '../support/offers.js';
import { waitForViewSize } from '../support/views.js';

/** The Settings panel (opened from the toolbar). */
async function openSettings(page: Page): Promise<Locator> {
  const panel = page.getByRole('region', { name: 'Settings' });
  if (!(await panel.isVisible())) await control(page, 'Settings').click();
  await expect(panel).toBeVisible();
  return panel;
}

/** The label of the option a select shows as chosen. */
function chosen(select: Locator): Promise<string> {
  return select.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? '');
}

/** Label and state of the track each open connection of the page sends for `kind`. */
function sentTracks(page: Page, kind: 'audio' | 'video'): Promise<string[]> {
  return page.evaluate(
    ([probeName, k]) => {
      const probe = (window as unknown as Record<string, E2EProbe>)[probeName] as E2EProbe;
      return probe.pcs
        .filter((pc) => pc.connectionState !== 'closed')
        .map((pc) => {
          // The camera is the first video sender (the second one is the screen's).
          const sender = pc.getTransceivers().find((t) => t.receiver.track.kind === k)?.sender;
          const track = sender?.track;
          return track ? `${track.label} (${track.readyState})` : 'none';
        });
    },
    [PROBE, kind] as const,
  );
}

const SECOND_CAMERA = { id: 'e2e-second-camera', label: 'Second camera' };

/**
 * A second camera for this page: listed by enumerateDevices (once permission is given) and,
 * when asked for by its id, a 320x240 canvas at 20 fps (so its size tells it from the fake
 * 640x480 camera). `window.unplugSecondCamera()` takes it away as unplugging would: its track
 * ends, it leaves the list, `devicechange` fires.
 */
function addSecondCamera(camera: { id: string; label: string }): void {
  const md = navigator.mediaDevices;
  const enumerate = md.enumerateDevices.bind(md);
  const gum = md.getUserMedia.bind(md);
  let plugged = true;
  const handedOut: MediaStreamTrack[] = [];
  (window as unknown as { unplugSecondCamera: () => void }).unplugSecondCamera = () => {
    plugged = false;
    for (const track of handedOut) {
      track.stop();
      track.dispatchEvent(new Event('ended'));
    }
    md.dispatchEvent(new Event('devicechange'));
  };
  md.enumerateDevices = async () => {
    const list = await enumerate();
    if (!plugged || !list.some((d) => d.kind === 'videoinput' && d.label)) return list;
    const info = { deviceId: camera.id, groupId: 'e2e', kind: 'videoinput', label: camera.label };
    return [...list, { ...info, toJSON: () => info } as MediaDeviceInfo];
  };
  md.getUserMedia = async (constraints?: MediaStreamConstraints) => {
    const video = constraints?.video;
    const wanted = typeof video === 'object' ? video.deviceId : undefined;
    const exact = typeof wanted === 'object' && !Array.isArray(wanted) ? wanted.exact : undefined;
    if (exact !== camera.id) return gum(constraints);
    if (!plugged) throw new DOMException('deviceId', 'OverconstrainedError');
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 240;
    const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
    let frame = 0;
    setInterval(() => {
      ctx.fillStyle = frame % 20 < 10 ? '#1f5fd6' : '#d6891f';
      ctx.fillRect(0, 0, 320, 240);
      ctx.fillStyle = '#fff';
      ctx.fillText(`second camera ${frame++}`, 10, 20);
    }, 50);
    const stream = canvas.captureStream(20);
    handedOut.push(...stream.getVideoTracks());
    if (constraints?.audio) {
      for (const t of (await gum({ audio: constraints.audio })).getAudioTracks()) {
        stream.addTrack(t);
      }
    }
    return stream;
  };
}

test('switch the microphone mid-call: the other side keeps hearing, no offer is sent, and the choice is remembered', async ({
  server,
  room,
  people,
}) => {
  const ann = await people.add('Ann');
  const bob = await people.add('Bob');
  const offers = countOffers(ann.page);
  await joinCall(ann, server.url, room);
  await joinCall(bob, server.url, room);
  await waitForAudioEnergyRising(bob.page);
  await expect
    .poll(() => sentTracks(ann.page, 'audio'))
    .toEqual(['Fake Default Audio Input (live)']);
  const offersBefore = offers();
  expect(offersBefore).toBeGreaterThan(0);

  const settings = await openSettings(ann.page);
  const mic = settings.getByRole('combobox', { name: 'Microphone' });
  await expect(mic.getByRole('option', { name: 'Fake Audio Input 1' })).toHaveCount(1);
  await mic.selectOption({ label: 'Fake Audio Input 1' });

  // The new microphone goes out on the same sender, and Bob keeps hearing Ann.
  await expect.poll(() => sentTracks(ann.page, 'audio')).toEqual(['Fake Audio Input 1 (live)']);
  await expect.poll(() => chosen(mic)).toBe('Fake Audio Input 1');
  await waitForAudioEnergyRising(bob.page);
  await waitForAudiblePlayback(bob.page);
  expect(offers(), 'offers on the signaling WebSocket').toBe(offersBefore);
  // Still unmuted, as the room sees it.
  await expect(control(ann.page, 'Microphone')).toHaveAttribute('aria-pressed', 'true');
  await expect(tileOf(bob.page, 'Ann').getByRole('img', { name: 'Microphone off' })).toHaveCount(0);

  // The next call starts with it.
  await control(ann.page, 'Leave call').click();
  await openLobby(ann, server.url, room);
  await openLobbyOptions(ann.page);
  await expect
    .poll(() => chosen(ann.page.getByRole('combobox', { name: 'Choose microphone' })))
    .toBe('Fake Audio Input 1');
  await ann.page.getByRole('button', { name: 'Join call' }).click();
  await expectInCall(ann);
  await expect.poll(() => sentTracks(ann.page, 'audio')).toEqual(['Fake Audio Input 1 (live)']);
  await waitForAudioEnergyRising(bob.page);
});

test('switch the camera and the speaker mid-call: new video arrives without an offer, voices play on the chosen speaker', async ({
  server,
  room,
  people,
}) => {
  const ann = await people.add('Ann');
  await ann.page.addInitScript(addSecondCamera, SECOND_CAMERA);
  const bob = await people.add('Bob');
  const offers = countOffers(ann.page);
  await joinCall(ann, server.url, room);
  await joinCall(bob, server.url, room);
  const annTile = tileOf(bob.page, 'Ann');
  await waitForInboundVideo(bob.page, { minFrames: 10 });
  await waitForViewSize(bob.page, annTile, 640, 480);
  const offersBefore = offers();

  const settings = await openSettings(ann.page);
  const camera = settings.getByRole('combobox', { name: 'Camera' });
  await camera.selectOption({ label: SECOND_CAMERA.label });

  // Bob now receives the second camera's 320x240 on the same connection, without an offer.
  await waitForViewSize(bob.page, annTile, 320, 240);
  await expectVideoPlaying(annTile);
  await expect(control(ann.page, 'Camera')).toHaveAttribute('aria-pressed', 'true');
  expect(offers(), 'offers on the signaling WebSocket').toBe(offersBefore);
  // The old camera was let go.
  await expect
    .poll(async () =>
      ann.page.evaluate((probeName) => {
        const probe = (window as unknown as Record<string, E2EProbe>)[probeName] as E2EProbe;
        return probe.tracks.filter((t) => t.kind === 'video' && t.readyState === 'live').length;
      }, PROBE),
    )
    .toBe(0);

  // Bob picks another speaker: Ann's voice plays there, still audible.
  const speaker = (await openSettings(bob.page)).getByRole('combobox', { name: 'Speaker' });
  const output = await speaker
    .getByRole('option', { name: 'Fake Audio Output 1' })
    .getAttribute('value');
  expect(output).toBeTruthy();
  await speaker.selectOption({ label: 'Fake Audio Output 1' });
  await expect
    .poll(() =>
      tileOf(bob.page, 'Ann')
        .locator('video')
        .evaluate((v: HTMLVideoElement) => v.sinkId),
    )
    .toBe(output);
  await waitForAudiblePlayback(bob.page);
  await waitForAudioEnergyRising(bob.page);
});

test('the camera in use goes away mid-call: the other camera takes over, without an offer, and the person is told', async ({
  server,
  room,
  people,
}) => {
  const ann = await people.add('Ann');
  await ann.page.addInitScript(addSecondCamera, SECOND_CAMERA);
  const bob = await people.add('Bob');
  const offers = countOffers(ann.page);
  await joinCall(ann, server.url, room);
  await joinCall(bob, server.url, room);
  const annTile = tileOf(bob.page, 'Ann');
  await waitForInboundVideo(bob.page, { minFrames: 10 });
  const settings = await openSettings(ann.page);
  await settings.getByRole('combobox', { name: 'Camera' }).selectOption({
    label: SECOND_CAMERA.label,
  });
  await waitForViewSize(bob.page, annTile, 320, 240);
  const offersBefore = offers();

  await ann.page.evaluate(() =>
    (window as unknown as { unplugSecondCamera: () => void }).unplugSecondCamera(),
  );
  // Ann is told, and Bob sees her first camera again.
  await expect(
    ann.page.getByRole('status').filter({ hasText: /is no longer available\. Using “.*testsrc/ }),
  ).toBeVisible();
  await waitForViewSize(bob.page, annTile, 640, 480);
  await expectVideoPlaying(annTile);
  await expect(control(ann.page, 'Camera')).toHaveAttribute('aria-pressed', 'true');
  // The list no longer offers the camera that went away.
  await expect(
    settings.getByRole('combobox', { name: 'Camera' }).getByRole('option', {
      name: SECOND_CAMERA.label,
    }),
  ).toHaveCount(0);
  expect(offers(), 'offers on the signaling WebSocket').toBe(offersBefore);
});
