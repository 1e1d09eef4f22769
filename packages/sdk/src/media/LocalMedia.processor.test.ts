import { describe, expect, it } from 'vitest';
import { LocalMediaEvent, type MediaKind } from '../events.js';
import { FakeMediaDevices, FakeMediaStreamTrack } from '../test/fakeMedia.js';
import '../test/helpers.js'; // installs the MediaStream global
import { LocalMedia } from './LocalMedia.js';
import type { TrackProcessor } from './TrackProcessor.js';

/** A processor that outputs one fresh track per input, and records what it was given. */
class FakeProcessor implements TrackProcessor {
  readonly inputs: MediaStreamTrack[] = [];
  output: FakeMediaStreamTrack | null = null;
  failWith: Error | null = null;
  disconnects = 0;
  constructor(readonly kind: 'audio' | 'video') {}
  connect(input: MediaStreamTrack): MediaStreamTrack {
    if (this.failWith) throw this.failWith;
    this.inputs.push(input);
    this.output?.stop();
    this.output = new FakeMediaStreamTrack(this.kind, 'processed');
    return this.output as unknown as MediaStreamTrack;
  }
  disconnect(): void {
    this.disconnects++;
    this.output?.stop();
    this.output = null;
  }
}

async function started(): Promise<{ media: LocalMedia; replaced: [MediaKind, unknown][] }> {
  const devices = new FakeMediaDevices();
  devices.inputs.push({ kind: 'audio', deviceId: 'mic-2', label: 'Mic 2' });
  const media = new LocalMedia({ mediaDevices: devices });
  await media.start();
  const replaced: [MediaKind, unknown][] = [];
  media.on(LocalMediaEvent.TrackReplaced, (kind, track) => replaced.push([kind, track]));
  return { media, replaced };
}

describe('LocalMedia: processors', () => {
  it('sends the processor output in place of the device track, and the device track again after', async () => {
    const { media, replaced } = await started();
    const device = media.audioTrack;
    const ns = new FakeProcessor('audio');
    await media.setProcessor('audio', ns);
    expect(ns.inputs).toEqual([device]);
    expect(media.audioTrack).toBe(ns.output);
    expect(media.inputTrack('audio')).toBe(device);
    expect(media.stream.getAudioTracks()).toEqual([ns.output]);
    expect(replaced).toEqual([['audio', ns.output]]);
    const output = ns.output;
    await media.setProcessor('audio', null);
    expect(media.audioTrack).toBe(device);
    expect(media.stream.getAudioTracks()).toEqual([device]);
    expect(output?.readyState).toBe('ended');
    expect(device?.readyState).toBe('live');
    expect(replaced.at(-1)).toEqual(['audio', device]);
  });

  it('keeps the mute state on the output and the input', async () => {
    const { media } = await started();
    await media.setMic(false);
    const ns = new FakeProcessor('audio');
    await media.setProcessor('audio', ns);
    expect(ns.output?.enabled).toBe(false);
    await media.setMic(true);
    expect(ns.output?.enabled).toBe(true);
    expect(media.inputTrack('audio')?.enabled).toBe(true);
  });

  it('follows a device switch and reports the device, not the output, as in use', async () => {
    const { media } = await started();
    const ns = new FakeProcessor('audio');
    await media.setProcessor('audio', ns);
    await media.setDevice('audio', 'mic-2');
    expect(ns.inputs).toHaveLength(2);
    expect(ns.inputs[1]).toBe(media.inputTrack('audio'));
    expect(media.deviceId('audio')).toBe('mic-2');
    expect(media.audioTrack).toBe(ns.output);
  });

  it('lets go of the processor when the camera is switched off, and uses it again when on', async () => {
    const { media } = await started();
    const blur = new FakeProcessor('video');
    await media.setProcessor('video', blur);
    await media.setCamera(false);
    expect(media.videoTrack).toBeNull();
    expect(blur.disconnects).toBe(1);
    await media.setCamera(true);
    expect(media.videoTrack).toBe(blur.output);
    expect(blur.inputs).toHaveLength(2);
  });

  it('sends the device track and rejects with what the processor threw', async () => {
    const { media } = await started();
    const device = media.videoTrack;
    const blur = new FakeProcessor('video');
    blur.failWith = new Error('no WebGL');
    await expect(media.setProcessor('video', blur)).rejects.toThrow('no WebGL');
    expect(media.videoTrack).toBe(device);
    // Dropped: a later device switch sends the device track without asking it again.
    blur.failWith = null;
    await media.setCamera(false);
    await media.setCamera(true);
    expect(blur.inputs).toHaveLength(0);
    expect(media.videoTrack).toBe(media.inputTrack('video'));
  });

  it('replaces one processor by another and disconnects the first', async () => {
    const { media } = await started();
    const a = new FakeProcessor('video');
    const b = new FakeProcessor('video');
    await media.setProcessor('video', a);
    await media.setProcessor('video', b);
    expect(a.disconnects).toBe(1);
    expect(media.videoTrack).toBe(b.output);
  });
});
