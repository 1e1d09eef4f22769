import { describe, expect, it } from 'vitest';
import type { MediaKind } from '../events.js';
import { FakeMediaDevices, FakeMediaStreamTrack } from '../test/fakeMedia.js';
import { settle, waitFor } from '../test/helpers.js';
import { silentLogger } from '../utils/logger.js';
import { DeviceWatch, goneKinds } from './DeviceWatch.js';

function trackOn(kind: MediaKind, deviceId: string): MediaStreamTrack {
  const track = new FakeMediaStreamTrack(kind, deviceId);
  track.settings = { deviceId };
  return track as unknown as MediaStreamTrack;
}

const info = (kind: MediaDeviceKind, deviceId: string): MediaDeviceInfo =>
  ({ kind, deviceId, label: '', groupId: '' }) as MediaDeviceInfo;

describe('goneKinds', () => {
  it('names a kind whose device is not listed, only when the list has ids of that kind', () => {
    const inputs = { audio: trackOn('audio', 'mic-1'), video: trackOn('video', 'cam-1') };
    const input = (k: MediaKind): MediaStreamTrack => inputs[k];
    expect(goneKinds([info('audioinput', 'mic-1'), info('videoinput', 'cam-2')], input)).toEqual([
      'video',
    ]);
    expect(goneKinds([info('audioinput', 'mic-1'), info('videoinput', 'cam-1')], input)).toEqual(
      [],
    );
    // No permission yet: the browser lists devices without ids, nothing can be told.
    expect(goneKinds([info('audioinput', ''), info('videoinput', '')], input)).toEqual([]);
    expect(goneKinds([info('videoinput', 'cam-1')], () => null)).toEqual([]);
  });
});

describe('DeviceWatch', () => {
  it('reports the lists and the track whose device was unplugged, until stopped', async () => {
    const devices = new FakeMediaDevices();
    const camera = trackOn('video', 'cam-1');
    const listed: MediaDeviceInfo[][] = [];
    const gone: [MediaKind, MediaStreamTrack][] = [];
    const watch = new DeviceWatch(
      {
        devices: () => devices,
        input: (kind) => (kind === 'video' ? camera : null),
        listed: (list) => listed.push(list),
        gone: (kind, track) => gone.push([kind, track]),
      },
      silentLogger,
    );
    watch.start();
    watch.start(); // Watching twice would report everything twice.
    devices.plug({ kind: 'video', deviceId: 'cam-2', label: 'USB camera' });
    await waitFor(() => listed.length === 1, 'the list after plugging in');
    expect(gone).toEqual([]);

    devices.unplug('cam-1', { endTracks: false });
    await waitFor(() => listed.length === 2, 'the list after unplugging');
    expect(gone).toEqual([['video', camera]]);

    watch.stop();
    devices.unplug('cam-2');
    await settle();
    expect(listed).toHaveLength(2);
  });
});
