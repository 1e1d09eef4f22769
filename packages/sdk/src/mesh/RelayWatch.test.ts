import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RelayWatch, type RelayFailure } from './RelayWatch.js';

/** A peer connection that only emits what a test tells it to. */
class Gatherer extends EventTarget {
  iceGatheringState: RTCIceGatheringState = 'new';
  state(s: RTCIceGatheringState): void {
    this.iceGatheringState = s;
    this.dispatchEvent(new Event('icegatheringstatechange'));
  }
  candidate(line: string): void {
    this.dispatchEvent(
      Object.assign(new Event('icecandidate'), { candidate: { candidate: line } }),
    );
  }
  error(errorCode: number, url: string): void {
    const e = Object.assign(new Event('icecandidateerror'), { errorCode, errorText: 't', url });
    this.dispatchEvent(e);
  }
}

const RELAY = 'candidate:1 1 udp 5 127.0.0.1 49160 typ relay raddr 0.0.0.0 rport 0';
const HOST = 'candidate:2 1 udp 2122 192.0.2.2 5000 typ host generation 0';

function watch(expectRelay = true) {
  const pc = new Gatherer();
  const failures: [RelayFailure, string][] = [];
  let relays = 0;
  const w = new RelayWatch({
    listen: (type, listener) => pc.addEventListener(type, listener as EventListener),
    expectRelay: () => expectRelay,
    onFailure: (reason, detail) => failures.push([reason, detail]),
    onRelay: () => relays++,
    timeoutMs: 10_000,
  });
  return { pc, failures, relays: () => relays, w };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('RelayWatch', () => {
  it('is content with a relayed candidate', () => {
    const { pc, failures, relays } = watch();
    pc.state('gathering');
    pc.candidate(HOST);
    pc.candidate(RELAY);
    pc.state('complete');
    vi.advanceTimersByTime(60_000);
    expect(failures).toEqual([]);
    expect(relays()).toBe(1);
  });

  it('calls a 401 from the TURN server a refusal, once per round', () => {
    const { pc, failures } = watch();
    pc.state('gathering');
    pc.candidate(HOST);
    pc.error(401, 'turn:127.0.0.1:3478?transport=udp');
    pc.error(701, 'stun:127.0.0.1:3478'); // STUN trouble is not the relay's
    pc.state('complete');
    vi.advanceTimersByTime(60_000);
    expect(failures).toEqual([['rejected', '401 t']]);
    // An ICE restart is a new round with a new verdict.
    pc.state('gathering');
    pc.state('complete');
    expect(failures.map(([r]) => r)).toEqual(['rejected', 'unreachable']);
  });

  it('calls a round without relay by the deadline unreachable', () => {
    const { pc, failures } = watch();
    pc.state('gathering');
    vi.advanceTimersByTime(9_999);
    expect(failures).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(failures).toEqual([['unreachable', 'no answer']]);
    pc.state('complete');
    expect(failures).toHaveLength(1);
  });

  it('says nothing when no relay is expected, or after stop()', () => {
    const quiet = watch(false);
    quiet.pc.state('gathering');
    quiet.pc.state('complete');
    expect(quiet.failures).toEqual([]);
    const stopped = watch();
    stopped.pc.state('gathering');
    stopped.w.stop();
    vi.advanceTimersByTime(60_000);
    expect(stopped.failures).toEqual([]);
  });
});
