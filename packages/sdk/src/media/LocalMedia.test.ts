import { describe, expect, it } from 'vitest';
import { CallError, CallErrorCode } from '../errors.js';
import { LocalMediaEvent, type MediaKind } from '../events.js';
import { FakeMediaDevices, type FakeMediaStreamTrack } from '../test/fakeMedia.js';
import '../test/helpers.js'; // installs the MediaStream global
import { LocalMedia } from './LocalMedia.js';

function setup(): { media: LocalMedia; devices: FakeMediaDevices } {
  const devices = new FakeMediaDevices();
  return { media: new LocalMedia({ mediaDevices: devices }), devices };
}

/** Make getUserMedia fail for requests that include `kind` (or every request). */
function failWhen(devices: FakeMediaDevices, kind: MediaKind | 'any', error: unknown): void {
  devices.fail = (c) => (kind === 'any' || c[kind] ? error : undefined);
}

describe('LocalMedia: start', () => {
  it('acquires camera and mic with sensible constraints into one stream', async () => {
    const { media, devices } = setup();
    await media.start();
    expect(devices.calls).toHaveLength(1);
    expect(devices.calls[0]).toEqual({
      audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
      video: {
        width: { ideal: 1280, max: 1280 },
        height: { ideal: 720, max: 720 },
        frameRate: { ideal: 30, max: 30 },
      },
    });
    expect(media.stream.getTracks().map((t) => t.kind)).toEqual(['audio', 'video']);
    expect([media.hasMic, media.hasCamera, media.micEnabled, media.cameraEnabled]).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });

  it('uses the chosen devices exactly', async () => {
    const { media, devices } = setup();
    await media.start({ audioDeviceId: 'mic-2', videoDeviceId: 'cam-2' });
    const c = devices.calls[0] as { audio: MediaTrackConstraints; video: MediaTrackConstraints };
    expect(c.audio.deviceId).toEqual({ exact: 'mic-2' });
    expect(c.video.deviceId).toEqual({ exact: 'cam-2' });
  });

  it('asks for a camera by facing, remembers it, and a chosen device replaces it', async () => {
    const { media, devices } = setup();
    devices.inputs.push({ kind: 'video', deviceId: 'cam-2', label: 'Camera 2' });
    const lastVideo = () => (devices.calls.at(-1) as { video: MediaTrackConstraints }).video;
    await media.start({ videoDeviceId: 'cam-2' });
    await media.start({ audio: false, video: true, videoFacingMode: 'environment' });
    expect(lastVideo().facingMode).toEqual({ ideal: 'environment' });
    expect(lastVideo().deviceId).toBeUndefined();
    // Camera off and on again: the same facing.
    await media.setCamera(false);
    await media.setCamera(true);
    expect(lastVideo().facingMode).toEqual({ ideal: 'environment' });
    await media.start({ audio: false, video: true, videoDeviceId: 'cam-1' });
    expect(lastVideo().facingMode).toBeUndefined();
    expect(lastVideo().deviceId).toEqual({ exact: 'cam-1' });
  });

  const cases: [string, CallErrorCode][] = [
    ['NotAllowedError', CallErrorCode.MediaPermissionDenied],
    ['SecurityError', CallErrorCode.MediaPermissionDenied],
    ['NotFoundError', CallErrorCode.MediaNotFound],
    ['NotReadableError', CallErrorCode.MediaDeviceBusy],
    ['AbortError', CallErrorCode.MediaDeviceBusy],
    ['OverconstrainedError', CallErrorCode.MediaConstraints],
    ['TypeError', CallErrorCode.MediaUnsupported],
    ['SomethingElseError', CallErrorCode.MediaFailed],
  ];
  for (const [name, code] of cases) {
    it(`maps ${name} to ${code}, keeping the original as cause`, async () => {
      const { media, devices } = setup();
      const original = name === 'TypeError' ? new TypeError('bad') : new DOMException('no', name);
      failWhen(devices, 'any', original);
      const error = await media.start().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CallError);
      expect((error as CallError).code).toBe(code);
      expect((error as CallError).cause).toBe(original);
      expect(media.stream.getTracks()).toHaveLength(0);
    });
  }

  it('fails with MediaUnsupported when mediaDevices is missing (insecure context)', async () => {
    const media = new LocalMedia();
    await expect(media.start()).rejects.toMatchObject({ code: CallErrorCode.MediaUnsupported });
  });

  it('camera refused: still gets the mic and reports the camera error', async () => {
    const { media, devices } = setup();
    failWhen(devices, 'video', new DOMException('denied', 'NotAllowedError'));
    const reported: [CallErrorCode, MediaKind][] = [];
    media.on(LocalMediaEvent.Error, (e, kind) => reported.push([e.code, kind]));
    await media.start();
    expect(media.hasMic).toBe(true);
    expect(media.hasCamera).toBe(false);
    expect(reported).toEqual([[CallErrorCode.MediaPermissionDenied, 'video']]);
    expect(media.videoError?.code).toBe(CallErrorCode.MediaPermissionDenied);
    expect(media.audioError).toBeUndefined();
  });

  it('no camera: audio only, the error says not found', async () => {
    const { media, devices } = setup();
    devices.devices.video = false;
    await media.start();
    expect(media.stream.getTracks().map((t) => t.kind)).toEqual(['audio']);
    expect(media.videoError?.code).toBe(CallErrorCode.MediaNotFound);
  });

  it('mic busy but camera fine: video only, the mic error reported', async () => {
    const { media, devices } = setup();
    failWhen(devices, 'audio', new DOMException('busy', 'NotReadableError'));
    const reported: MediaKind[] = [];
    media.on(LocalMediaEvent.Error, (_e, kind) => reported.push(kind));
    await media.start();
    expect(media.stream.getTracks().map((t) => t.kind)).toEqual(['video']);
    expect(reported).toEqual(['audio']);
    expect(media.audioError?.code).toBe(CallErrorCode.MediaDeviceBusy);
  });

  it('throws only when nothing at all could be had', async () => {
    const { media, devices } = setup();
    devices.devices = { audio: false, video: false };
    await expect(media.start()).rejects.toMatchObject({ code: CallErrorCode.MediaNotFound });
  });
});

