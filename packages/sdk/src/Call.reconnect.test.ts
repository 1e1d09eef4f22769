import { describe, expect, it, vi } from 'vitest';
import { CallErrorCode, type CallError } from './errors.js';
import { CallEvent } from './events.js';
import { CallState, PeerLinkState } from './types.js';
import { FakePeerConnection } from './test/FakePeerConnection.js';
import { TimerTracker } from './test/timerTracker.js';
import {
  advanceUntil,
  fakePc,
  fullyConnected,
  makePerson,
  settle,
  useCallBed,
  waitFor,
} from './test/helpers.js';

const bed = useCallBed();

describe('Call: signaling loss', () => {
  it('a dropped connection reconnects and resumes the same id; peer connections are untouched', async () => {
    const [a, b] = await bed.pair();
    const aId = a.call.localId as string;
    const pcA = fakePc(a.call, b.call.localId as string);
    const pcB = fakePc(b.call, aId);
    const rounds = [pcA.remoteDescriptionsApplied.length, pcB.remoteDescriptionsApplied.length];
    const pcsBefore = FakePeerConnection.instances.length;
    const states: CallState[] = [];
    a.call.on(CallEvent.StateChanged, (s) => states.push(s));
    const leftOnB: string[] = [];
    b.call.on(CallEvent.ParticipantLeft, (p) => leftOnB.push(p.id));

    bed.bus.drop(aId);
    await waitFor(() => a.call.state === CallState.Reconnecting, 'reconnecting');
    await waitFor(() => a.call.state === CallState.Connected, 'resumed');
    expect(states).toEqual([CallState.Reconnecting, CallState.Connected]);
    expect(a.call.localId).toBe(aId);
    const rejoin = bed.bus.socketOf(aId)?.sent[0];
    expect(rejoin).toMatchObject({ type: 'join', room: 'r' });
    expect(rejoin?.type === 'join' && rejoin.resumeToken).toBeTruthy();
    await settle();
    // Same connections, no new ones, no renegotiation, nobody left.
    expect(a.call.getPeerConnection(b.call.localId as string)).toBe(pcA);
    expect(b.call.getPeerConnection(aId)).toBe(pcB);
    expect(FakePeerConnection.instances.length).toBe(pcsBefore);
    expect([pcA.remoteDescriptionsApplied.length, pcB.remoteDescriptionsApplied.length]).toEqual(
      rounds,
    );
    expect(leftOnB).toEqual([]);
    expect(fullyConnected([a.call, b.call])).toBe(true);
  });

  it('after the resume a peer given up as unreachable gets a fresh round of ICE restarts', async () => {
    const [a, b] = await bed.pair({ timings: { maxIceRestarts: 1 } });
    const bId = b.call.localId as string;
    const pc = fakePc(a.call, bId);
    pc.simulateConnectionState('failed');
    pc.simulateConnectionState('connecting');
    pc.simulateConnectionState('failed');
    expect(a.call.participants.get(bId)?.link).toBe(PeerLinkState.Unreachable);
    const restarts = pc.restartIceCalls;

    bed.bus.drop(a.call.localId as string);
    await waitFor(() => a.call.state === CallState.Reconnecting, 'reconnecting');
    await waitFor(() => a.call.state === CallState.Connected, 'resumed');
    expect(pc.restartIceCalls).toBe(restarts + 1);
    await waitFor(() => fullyConnected([a.call, b.call]), 'connected again');
    expect(a.call.participants.get(bId)?.link).toBe(PeerLinkState.Connected);
  });

  it('after a server restart both sides resume with their ids and keep their connections', async () => {
    const [a, b] = await bed.pair();
    const ids = [a.call.localId, b.call.localId];
    const pcA = fakePc(a.call, b.call.localId as string);
    bed.bus.restart();
    await waitFor(
      () => a.call.state === CallState.Reconnecting || a.call.state === CallState.Connected,
      'noticed',
    );
    await waitFor(
      () => a.call.state === CallState.Connected && b.call.state === CallState.Connected,
      'both resumed',
    );
    expect([a.call.localId, b.call.localId]).toEqual(ids);
    expect(bed.bus.members('r').sort()).toEqual([...ids].sort());
    expect(a.call.getPeerConnection(b.call.localId as string)).toBe(pcA);
    // A third person can join and connect to both.
    const c = await bed.person();
    await c.call.join({ room: 'r' });
    await waitFor(() => fullyConnected([a.call, b.call, c.call]), 'mesh of 3 after restart');
  });

  it('a peer that does not come back after a resume is dropped after the grace period', async () => {
    const a = await makePerson(bed.bus, { timings: { resumeGraceMs: 150 } });
    const b = await makePerson(bed.bus);
    bed.people.push(a);
    await a.call.join({ room: 'r' });
    await b.call.join({ room: 'r' });
    await waitFor(() => fullyConnected([a.call, b.call]), 'connected');
    const bId = b.call.localId as string;
    const pc = fakePc(a.call, bId);
    // The server restarts and b never comes back: a hears no peer-left from anyone.
    bed.bus.down = true;
    bed.bus.restart();
    await waitFor(() => a.call.state === CallState.Reconnecting, 'a reconnecting');
    await b.call.leave();
    bed.bus.down = false;
    await waitFor(() => a.call.state === CallState.Connected, 'a resumed');
    expect(a.call.participants.has(bId)).toBe(true);
    await waitFor(() => !a.call.participants.has(bId), 'b dropped after the grace period');
    expect(pc.signalingState).toBe('closed');
  });

  it('a peer that comes back within the grace period is kept', async () => {
    const graceMs = 1_000;
    // a comes back first, so its peer list lacks b and b's grace starts; b follows in time.
    const a = await makePerson(bed.bus, {
      timings: { resumeGraceMs: graceMs },
      reconnectPolicy: { nextRetryDelayMs: () => 5 },
    });
    const b = await makePerson(bed.bus, { reconnectPolicy: { nextRetryDelayMs: () => 200 } });
    bed.people.push(a, b);
    await a.call.join({ room: 'r' });
    await b.call.join({ room: 'r' });
    await waitFor(() => fullyConnected([a.call, b.call]), 'connected');
    const pc = fakePc(a.call, b.call.localId as string);
    // From here the clock is the test's: the grace timer and the reconnects run on it.
    vi.useFakeTimers();
    try {
      bed.bus.restart();
      await advanceUntil(
        () => a.call.state === CallState.Connected && b.call.state === CallState.Connected,
        'both resumed',
      );
      // Well past the grace period: b came back in time, so a gave nothing up.
      await vi.advanceTimersByTimeAsync(graceMs * 2);
      expect(a.call.participants.has(b.call.localId as string)).toBe(true);
      expect(a.call.getPeerConnection(b.call.localId as string)).toBe(pc);
      expect(pc.signalingState).toBe('stable');
    } finally {
      vi.useRealTimers();
    }
  });

  it('gives up after the policy returns null and ends the call with ServerUnreachable', async () => {
    const a = await bed.person({
      reconnectPolicy: { nextRetryDelayMs: ({ attempt }) => (attempt < 2 ? 5 : null) },
    });
    await a.call.join({ room: 'r' });
    const errors: CallError[] = [];
    a.call.on(CallEvent.Error, (e) => errors.push(e));
    bed.bus.down = true;
    bed.bus.drop(a.call.localId as string);
    await waitFor(() => a.call.state === CallState.Disconnected, 'gave up');
    expect(errors.map((e) => e.code)).toEqual([CallErrorCode.ServerUnreachable]);
  });
});

