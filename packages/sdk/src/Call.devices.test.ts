import { describe, expect, it } from 'vitest';
import { fakePc, fullyConnected, makePerson, useCallBed, waitFor } from './test/helpers.js';

const bed = useCallBed();

describe('Call: switching devices mid-call', () => {
  it('a new camera and microphone go out on the same senders: no offer, no answer', async () => {
    const a = await makePerson(bed.bus);
    a.devices.inputs.push(
      { kind: 'audio', deviceId: 'mic-2', label: 'Headset' },
      { kind: 'video', deviceId: 'cam-2', label: 'USB camera' },
    );
    const b = await makePerson(bed.bus);
    const c = await makePerson(bed.bus);
    bed.people.push(a, b, c);
    for (const p of [a, b, c]) await p.call.join({ room: 'r' });
    await waitFor(() => fullyConnected([a.call, b.call, c.call]), 'mesh of 3');
    const pcs = [b, c].map((p) => fakePc(a.call, p.call.localId as string));
    const senders = (kind: 'audio' | 'video') =>
      pcs.map((pc) => pc.getTransceivers().find((t) => t.sender.kind === kind && t.mid !== null));
    const audio = senders('audio');
    const video = senders('video');
    const rounds = pcs.map((pc) => pc.remoteDescriptionsApplied.length);
    const remoteRounds = [b, c].map(
      (p) => fakePc(p.call, a.call.localId as string).remoteDescriptionsApplied.length,
    );

    await a.media.setDevice('video', 'cam-2');
    await a.media.setDevice('audio', 'mic-2');
    await waitFor(
      () =>
        video.every((t) => t?.sender.track === a.media.videoTrack) &&
        audio.every((t) => t?.sender.track === a.media.audioTrack),
      'new tracks on the same senders',
    );
    expect(a.media.videoTrack?.getSettings().deviceId).toBe('cam-2');
    expect(a.media.audioTrack?.getSettings().deviceId).toBe('mic-2');
    expect(pcs.map((pc) => pc.remoteDescriptionsApplied.length)).toEqual(rounds);
    expect(
      [b, c].map((p) => fakePc(p.call, a.call.localId as string).remoteDescriptionsApplied.length),
    ).toEqual(remoteRounds);
    // The room still sees mic and camera on.
    expect(b.call.participants.get(a.call.localId as string)).toMatchObject({
      mic: true,
      camera: true,
    });
  });

  it('the microphone unplugged mid-call: the replacement is sent on the same sender', async () => {
    const a = await makePerson(bed.bus);
    a.devices.inputs.push({ kind: 'audio', deviceId: 'mic-2', label: 'Headset' });
    const b = await makePerson(bed.bus);
    bed.people.push(a, b);
    await a.call.join({ room: 'r' });
    await b.call.join({ room: 'r' });
    await waitFor(() => fullyConnected([a.call, b.call]), 'connected');
    await a.media.setDevice('audio', 'mic-2');
    const pc = fakePc(a.call, b.call.localId as string);
    const sender = pc.getTransceivers().find((t) => t.sender.kind === 'audio')?.sender;
    const rounds = pc.remoteDescriptionsApplied.length;

    a.devices.unplug('mic-2');
    await waitFor(
      () => a.media.audioTrack?.getSettings().deviceId === 'mic-1',
      'fell back to mic-1',
    );
    await waitFor(() => sender?.track === a.media.audioTrack, 'replacement sent');
    expect(pc.remoteDescriptionsApplied.length).toBe(rounds);
    await waitFor(
      () => b.call.participants.get(a.call.localId as string)?.mic === true,
      'b still sees the mic on',
    );
  });
});
