import { describe, expect, it } from 'vitest';
import { CallErrorCode } from '../errors.js';
import { LocalMediaEvent, type DeviceChoice, type MediaKind } from '../events.js';
import { FakeMediaDevices, type FakeMediaStreamTrack } from '../test/fakeMedia.js';
import { settle, waitFor } from '../test/helpers.js';
import { LocalMedia } from './LocalMedia.js';

/** Two cameras and two microphones, media started on the first of each. */
async function setup(): Promise<{ media: LocalMedia; devices: FakeMediaDevices }> {
  const devices = new FakeMediaDevices();
  devices.inputs.push(
    { kind: 'audio', deviceId: 'mic-2', label: 'Headset' },
    { kind: 'video', deviceId: 'cam-2', label: 'USB camera' },
  );
  const media = new LocalMedia({ mediaDevices: devices });
  await media.start();
  return { media, devices };
}

/** Every DeviceLost event, in order. */
function lost(media: LocalMedia): [MediaKind, DeviceChoice | null, DeviceChoice][] {
  const seen: [MediaKind, DeviceChoice | null, DeviceChoice][] = [];
  media.on(LocalMediaEvent.DeviceLost, (kind, replacement, gone) =>
    seen.push([kind, replacement, gone]),
  );
  return seen;
}

const track = (t: MediaStreamTrack | null): FakeMediaStreamTrack =>
  t as unknown as FakeMediaStreamTrack;

describe('LocalMedia: switching devices', () => {
  it('setDevice switches the microphone, keeps it muted, and reports the new track', async () => {
    const { media } = await setup();
    await media.setMic(false);
    const old = media.audioTrack;
    const replaced: (MediaStreamTrack | null)[] = [];
    media.on(LocalMediaEvent.TrackReplaced, (kind, t) => kind === 'audio' && replaced.push(t));

    await media.setDevice('audio', 'mic-2');
    expect(media.deviceId('audio')).toBe('mic-2');
    expect(track(media.audioTrack).label).toBe('Headset');
    expect(media.audioTrack?.enabled).toBe(false);
    expect(old?.readyState).toBe('ended');
    expect(replaced).toEqual([media.audioTrack]);
    expect(media.stream.getAudioTracks()).toEqual([media.audioTrack]);
  });

  it('setDevice switches the camera; with the camera off it only remembers the choice', async () => {
    const { media, devices } = await setup();
    await media.setDevice('video', 'cam-2');
    expect(media.deviceId('video')).toBe('cam-2');
    expect(devices.liveTracksOf('cam-1')).toEqual([]);

    await media.setCamera(false);
    const calls = devices.calls.length;
    await media.setDevice('video', 'cam-1');
    expect(devices.calls).toHaveLength(calls);
    expect(media.cameraEnabled).toBe(false);
    expect(media.deviceId('video')).toBe('cam-1');
    await media.setCamera(true);
    expect(track(media.videoTrack).getSettings().deviceId).toBe('cam-1');
  });

  it('a device that cannot be had rejects with a coded error and the one in use stays', async () => {
    const { media } = await setup();
    const before = media.audioTrack;
    await expect(media.setDevice('audio', 'mic-gone')).rejects.toMatchObject({
      code: CallErrorCode.MediaConstraints,
    });
    expect(media.audioTrack).toBe(before);
    expect(before?.readyState).toBe('live');
    expect(media.deviceId('audio')).toBe('mic-1');
    expect(media.audioError).toBeUndefined();
  });

  it('a phone that opens one camera at a time: the old one is let go and the new one opened', async () => {
    const { media, devices } = await setup();
    devices.fail = (c) =>
      c.video && devices.liveTracksOf('cam-1').length > 0
        ? new DOMException('Could not start video source', 'NotReadableError')
        : undefined;
    await media.setDevice('video', 'cam-2');
    expect(track(media.videoTrack).getSettings().deviceId).toBe('cam-2');
    expect(media.cameraEnabled).toBe(true);
  });
});

describe('LocalMedia: devices coming and going', () => {
  it('reports the new list on devicechange', async () => {
    const { media, devices } = await setup();
    const lists: string[][] = [];
    media.on(LocalMediaEvent.DevicesChanged, (list) => lists.push(list.map((d) => d.deviceId)));
    devices.plug({ kind: 'audio', deviceId: 'mic-3', label: 'Desk mic' });
    await waitFor(() => lists.length === 1, 'devicesChanged');
    expect(lists[0]).toEqual(['mic-1', 'cam-1', 'mic-2', 'cam-2', 'mic-3']);
  });

  it('the microphone in use unplugged (track ended): another one takes over, still muted, and the person is told', async () => {
    const { media, devices } = await setup();
    await media.setDevice('audio', 'mic-2');
    await media.setMic(false);
    const events = lost(media);
    devices.unplug('mic-2');
    await waitFor(() => events.length === 1, 'deviceLost');
    expect(events[0]).toEqual([
      'audio',
      { deviceId: 'mic-1', label: 'Microphone 1' },
      { deviceId: 'mic-2', label: 'Headset' },
    ]);
    expect(media.hasMic).toBe(true);
    expect(media.audioTrack?.enabled).toBe(false);
    expect(media.micEnabled).toBe(false);
    expect(media.deviceId('audio')).toBe('mic-1');
  });

  it('a camera that is gone from the list while its track lives on is replaced too', async () => {
    const { media, devices } = await setup();
    await media.setDevice('video', 'cam-2');
    const old = media.videoTrack;
    const events = lost(media);
    devices.unplug('cam-2', { endTracks: false });
    await waitFor(() => events.length === 1, 'deviceLost');
    expect(events[0]).toEqual([
      'video',
      { deviceId: 'cam-1', label: 'Camera 1' },
      { deviceId: 'cam-2', label: 'USB camera' },
    ]);
    expect(old?.readyState).toBe('ended');
    expect(media.cameraEnabled).toBe(true);
    expect(media.hasCamera).toBe(true);
  });

  it('the last camera unplugged: DeviceLost with no replacement, the camera is off', async () => {
    const devices = new FakeMediaDevices();
    const media = new LocalMedia({ mediaDevices: devices });
    await media.start();
    const events = lost(media);
    devices.unplug('cam-1');
    await waitFor(() => events.length === 1, 'deviceLost');
    expect(events[0]).toEqual(['video', null, { deviceId: 'cam-1', label: 'Camera 1' }]);
    expect(media.cameraEnabled).toBe(false);
    expect(media.hasCamera).toBe(false);
    expect(media.videoError?.code).toBe(CallErrorCode.MediaNotFound);
    expect(media.hasMic).toBe(true);
  });

  it('a remembered device missing at the next start: the default is used and the person is told', async () => {
    const devices = new FakeMediaDevices();
    const media = new LocalMedia({ mediaDevices: devices });
    const events = lost(media);
    await media.start({ audioDeviceId: 'mic-from-last-week', videoDeviceId: 'cam-1' });
    expect(media.hasMic && media.cameraEnabled).toBe(true);
    // Only the microphone changed; the camera asked for is the one in use.
    expect(events).toEqual([
      [
        'audio',
        { deviceId: 'mic-1', label: 'Microphone 1' },
        { deviceId: 'mic-from-last-week', label: '' },
      ],
    ]);
  });

  it('stop() stops watching devicechange', async () => {
    const { media, devices } = await setup();
    let lists = 0;
    media.on(LocalMediaEvent.DevicesChanged, () => lists++);
    media.stop();
    devices.plug({ kind: 'video', deviceId: 'cam-3', label: 'Another' });
    await settle();
    expect(lists).toBe(0);
  });
});