describe('LocalMedia: toggles', () => {
  it('setMic flips track.enabled without touching the device', async () => {
    const { media, devices } = setup();
    await media.start();
    let changed = 0;
    media.on(LocalMediaEvent.Changed, () => changed++);
    const track = media.audioTrack;
    await media.setMic(false);
    expect(track?.enabled).toBe(false);
    expect(media.micEnabled).toBe(false);
    expect(track?.readyState).toBe('live');
    await media.setMic(true);
    expect(track?.enabled).toBe(true);
    expect(media.audioTrack).toBe(track);
    expect(changed).toBe(2);
    expect(devices.calls).toHaveLength(1);
  });

  it('camera off stops the track (light off); on acquires a new one and says so', async () => {
    const { media, devices } = setup();
    await media.start();
    const replaced: [MediaKind, MediaStreamTrack | null][] = [];
    media.on(LocalMediaEvent.TrackReplaced, (kind, track) => replaced.push([kind, track]));
    const old = media.videoTrack as unknown as FakeMediaStreamTrack;
    await media.setCamera(false);
    expect(old.readyState).toBe('ended');
    expect(media.stream.getVideoTracks()).toHaveLength(0);
    expect(media.cameraEnabled).toBe(false);
    expect(media.hasCamera).toBe(true);
    await media.setCamera(true);
    const fresh = media.videoTrack;
    expect(fresh).not.toBe(old);
    expect(fresh?.readyState).toBe('live');
    expect(media.stream.getVideoTracks()).toEqual([fresh]);
    expect(replaced).toEqual([
      ['video', null],
      ['video', fresh],
    ]);
    expect(Object.keys(devices.calls.at(-1) ?? {})).toEqual(['video']);
  });

  it('camera on that fails rejects with the coded error and stays off', async () => {
    const { media, devices } = setup();
    await media.start();
    await media.setCamera(false);
    failWhen(devices, 'video', new DOMException('busy', 'NotReadableError'));
    await expect(media.setCamera(true)).rejects.toMatchObject({
      code: CallErrorCode.MediaDeviceBusy,
    });
    expect(media.cameraEnabled).toBe(false);
  });

  it('fast toggling never leaves two cameras open', async () => {
    const { media, devices } = setup();
    await media.start();
    await Promise.all([
      media.setCamera(false),
      media.setCamera(true),
      media.setCamera(false),
      media.setCamera(true),
    ]);
    const live = devices.tracks.filter((t) => t.kind === 'video' && t.readyState === 'live');
    expect(live).toHaveLength(1);
    expect(media.videoTrack).toBe(live[0]);
  });

  it('a device that goes away is dropped and reported as a replaced track', async () => {
    const { media } = setup();
    await media.start();
    const replaced: [MediaKind, unknown][] = [];
    media.on(LocalMediaEvent.TrackReplaced, (kind, track) => replaced.push([kind, track]));
    (media.videoTrack as unknown as FakeMediaStreamTrack).endByDevice();
    expect(replaced).toEqual([['video', null]]);
    expect(media.hasCamera).toBe(false);
  });

  it('stop() ends every track', async () => {
    const { media, devices } = setup();
    await media.start();
    media.stop();
    expect(devices.tracks.every((t) => t.readyState === 'ended')).toBe(true);
    expect(media.stream.getTracks()).toHaveLength(0);
    expect([media.hasMic, media.hasCamera]).toEqual([false, false]);
  });
});
