import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakePeerConnection } from '../test/FakePeerConnection.js';
import { PeerLinkState } from '../types.js';
import { silentLogger } from '../utils/logger.js';
import { LinkRecovery } from './LinkRecovery.js';

function recovery(pc: FakePeerConnection) {
  const links: PeerLinkState[] = [];
  let unreachable = 0;
  const r = new LinkRecovery({
    pc: pc as unknown as RTCPeerConnection,
    remoteId: 'b',
    listen: (type, listener) => pc.addEventListener(type, listener as unknown as EventListener),
    logger: silentLogger,
    disconnectedRestartMs: 100,
    maxIceRestarts: 2,
    restartTimeoutMs: 1_000,
    silenceMs: 10_000,
    silenceCheckIntervalMs: 5_000,
    onConnectionState: () => undefined,
    onLink: (link) => links.push(link),
    onUnreachable: () => unreachable++,
  });
  return { r, links, unreachable: () => unreachable };
}

describe('LinkRecovery', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('restarts a lasting disconnect, retries restarts that do not connect, then gives up', () => {
    const pc = new FakePeerConnection();
    const { r, links, unreachable } = recovery(pc);
    pc.simulateConnectionState('connected');
    pc.simulateConnectionState('disconnected');
    vi.advanceTimersByTime(99);
    expect(pc.restartIceCalls).toBe(0);
    vi.advanceTimersByTime(1);
    expect(pc.restartIceCalls).toBe(1);
    vi.advanceTimersByTime(1_000);
    expect(pc.restartIceCalls).toBe(2);
    vi.advanceTimersByTime(1_000);
    expect(pc.restartIceCalls).toBe(2);
    expect(unreachable()).toBe(1);
    expect(r.link).toBe(PeerLinkState.Unreachable);
    expect(links).toContain(PeerLinkState.Reconnecting);
    r.close();
  });

  it('leaves no timer behind when closed mid-recovery', () => {
    const pc = new FakePeerConnection();
    const { r } = recovery(pc);
    const before = vi.getTimerCount();
    pc.simulateConnectionState('connected');
    pc.simulateConnectionState('disconnected');
    r.restartIce();
    expect(vi.getTimerCount()).toBeGreaterThan(before);
    r.close();
    // What is left is the fake connection's own (its negotiation), not recovery's.
    expect(vi.getTimerCount() - pc.pendingTimers).toBe(before);
  });
});
