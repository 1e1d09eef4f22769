import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveTimings, type IceTimings } from '../timings.js';
import { PeerLinkState } from '../types.js';
import { silentLogger } from '../utils/logger.js';
import { FakeMediaStream, FakeMediaStreamTrack } from '../test/fakeMedia.js';
import { FakePeerConnection } from '../test/FakePeerConnection.js';
import { advanceUntil, waitFor } from '../test/helpers.js';
import { PeerSession, type PeerSignal } from './PeerSession.js';
import type { LocalSource, SendSlot } from './TransceiverSlots.js';

/** A local side with both tracks. */
function localWithTracks(): LocalSource {
  const tracks = {
    audio: new FakeMediaStreamTrack('audio'),
    video: new FakeMediaStreamTrack('video'),
  };
  const stream = new FakeMediaStream([tracks.audio, tracks.video]);
  return {
    track: (slot: SendSlot) =>
      slot === 'screen' ? null : (tracks[slot] as unknown as MediaStreamTrack),
    canSend: () => true,
    stream: stream as unknown as MediaStream,
  };
}

interface End {
  session: PeerSession;
  pc: FakePeerConnection;
  /** Signals this side sent. */
  outbox: PeerSignal[];
}

const sessions: PeerSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
  vi.useRealTimers();
});

function end(
  id: string,
  remoteId: string,
  initiator: boolean,
  options: Partial<IceTimings> & { silenceMs?: number; silenceCheckIntervalMs?: number } = {},
): End {
  const pc = new FakePeerConnection();
  const outbox: PeerSignal[] = [];
  const session = new PeerSession({
    remoteId,
    polite: id < remoteId,
    initiator,
    pc: pc as unknown as RTCPeerConnection,
    local: localWithTracks(),
    send: (s) => outbox.push(s),
    logger: silentLogger,
    timings: resolveTimings(options),
    silenceMs: options.silenceMs,
    silenceCheckIntervalMs: options.silenceCheckIntervalMs,
  });
  sessions.push(session);
  return { session, pc, outbox };
}

/** Deliver everything each side sent to the other, as it is sent (like a live relay). */
function wire(a: End, b: End): () => void {
  let stopped = false;
  const pump = (from: End, to: End): void => {
    const original = from.outbox.push.bind(from.outbox);
    from.outbox.push = (...signals: PeerSignal[]) => {
      if (!stopped) for (const s of signals) void to.session.receive(s);
      return original(...signals);
    };
    for (const s of from.outbox) void to.session.receive(s);
  };
  pump(a, b);
  pump(b, a);
  return () => {
    stopped = true;
  };
}

const connected = (...ends: End[]): boolean =>
  ends.every((e) => e.pc.connectionState === 'connected');

