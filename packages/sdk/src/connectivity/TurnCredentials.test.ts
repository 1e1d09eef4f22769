import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TurnCredentials, isTurnRefusal, isTurnUrl } from './TurnCredentials.js';

const TURN = { urls: ['turn:turn.test:3478'], username: '100:me', credential: 'c' };
const STUN = { urls: ['stun:stun.test:3478'] };

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('TurnCredentials', () => {
  it('adds the server’s ICE servers after the app’s own, relay-only when asked', () => {
    const own = { urls: 'stun:own.test' };
    const ice = new TurnCredentials({
      base: { iceServers: [own], bundlePolicy: 'max-bundle' },
      relayOnly: true,
      requestRefresh: () => undefined,
    });
    ice.update([STUN, TURN], undefined);
    expect(ice.configuration).toEqual({
      bundlePolicy: 'max-bundle',
      iceServers: [own, STUN, TURN],
      iceTransportPolicy: 'relay',
    });
    expect(ice.hasTurn).toBe(true);
    const plain = new TurnCredentials({ requestRefresh: () => undefined });
    plain.update([STUN], undefined);
    expect(plain.configuration.iceTransportPolicy).toBeUndefined();
    expect(plain.hasTurn).toBe(false);
  });

  it('asks for fresh credentials at 80 % of their remaining lifetime, once per update', () => {
    const refresh = vi.fn();
    const ice = new TurnCredentials({ requestRefresh: refresh });
    const now = Date.now();
    ice.update([TURN], now + 100_000, now);
    vi.advanceTimersByTime(79_999);
    expect(refresh).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(refresh).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1_000_000);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('replaces the pending refresh on every update and never asks more often than every 5 s', () => {
    const refresh = vi.fn();
    const ice = new TurnCredentials({ requestRefresh: refresh });
    const now = Date.now();
    ice.update([TURN], now + 100_000, now);
    ice.update([TURN], now + 1_000, now); // almost expired (or a skewed clock)
    vi.advanceTimersByTime(4_999);
    expect(refresh).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(refresh).toHaveBeenCalledTimes(1);
    ice.update([TURN], Date.now() + 50_000);
    ice.stop();
    vi.advanceTimersByTime(1_000_000);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('schedules nothing for servers without an expiry (STUN only)', () => {
    const refresh = vi.fn();
    new TurnCredentials({ requestRefresh: refresh }).update([STUN], undefined);
    vi.advanceTimersByTime(10_000_000);
    expect(refresh).not.toHaveBeenCalled();
  });
});

describe('TURN helpers', () => {
  it('tell relay URLs and refusals apart', () => {
    expect(['turn:a', 'turns:a:5349', 'TURN:a'].every(isTurnUrl)).toBe(true);
    expect(['stun:a', 'stuns:a', 'https://a'].some(isTurnUrl)).toBe(false);
    expect([401, 403, 437, 441, 486].every(isTurnRefusal)).toBe(true);
    expect([701, 500, 0].some(isTurnRefusal)).toBe(false);
  });
});
