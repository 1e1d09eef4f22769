import {
  CallError,
  CallErrorCode,
  type LocalMedia,
  type LocalMediaStartOptions,
} from '@zvonok/sdk';

/**
 * Switches to the camera on the other side of a phone (front <-> back).
 *
 * Phones say which way a camera faces (`getSettings().facingMode`), and asking for a facing is
 * the reliable way to get "the back camera" (a phone may list several back lenses). Cameras that
 * do not say (desktop webcams, test devices), or a phone with no camera facing the other way,
 * switch to the next camera in the list instead.
 */
export async function flipCamera(media: LocalMedia): Promise<void> {
  const before = media.inputTrack('video')?.getSettings();
  if (!before) return;
  if (before.facingMode === 'user' || before.facingMode === 'environment') {
    const want = before.facingMode === 'user' ? 'environment' : 'user';
    await startReleasingFirstIfBusy(media, { audio: false, video: true, videoFacingMode: want });
    if (media.inputTrack('video')?.getSettings().facingMode === want) return;
  }
  const current = media.inputTrack('video')?.getSettings().deviceId ?? before.deviceId;
  const cameras = (await media.listDevices()).filter((d) => d.kind === 'videoinput' && d.deviceId);
  const next = cameras[(cameras.findIndex((d) => d.deviceId === current) + 1) % cameras.length];
  // setDevice itself lets go of the old camera first when the phone cannot open two.
  if (next && next.deviceId !== current) await media.setDevice('video', next.deviceId);
}

/**
 * `media.start(options)`; when the camera is busy, retried with the current camera switched off:
 * many Android phones cannot open a second camera while one is open.
 */
async function startReleasingFirstIfBusy(
  media: LocalMedia,
  options: LocalMediaStartOptions,
): Promise<void> {
  try {
    await media.start(options);
  } catch (error) {
    if (!(error instanceof CallError) || error.code !== CallErrorCode.MediaDeviceBusy) throw error;
    await media.setCamera(false);
    await media.start(options);
  }
}
