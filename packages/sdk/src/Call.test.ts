import { describe, expect, it } from 'vitest';
import { CallErrorCode, type CallError } from './errors.js';
import { CallEvent } from './events.js';
import { CallState } from './types.js';
import { FakePeerConnection } from './test/FakePeerConnection.js';
import { fakePc, fullyConnected, settle, useCallBed, waitFor } from './test/helpers.js';

const bed = useCallBed();

describe('Call: joining and connecting', () => {
  it('two calls in one room see each other and connect', async () => {
    const ann = await bed.person();
    const bob = await bed.person();
    await ann.call.join({ room: 'r1', name: 'Ann' });
    expect(ann.call.state).toBe(CallState.Connected);
    await bob.call.join({ room: 'r1', name: 'Bob' });
    await waitFor(() => fullyConnected([ann.call, bob.call]), 'both connected');

    const bobId = bob.call.localId as string;
    const annId = ann.call.localId as string;
    expect(ann.call.participants.get(bobId)?.name).toBe('Bob');
    expect(bob.call.participants.get(annId)?.name).toBe('Ann');
    // Each receives the other's audio and video.
    await waitFor(
      () => ann.call.participants.get(bobId)?.stream.getTracks().length === 2,
      'ann gets 2 tracks',
    );
    await waitFor(
      () => bob.call.participants.get(annId)?.stream.getTracks().length === 2,
      'bob gets 2 tracks',
    );
    // The newcomer (Bob) offered; Ann answered: one round, no stray errors.
    const annPc = fakePc(ann.call, bobId);
    const bobPc = fakePc(bob.call, annId);
    expect(annPc.remoteDescriptionsApplied).toEqual(['offer']);
    expect(bobPc.remoteDescriptionsApplied).toEqual(['answer']);
    expect([...annPc.thrown, ...bobPc.thrown]).toEqual([]);
    // Both send on exactly one audio and one video transceiver, with their own tracks.
    for (const [pc, p] of [
      [annPc, ann],
      [bobPc, bob],
    ] as const) {
      const sending = pc.getTransceivers().filter((t) => t.currentDirection === 'sendrecv');
      expect(sending.map((t) => t.sender.kind).sort()).toEqual(['audio', 'video']);
      expect(sending.map((t) => t.sender.track)).toEqual(
        expect.arrayContaining([p.media.audioTrack, p.media.videoTrack]),
      );
    }
  });

  it('join() resolves with the listed peers known and the offers to them under way', async () => {
    // Whatever the app does once joined (rendering the call) must not hold the offers back.
    const ann = await bed.person();
    const bob = await bed.person();
    const cid = await bed.person();
    await ann.call.join({ room: 'r1', name: 'Ann' });
    await bob.call.join({ room: 'r1', name: 'Bob' });
    await cid.call.join({ room: 'r1', name: 'Cid' });
    expect([...cid.call.participants.values()].map((p) => p.name).sort()).toEqual(['Ann', 'Bob']);
    for (const p of [ann, bob]) {
      expect(fakePc(cid.call, p.call.localId as string).getTransceivers()).toHaveLength(3);
    }
    await waitFor(() => fullyConnected([ann.call, bob.call, cid.call]), 'all connected');
  });

  it('three calls form a full mesh', async () => {
    const a = await bed.person();
    const b = await bed.person();
    const c = await bed.person();
    await a.call.join({ room: 'mesh', name: 'A' });
    await b.call.join({ room: 'mesh', name: 'B' });
    await c.call.join({ room: 'mesh', name: 'C' });
    await waitFor(() => fullyConnected([a.call, b.call, c.call]), 'full mesh of 3');
    for (const p of [a, b, c]) {
      for (const remote of p.call.participants.values()) {
        await waitFor(() => remote.stream.getTracks().length >= 2, 'tracks from everyone');
      }
    }
  });

  it('a call in another room sees nobody from this one', async () => {
    const a = await bed.person();
    const b = await bed.person();
    const other = await bed.person();
    await a.call.join({ room: 'one' });
    await b.call.join({ room: 'one' });
    await other.call.join({ room: 'two' });
    await waitFor(() => fullyConnected([a.call, b.call]), 'room one connected');
    await settle();
    expect(other.call.participants.size).toBe(0);
  });

  it('someone leaving is removed from the others, and their connection closed', async () => {
    const a = await bed.person();
    const b = await bed.person();
    await a.call.join({ room: 'r' });
    await b.call.join({ room: 'r' });
    await waitFor(() => fullyConnected([a.call, b.call]), 'connected');
    const pc = fakePc(a.call, b.call.localId as string);
    const left: string[] = [];
    a.call.on(CallEvent.ParticipantLeft, (p) => left.push(p.id));
    await b.call.leave();
    await waitFor(() => a.call.participants.size === 0, 'b gone from a');
    expect(left).toEqual([b.call.localId]);
    expect(pc.signalingState).toBe('closed');
    expect(b.call.state).toBe(CallState.Disconnected);
  });

  it('a call without any device still receives the others (recvonly transceivers)', async () => {
    const watcher = await bed.person({ withMedia: false });
    const speaker = await bed.person();
    await speaker.call.join({ room: 'r' });
    await watcher.call.join({ room: 'r' });
    await waitFor(() => fullyConnected([watcher.call, speaker.call]), 'connected');
    const remote = watcher.call.participants.get(speaker.call.localId as string);
    await waitFor(() => remote?.stream.getTracks().length === 2, 'watcher receives 2 tracks');
    const pc = fakePc(watcher.call, speaker.call.localId as string);
    expect(pc.getTransceivers().map((t) => [t.sender.kind, t.currentDirection])).toEqual([
      ['audio', 'recvonly'],
      ['video', 'recvonly'],
      // The screen's slot: neither side can share a screen here (no getDisplayMedia).
      ['video', 'inactive'],
    ]);
    // And the speaker gets nothing from the watcher, without error.
    const back = speaker.call.participants.get(watcher.call.localId as string);
    expect(back?.stream.getTracks()).toHaveLength(0);
  });

  it('an audio-only call sends audio and receives video', async () => {
    const audioOnly = await bed.person({ video: false });
    const full = await bed.person();
    await full.call.join({ room: 'r' });
    await audioOnly.call.join({ room: 'r' });
    await waitFor(() => fullyConnected([audioOnly.call, full.call]), 'connected');
    const fromFull = audioOnly.call.participants.get(full.call.localId as string);
    await waitFor(() => fromFull?.stream.getTracks().length === 2, 'audio-only gets video too');
    const fromAudioOnly = full.call.participants.get(audioOnly.call.localId as string);
    await waitFor(() => fromAudioOnly?.stream.getTracks().length === 1, 'one track back');
    expect(fromAudioOnly?.stream.getTracks()[0]?.kind).toBe('audio');
  });
});

