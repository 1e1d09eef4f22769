/**
 * Turning the camera on during a call fails (blocked by the browser, or busy in another app):
 * the person is told why and what to do, right there in the call, and can try again.
 */
import { test, expect } from '../support/fixtures.js';
import {
  control,
  expectInCall,
  expectVideoPlaying,
  joinCall,
  openLobby,
  tileOf,
} from '../support/app.js';
import { waitForVideoFramesRising } from '../support/stats.js';
import { cameraBlocked, launchWithRealPermissions } from '../support/permissions.js';

test('camera blocked: turning it on in the call says why and what to do; allowed, Try again works', async ({
  server,
  room,
  people,
}) => {
  const strict = people.own(await launchWithRealPermissions());
  const ann = await people.add('Ann', { browser: strict, context: cameraBlocked });
  const bob = await people.add('Bob');
  await joinCall(bob, server.url, room);
  await openLobby(ann, server.url, room);
  await ann.page.getByRole('alert').getByRole('button', { name: 'Join with audio only' }).click();
  await expectInCall(ann);
  await expect(ann.page.getByRole('alert')).toHaveCount(0);

  const camera = control(ann.page, 'Camera');
  await camera.click();
  const alert = ann.page.getByRole('alert');
  await expect(alert).toContainText('The camera is blocked');
  await expect(alert).toContainText(/allow the camera for this site/i);
  await expect(alert).toContainText('address bar');
  await expect(camera).toHaveAttribute('aria-pressed', 'false');
  await expect(tileOf(bob.page, 'Ann').getByRole('img', { name: 'Camera off' })).toBeVisible();

  // Dismissed, it goes; pressing Camera again says it again.
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(ann.page.getByRole('alert')).toHaveCount(0);
  await camera.click();
  await expect(ann.page.getByRole('alert')).toContainText('The camera is blocked');

  // The person allows the camera in the site settings, then presses Try again.
  await ann.context.grantPermissions(['camera', 'microphone']);
  await ann.page.getByRole('alert').getByRole('button', { name: 'Try again' }).click();
  await expect(ann.page.getByRole('alert')).toHaveCount(0);
  await expect(camera).toHaveAttribute('aria-pressed', 'true');
  await expectVideoPlaying(tileOf(bob.page, 'Ann'));
});

/** Makes the camera "in use by another app" while `window.__cameraBusy` is set. */
function busyCamera(): void {
  const md = navigator.mediaDevices;
  const native = md.getUserMedia.bind(md);
  md.getUserMedia = (constraints?: MediaStreamConstraints) => {
    if ((window as unknown as { __cameraBusy?: boolean }).__cameraBusy && constraints?.video) {
      return Promise.reject(new DOMException('Could not start video source', 'NotReadableError'));
    }
    return native(constraints);
  };
}

test('camera busy: turning it on in the call says another app uses it, in English and Russian', async ({
  server,
  room,
  people,
}) => {
  const ann = await people.add('Ann');
  const ivan = await people.add('Иван', { context: { locale: 'ru-RU' } });
  for (const p of [ann, ivan]) await p.page.addInitScript(busyCamera);
  await joinCall(ann, server.url, room);
  await ivan.page.goto(`${server.url}/r/${room}`);
  await ivan.page.getByRole('textbox', { name: 'Ваше имя' }).fill('Иван');
  await ivan.page.getByRole('button', { name: 'Войти в звонок' }).click();
  await expect(ivan.page.getByRole('toolbar', { name: 'Управление звонком' })).toBeVisible();

  for (const p of [ann, ivan]) {
    const camera = p.page.getByRole('toolbar').getByRole('button', { name: /^(Camera|Камера)$/ });
    await camera.click();
    await expect(camera).toHaveAttribute('aria-pressed', 'false');
    await p.page.evaluate(() => {
      (window as unknown as { __cameraBusy?: boolean }).__cameraBusy = true;
    });
    await camera.click();
  }
  const alert = ann.page.getByRole('alert');
  await expect(alert).toContainText('Your camera is in use');
  await expect(alert).toContainText('Another app or tab is using it');
  await expect(ivan.page.getByRole('alert')).toContainText('Камера занята');
  await expect(control(ann.page, 'Camera')).toHaveAttribute('aria-pressed', 'false');

  // The other app let go: Try again turns it on.
  await ann.page.evaluate(() => {
    (window as unknown as { __cameraBusy?: boolean }).__cameraBusy = false;
  });
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(control(ann.page, 'Camera')).toHaveAttribute('aria-pressed', 'true');
  await expect(ann.page.getByRole('alert')).toHaveCount(0);
  // Ivan sees Ann's camera again: no camera-off avatar, and her frames are decoded again.
  await expect(tileOf(ivan.page, 'Ann').getByRole('img', { name: 'Камера выключена' })).toHaveCount(
    0,
  );
  await waitForVideoFramesRising(ivan.page);
});