describe('PeerSession: negotiation', () => {
  it('the initiator offers, the other answers, and both connect', async () => {
    const a = end('a', 'b', true);
    const b = end('b', 'a', false);
    wire(a, b);
    await waitFor(() => connected(a, b), 'connected');
    expect(a.outbox[0]?.type).toBe('offer');
    expect(b.outbox.find((s) => s.type !== 'ice-candidate')?.type).toBe('answer');
    expect(a.session.remoteStream.getTracks()).toHaveLength(2);
    expect(b.session.remoteStream.getTracks()).toHaveLength(2);
  });

  it('the initiator offers without waiting for negotiationneeded, and only once', async () => {
    // A page busy rendering runs the negotiationneeded task late: the offer must not wait for it.
    class NoNegotiationNeeded extends FakePeerConnection {
      override dispatchEvent(event: Event): boolean {
        return event.type === 'negotiationneeded' ? true : super.dispatchEvent(event);
      }
    }
    const outbox: PeerSignal[] = [];
    const pc = new NoNegotiationNeeded();
    const session = new PeerSession({
      remoteId: 'b',
      polite: true,
      initiator: true,
      pc: pc as unknown as RTCPeerConnection,
      local: localWithTracks(),
      send: (s) => outbox.push(s),
      logger: silentLogger,
      timings: resolveTimings(),
    });
    sessions.push(session);
    await waitFor(() => outbox.some((s) => s.type === 'offer'), 'offer sent');

    // With the event delivered too, a whole call still takes exactly one offer.
    const a = end('a', 'b', true);
    const b = end('b', 'a', false);
    wire(a, b);
    await waitFor(() => connected(a, b), 'connected');
    await waitFor(() => a.pc.signalingState === 'stable', 'stable');
    expect(a.outbox.filter((s) => s.type === 'offer')).toHaveLength(1);
    expect(b.outbox.filter((s) => s.type === 'offer')).toHaveLength(0);
  });

  it('glare: both add tracks and offer at once; it resolves to stable on both with no error', async () => {
    // Both think they are the newcomer (e.g. both were listed in each other's peer-list).
    const a = end('a', 'b', true);
    const b = end('b', 'a', true);
    // Let both offers be made before either is delivered.
    await waitFor(
      () => a.outbox.some((s) => s.type === 'offer') && b.outbox.some((s) => s.type === 'offer'),
      'both offered',
    );
    expect(a.pc.signalingState).toBe('have-local-offer');
    expect(b.pc.signalingState).toBe('have-local-offer');
    wire(a, b);
    await waitFor(
      () => connected(a, b) && a.pc.signalingState === 'stable' && b.pc.signalingState === 'stable',
      'stable and connected',
    );
    // 'a' < 'b': a is polite and rolled back; b ignored a's offer.
    expect(a.pc.rollbacks).toBe(1);
    expect(b.pc.rollbacks).toBe(0);
    expect([...a.pc.negotiationErrors, ...b.pc.negotiationErrors]).toEqual([]);
    // The polite side sends on the m-lines of the winning offer; its own unused ones are stopped,
    // so no second round and no extra m-lines.
    await waitFor(() => a.session.remoteStream.getTracks().length === 2, 'a receives');
    await waitFor(() => b.session.remoteStream.getTracks().length === 2, 'b receives');
    const live = a.pc.getTransceivers().filter((t) => t.direction !== 'stopped');
    expect(live.map((t) => [t.sender.kind, t.currentDirection])).toEqual([
      ['audio', 'sendrecv'],
      ['video', 'sendrecv'],
      ['video', 'sendrecv'],
    ]);
    expect(b.pc.remoteDescriptionsApplied).toEqual(['answer']);
  });

  it('candidates that arrive before the offer are buffered and applied after setRemoteDescription', async () => {
    const a = end('a', 'b', true);
    const b = end('b', 'a', false);
    await waitFor(
      () =>
        a.outbox.some((s) => s.type === 'offer') &&
        a.outbox.some((s) => s.type === 'ice-candidate'),
      'offer and a candidate',
    );
    const offer = a.outbox.find((s) => s.type === 'offer') as PeerSignal;
    const candidates = a.outbox.filter((s) => s.type === 'ice-candidate');
    // Candidates first: the browser would refuse them (no remote description yet).
    for (const c of candidates) await b.session.receive(c);
    expect(b.pc.remoteDescription).toBeNull();
    expect(b.pc.addedCandidates).toHaveLength(0);
    expect(b.pc.thrown).toEqual([]);
    await b.session.receive(offer);
    expect(b.pc.remoteDescriptionsApplied).toEqual(['offer']);
    expect(b.pc.addedCandidates.map((c) => c.candidate)).toEqual(
      candidates.map((c) => (c.type === 'ice-candidate' ? c.candidate?.candidate : undefined)),
    );
    expect(b.pc.thrown).toEqual([]);
  });
});