describe('Call: cleanup', () => {
  it('leave() removes every listener and timer: nothing is left behind', async () => {
    const timers = new TimerTracker();
    timers.install();
    try {
      const [a, b] = await bed.pair();
      const c = await bed.person();
      await c.call.join({ room: 'r' });
      await waitFor(() => fullyConnected([a.call, b.call, c.call]), 'mesh');
      // Exercise the timers: a disconnected ICE (restart timer) and a reconnect (backoff timer).
      fakePc(a.call, b.call.localId as string).simulateConnectionState('disconnected');
      bed.bus.drop(c.call.localId as string);
      const pcs = [b, c].map((p) => fakePc(a.call, p.call.localId as string));
      const socket = bed.bus.socketOf(a.call.localId as string);
      for (const p of bed.people) await p.call.leave();
      await settle();
      expect(pcs.map((pc) => pc.listenerCount)).toEqual([0, 0]);
      expect(pcs.map((pc) => pc.signalingState)).toEqual(['closed', 'closed']);
      expect(socket?.listenerCount).toBe(0);
      expect(timers.live()).toEqual([]);
      expect(a.media.listenerCount()).toBe(0);
      // Local media is untouched by leave.
      expect(a.media.videoTrack?.readyState).toBe('live');
    } finally {
      timers.uninstall();
    }
  });
});
