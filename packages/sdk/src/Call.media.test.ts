import { describe, expect, it } from 'vitest';
import { CallErrorCode, type CallError } from './errors.js';
import { CallEvent } from './events.js';
import { CallState, PeerLinkState } from './types.js';
import { fakePc, fullyConnected, useCallBed, waitFor } from './test/helpers.js';

const bed = useCallBed();

describe('Call: mic and camera', () => {
  it('join announces the initial state: mic off before joining is seen as off', async () => {
    const a = await bed.person();
    await a.call.setMic(false);
    await a.call.join({ room: 'r' });
    const b = await bed.person();
    await b.call.join({ room: 'r' });
    await waitFor(() => b.call.participants.size === 1, 'b sees a');
    const seen = b.call.participants.get(a.call.localId as string);
    expect(seen).toMatchObject({ mic: false, camera: true });
  });

  it('setMic(false) flips track.enabled, tells the room, and does not renegotiate', async () => {
    const [a, b] = await bed.pair();
    const pc = fakePc(b.call, a.call.localId as string);
    const rounds = pc.remoteDescriptionsApplied.length;
    let localChanges = 0;
    a.call.on(CallEvent.LocalStateChanged, () => localChanges++);
    await a.call.setMic(false);
    expect(a.media.audioTrack?.enabled).toBe(false);
    expect(a.call.localState.mic).toBe(false);
    expect(localChanges).toBe(1);
    await waitFor(
      () => b.call.participants.get(a.call.localId as string)?.mic === false,
      'b sees a muted',
    );
    await a.call.setMic(true);
    await waitFor(
      () => b.call.participants.get(a.call.localId as string)?.mic === true,
      'b sees a unmuted',
    );
    expect(pc.remoteDescriptionsApplied.length).toBe(rounds);
  });

  it('camera off stops the track and sends nothing; on replaces it on every sender', async () => {
    const [a, b] = await bed.pair();
    const c = await bed.person();
    await c.call.join({ room: 'r', name: 'C' });
    await waitFor(() => fullyConnected([a.call, b.call, c.call]), 'mesh of 3');
    const oldTrack = a.media.videoTrack;
    const pcs = [b, c].map((p) => fakePc(a.call, p.call.localId as string));
    const videoSenders = pcs.map(
      (pc) => pc.getTransceivers().find((t) => t.sender.track === oldTrack)?.sender,
    );
    expect(videoSenders.every(Boolean)).toBe(true);
    const rounds = pcs.map((pc) => pc.remoteDescriptionsApplied.length);

    await a.call.setCamera(false);
    expect(oldTrack?.readyState).toBe('ended');
    expect(a.media.videoTrack).toBeNull();
    await waitFor(() => videoSenders.every((s) => s?.track === null), 'senders send nothing');
    await waitFor(
      () => b.call.participants.get(a.call.localId as string)?.camera === false,
      'b sees camera off',
    );

    await a.call.setCamera(true);
    const newTrack = a.media.videoTrack;
    expect(newTrack).not.toBeNull();
    expect(newTrack).not.toBe(oldTrack);
    await waitFor(() => videoSenders.every((s) => s?.track === newTrack), 'new track sent');
    await waitFor(
      () => c.call.participants.get(a.call.localId as string)?.camera === true,
      'c sees camera on',
    );
    // replaceTrack only: no offer/answer round on any connection.
    expect(pcs.map((pc) => pc.remoteDescriptionsApplied.length)).toEqual(rounds);
  });

  it('a camera switched off before joining is sent after it is switched on, without renegotiating', async () => {
    const a = await bed.person();
    await a.call.setCamera(false);
    const b = await bed.person();
    await a.call.join({ room: 'r' });
    await b.call.join({ room: 'r' });
    await waitFor(() => fullyConnected([a.call, b.call]), 'connected');
    const pc = fakePc(a.call, b.call.localId as string);
    const video = pc.getTransceivers().find((t) => t.sender.kind === 'video');
    // The video m-line is negotiated for sending although there is no track yet.
    expect(video?.currentDirection).toBe('sendrecv');
    const rounds = pc.remoteDescriptionsApplied.length;
    await a.call.setCamera(true);
    await waitFor(() => video?.sender.track === a.media.videoTrack, 'camera track sent');
    expect(pc.remoteDescriptionsApplied.length).toBe(rounds);
  });
});

describe('Call: own state while signaling is down', () => {
  it('every change reaches the app at once and the room after the resume', async () => {
    const [a, b] = await bed.pair();
    let changes = 0;
    a.call.on(CallEvent.LocalStateChanged, () => changes++);
    bed.bus.down = true;
    bed.bus.drop(a.call.localId as string);
    await waitFor(() => a.call.state === CallState.Reconnecting, 'reconnecting');
    await a.call.setMic(false);
    await a.call.setMic(true);
    a.call.setRecording(true);
    expect(changes).toBe(3);
    bed.bus.down = false;
    await waitFor(
      () => b.call.participants.get(a.call.localId as string)?.recording === true,
      'b sees the recording flag after the resume',
    );
    expect(b.call.participants.get(a.call.localId as string)?.mic).toBe(true);
  });
});

describe('Call: unreachable peers', () => {
  it('reports PeerUnreachable when ICE restarts do not help, and retryPeer starts over', async () => {
    const [a, b] = await bed.pair({ timings: { maxIceRestarts: 1 } });
    const errors: CallError[] = [];
    a.call.on(CallEvent.Error, (e) => errors.push(e));
    const pc = fakePc(a.call, b.call.localId as string);
    pc.simulateConnectionState('failed');
    expect(pc.restartIceCalls).toBe(1);
    pc.simulateConnectionState('connecting');
    pc.simulateConnectionState('failed');
    expect(errors.map((e) => e.code)).toEqual([CallErrorCode.PeerUnreachable]);
    expect(errors[0]?.message).toContain('B');
    const bId = b.call.localId as string;
    expect(a.call.participants.get(bId)?.connectionState).toBe('failed');
    expect(a.call.participants.get(bId)?.link).toBe(PeerLinkState.Unreachable);
    a.call.retryPeer(bId);
    expect(pc.restartIceCalls).toBe(2);
    expect(a.call.participants.get(bId)?.link).toBe(PeerLinkState.Reconnecting);
    await waitFor(() => fullyConnected([a.call, b.call]), 'connected again');
    expect(a.call.participants.get(bId)?.link).toBe(PeerLinkState.Connected);
  });
});