describe('PeerSession: ICE recovery', () => {
  it('restarts ICE on failed, renegotiates, and connects again', async () => {
    const a = end('a', 'b', true);
    const b = end('b', 'a', false);
    wire(a, b);
    await waitFor(() => connected(a, b), 'connected');
    a.pc.simulateConnectionState('failed');
    b.pc.simulateConnectionState('failed');
    expect(a.pc.restartIceCalls).toBe(1);
    expect(b.pc.restartIceCalls).toBe(1);
    await waitFor(() => connected(a, b), 'connected again');
    expect([...a.pc.negotiationErrors, ...b.pc.negotiationErrors]).toEqual([]);
  });

  it('restarts ICE when disconnected lasts longer than the delay, not when it heals', async () => {
    vi.useFakeTimers();
    const a = end('a', 'b', true, { iceDisconnectedRestartMs: 40 });
    const b = end('b', 'a', false, { iceDisconnectedRestartMs: 40 });
    wire(a, b);
    await advanceUntil(() => connected(a, b), 'connected');
    // A blip that heals within the delay: no restart.
    a.pc.simulateConnectionState('disconnected');
    a.pc.simulateConnectionState('connected');
    await vi.advanceTimersByTimeAsync(80);
    expect(a.pc.restartIceCalls).toBe(0);
    // One that lasts: restart, once the delay is over.
    a.pc.simulateConnectionState('disconnected');
    await vi.advanceTimersByTimeAsync(39);
    expect(a.pc.restartIceCalls).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(a.pc.restartIceCalls).toBe(1);
  });

  it('reports unreachable once after maxIceRestarts failures, and retry() starts over', () => {
    const a = end('a', 'b', true, { maxIceRestarts: 2 });
    let unreachable = 0;
    a.session.on('unreachable', () => unreachable++);
    for (let i = 0; i < 4; i++) {
      a.pc.simulateConnectionState('checking' as RTCPeerConnectionState);
      a.pc.simulateConnectionState('failed');
    }
    expect(a.pc.restartIceCalls).toBe(2);
    expect(unreachable).toBe(1);
    a.session.retry();
    expect(a.pc.restartIceCalls).toBe(3);
  });

  it('tells connecting, connected, reconnecting and unreachable apart, and retry() leaves unreachable', async () => {
    const a = end('a', 'b', true, { maxIceRestarts: 1 });
    const b = end('b', 'a', false);
    const links: PeerLinkState[] = [];
    a.session.on('linkChanged', (link) => links.push(link));
    expect(a.session.link).toBe(PeerLinkState.Connecting);
    wire(a, b);
    await waitFor(() => connected(a, b), 'connected');
    expect(a.session.link).toBe(PeerLinkState.Connected);
    a.pc.simulateConnectionState('disconnected');
    expect(a.session.link).toBe(PeerLinkState.Reconnecting);
    a.pc.simulateConnectionState('failed'); // restart 1 of 1
    a.pc.simulateConnectionState('connecting');
    expect(a.session.link).toBe(PeerLinkState.Reconnecting);
    a.pc.simulateConnectionState('failed'); // no restarts left
    expect(a.session.link).toBe(PeerLinkState.Unreachable);
    a.session.retry();
    expect(a.session.link).toBe(PeerLinkState.Reconnecting);
    await waitFor(() => connected(a, b), 'connected after retry');
    expect(links).toEqual([
      PeerLinkState.Connected,
      PeerLinkState.Reconnecting,
      PeerLinkState.Unreachable,
      PeerLinkState.Reconnecting,
      PeerLinkState.Connected,
    ]);
  });

  it('a restart that does not connect in time is followed by another, then unreachable', async () => {
    vi.useFakeTimers();
    const a = end('a', 'b', true, { maxIceRestarts: 2, iceRestartTimeoutMs: 30 });
    let unreachable = 0;
    a.session.on('unreachable', () => unreachable++);
    // Never wired to a peer: no restart can connect, and the browser reports nothing more.
    a.pc.simulateConnectionState('failed');
    expect(a.pc.restartIceCalls).toBe(1);
    await advanceUntil(() => a.pc.restartIceCalls === 2, 'second restart after the timeout');
    await advanceUntil(() => unreachable === 1, 'unreachable after the last timeout');
    expect(a.session.link).toBe(PeerLinkState.Unreachable);
    await vi.advanceTimersByTimeAsync(80);
    expect(a.pc.restartIceCalls).toBe(2);
    expect(unreachable).toBe(1);
  });

  it('a restart that connects in time cancels its timeout', async () => {
    vi.useFakeTimers();
    const a = end('a', 'b', true, { iceRestartTimeoutMs: 40 });
    const b = end('b', 'a', false);
    wire(a, b);
    await advanceUntil(() => connected(a, b), 'connected');
    a.pc.simulateConnectionState('failed');
    await advanceUntil(() => connected(a, b), 'connected again');
    await vi.advanceTimersByTimeAsync(80);
    expect(a.pc.restartIceCalls).toBe(1);
  });

  it('a connection that says connected but receives nothing is shown reconnecting until things arrive', async () => {
    vi.useFakeTimers();
    const silence = { silenceMs: 60, silenceCheckIntervalMs: 10 };
    const a = end('a', 'b', true, silence);
    const b = end('b', 'a', false);
    wire(a, b);
    await advanceUntil(() => connected(a, b), 'connected');
    // Things arrive: no silence, however long it runs.
    const flowing = setInterval(() => (a.pc.receivedBytes = (a.pc.receivedBytes ?? 0) + 100), 5);
    await vi.advanceTimersByTimeAsync(150);
    expect(a.session.link).toBe(PeerLinkState.Connected);
    expect(a.pc.restartIceCalls).toBe(0);

    // The path dies, the browser keeps saying `connected` (as Firefox may for 30 s).
    clearInterval(flowing);
    await advanceUntil(() => a.session.link === PeerLinkState.Reconnecting, 'reconnecting');
    expect(a.pc.connectionState).toBe('connected');
    // The restart is left to the other side or to this browser's own `failed`.
    expect(a.pc.restartIceCalls).toBe(0);

    // Firefox says `connected` again when the other side restarts ICE over the dead path: that
    // is no news, the tile goes on saying Reconnecting.
    a.pc.simulateConnectionState('connected');
    a.pc.dispatchEvent(new Event('connectionstatechange'));
    await vi.advanceTimersByTimeAsync(30);
    expect(a.session.link).toBe(PeerLinkState.Reconnecting);

    // Arriving again: connected.
    a.pc.receivedBytes! += 1;
    await advanceUntil(() => a.session.link === PeerLinkState.Connected, 'connected again');
    expect(a.pc.restartIceCalls).toBe(0);
  });

  it('a connection on which nothing was ever received is not called silent', async () => {
    vi.useFakeTimers();
    const a = end('a', 'b', true, { silenceMs: 20, silenceCheckIntervalMs: 5 });
    const b = end('b', 'a', false);
    wire(a, b);
    await advanceUntil(() => connected(a, b), 'connected');
    a.pc.receivedBytes = 0; // a candidate pair, but nobody sends anything
    await vi.advanceTimersByTimeAsync(100);
    expect(a.session.link).toBe(PeerLinkState.Connected);
    expect(a.pc.restartIceCalls).toBe(0);
  });

  it('close() removes every listener and timer and closes the connection', async () => {
    vi.useFakeTimers();
    const a = end('a', 'b', true, { iceDisconnectedRestartMs: 10 });
    const b = end('b', 'a', false);
    wire(a, b);
    await advanceUntil(() => connected(a, b), 'connected');
    expect(a.pc.listenerCount).toBeGreaterThan(0);
    a.pc.simulateConnectionState('disconnected');
    a.session.close();
    expect(a.pc.listenerCount).toBe(0);
    expect(a.pc.signalingState).toBe('closed');
    await vi.advanceTimersByTimeAsync(30);
    // The disconnected timer was cancelled: no restart on a closed connection.
    expect(a.pc.restartIceCalls).toBe(0);
  });
});

describe('PeerSession: local tracks', () => {
  it('setLocalTrack replaces the track on the sender without renegotiating', async () => {
    vi.useFakeTimers();
    const a = end('a', 'b', true);
    const b = end('b', 'a', false);
    wire(a, b);
    await advanceUntil(() => connected(a, b), 'connected');
    const rounds = b.pc.remoteDescriptionsApplied.length;
    const fresh = new FakeMediaStreamTrack('video');
    await a.session.setLocalTrack('video', fresh as unknown as MediaStreamTrack);
    const sender = a.pc.getTransceivers().find((t) => t.sender.kind === 'video')?.sender;
    expect(sender?.track).toBe(fresh);
    await a.session.setLocalTrack('video', null);
    expect(sender?.track).toBeNull();
    await vi.advanceTimersByTimeAsync(20);
    expect(b.pc.remoteDescriptionsApplied.length).toBe(rounds);
  });
});