describe('Call: glare', () => {
  it('both sides offering at once resolves to stable on both, with no error', async () => {
    const a = await bed.person();
    const b = await bed.person();
    await a.call.join({ room: 'g' });
    await b.call.join({ room: 'g' });
    await waitFor(() => fullyConnected([a.call, b.call]), 'connected');
    const aPc = fakePc(a.call, b.call.localId as string);
    const bPc = fakePc(b.call, a.call.localId as string);
    const errors: CallError[] = [];
    a.call.on(CallEvent.Error, (e) => errors.push(e));
    b.call.on(CallEvent.Error, (e) => errors.push(e));
    // Both restart ICE in the same turn: two offers cross on the wire.
    aPc.restartIce();
    bPc.restartIce();
    await waitFor(
      () =>
        aPc.signalingState === 'stable' &&
        bPc.signalingState === 'stable' &&
        aPc.remoteDescriptionsApplied.length + bPc.remoteDescriptionsApplied.length >= 4,
      'renegotiated',
    );
    await waitFor(() => fullyConnected([a.call, b.call]), 'still connected');
    // It really was glare: the polite side rolled its offer back.
    expect(aPc.rollbacks + bPc.rollbacks).toBe(1);
    // Candidates of the offer the impolite side ignored may be refused (and are ignored, as in
    // the spec's example); no offer/answer step may fail.
    expect([...aPc.negotiationErrors, ...bPc.negotiationErrors]).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('Call: join failures', () => {
  it('maps RoomFull, PasswordRequired and WrongPassword, and join can be retried', async () => {
    bed.bus.capacity = 1;
    const owner = await bed.person();
    await owner.call.join({ room: 'locked', password: 'secret' });
    const guest = await bed.person();
    // The server asks for the password before it counts the room (see the contract suite).
    await expect(guest.call.join({ room: 'locked', password: 'secret' })).rejects.toMatchObject({
      code: CallErrorCode.RoomFull,
    });
    expect(guest.call.state).toBe(CallState.Idle);
    bed.bus.capacity = 8;
    await expect(guest.call.join({ room: 'locked' })).rejects.toMatchObject({
      code: CallErrorCode.PasswordRequired,
    });
    await expect(guest.call.join({ room: 'locked', password: 'nope' })).rejects.toMatchObject({
      code: CallErrorCode.WrongPassword,
    });
    await guest.call.join({ room: 'locked', password: 'secret' });
    expect(guest.call.state).toBe(CallState.Connected);
  });

  it('rejects a bad room name with InvalidInput before connecting', async () => {
    const p = await bed.person();
    await expect(p.call.join({ room: 'no spaces/allowed' })).rejects.toMatchObject({
      code: CallErrorCode.InvalidInput,
    });
    expect(p.call.state).toBe(CallState.Idle);
  });

  it('rejects with ServerUnreachable when the server is down', async () => {
    bed.bus.down = true;
    const p = await bed.person();
    await expect(p.call.join({ room: 'r' })).rejects.toMatchObject({
      code: CallErrorCode.ServerUnreachable,
    });
    expect(p.call.state).toBe(CallState.Idle);
  });

  it('leave() during join ends the call: join rejects and the state stays Disconnected', async () => {
    const p = await bed.person();
    const joining = p.call.join({ room: 'r' });
    await p.call.leave();
    await expect(joining).rejects.toBeInstanceOf(Error);
    expect(p.call.state).toBe(CallState.Disconnected);
    await expect(p.call.join({ room: 'r' })).rejects.toMatchObject({
      code: CallErrorCode.InvalidState,
    });
    await settle();
    expect(bed.bus.members('r')).toEqual([]);
  });

  it('join twice is InvalidState', async () => {
    const p = await bed.person();
    await p.call.join({ room: 'r' });
    await expect(p.call.join({ room: 'r' })).rejects.toMatchObject({
      code: CallErrorCode.InvalidState,
    });
  });
});

describe('Call: replaced session', () => {
  it('a join with replaceToken removes the old session; the old call ends with Replaced', async () => {
    const old = await bed.person();
    const other = await bed.person();
    await old.call.join({ room: 'r', name: 'Ann' });
    await other.call.join({ room: 'r' });
    await waitFor(() => fullyConnected([old.call, other.call]), 'connected');
    const errors: CallError[] = [];
    old.call.on(CallEvent.Error, (e) => errors.push(e));
    const fresh = await bed.person();
    await fresh.call.join({
      room: 'r',
      name: 'Ann',
      replaceToken: old.call.resumeToken,
    });
    await waitFor(() => old.call.state === CallState.Disconnected, 'old call ended');
    expect(errors.map((e) => e.code)).toEqual([CallErrorCode.Replaced]);
    await waitFor(() => fullyConnected([fresh.call, other.call]), 'fresh connected');
    expect([...other.call.participants.keys()]).toEqual([fresh.call.localId]);
  });
});

describe('Call: FakePeerConnection sanity', () => {
  it('counts every fake made', () => {
    expect(FakePeerConnection.instances.length).toBeGreaterThanOrEqual(0);
  });
});
