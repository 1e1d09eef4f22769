import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { arrivedSince, receivedByPair, SilenceWatch } from './SilenceWatch.js';

type Stat = Record<string, unknown>;

function report(...stats: Stat[]): RTCStatsReport {
  const byId = new Map(stats.map((stat, index) => [`stat-${index}`, stat]));
  return byId;
}

const pair = (bytesReceived: number, extra: Stat = {}): Stat => ({
  id: 'pair-1',
  type: 'candidate-pair',
  bytesReceived,
  ...extra,
});

/** A watch over statistics the test sets, on fake timers. */
function watched(silenceMs = 3_000) {
  let stats = report();
  const changes: boolean[] = [];
  const watch = new SilenceWatch({
    getStats: () => Promise.resolve(stats),
    intervalMs: 1_000,
    silenceMs,
    onChange: (silent) => changes.push(silent),
    now: () => Date.now(),
  });
  return {
    watch,
    changes,
    set: (...next: Stat[]) => (stats = report(...next)),
    /** Lets `ms` pass, one read per second. */
    pass: async (ms: number) => vi.advanceTimersByTimeAsync(ms),
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('receivedByPair and arrivedSince', () => {
  it('adds the bytes, STUN requests and answers each candidate pair received', () => {
    const stats = report(
      pair(1000, { requestsReceived: 3, responsesReceived: 4 }),
      pair(10, { id: 'pair-2', requestsReceived: 1 }),
      { id: 'in', type: 'inbound-rtp', bytesReceived: 99_999 },
    );
    expect(receivedByPair(stats)).toEqual(
      new Map([
        ['pair-1', 1007],
        ['pair-2', 11],
      ]),
    );
  });

  it('ignores fields that are not numbers', () => {
    const stats = report(pair(Number.NaN, { requestsReceived: '7' }));
    expect(receivedByPair(stats)).toEqual(new Map([['pair-1', 0]]));
  });

  it('an arrival is a pair that received more, or a new pair that received anything', () => {
    const before = new Map([['a', 10]]);
    expect(arrivedSince(before, new Map([['a', 11]]))).toBe(true);
    expect(arrivedSince(before, new Map([['a', 10]]))).toBe(false);
    expect(arrivedSince(before, new Map([['b', 1]]))).toBe(true);
    expect(arrivedSince(before, new Map([['b', 0]]))).toBe(false);
    // The old pair left the statistics (an ICE restart): that is no arrival.
    expect(arrivedSince(before, new Map())).toBe(false);
  });
});

describe('SilenceWatch', () => {
  it('says silent once nothing has arrived for silenceMs, and not silent when things arrive', async () => {
    const { watch, changes, set, pass } = watched();
    watch.start();
    set(pair(100));
    await pass(1_000);
    set(pair(200));
    await pass(2_000);
    expect(changes).toEqual([]);
    await pass(2_000); // 3 s and more without a change
    expect(changes).toEqual([true]);
    expect(watch.silent).toBe(true);
    await pass(5_000);
    expect(changes).toEqual([true]); // told once
    set(pair(250));
    await pass(1_000);
    expect(changes).toEqual([true, false]);
    expect(watch.silent).toBe(false);
    watch.stop();
  });

  it('never calls a connection silent on which nothing was seen arriving', async () => {
    const { watch, changes, set, pass } = watched();
    watch.start();
    await pass(10_000); // no candidate pair at all
    set(pair(0));
    await pass(10_000); // a pair, but nothing on it
    expect(changes).toEqual([]);
    watch.stop();
  });

  it('keeps counting when the pairs leave the statistics, and a new pair that receives ends it', async () => {
    const { watch, changes, set, pass } = watched();
    watch.start();
    set(pair(500));
    await pass(1_000);
    set(pair(800));
    await pass(1_000);
    // Firefox after the other side's ICE restart while the relay is down: no pair at all.
    set();
    await pass(2_000);
    expect(changes).toEqual([]);
    await pass(2_000);
    expect(changes).toEqual([true]);
    set(pair(3, { id: 'pair-after-restart' }));
    await pass(1_000);
    expect(changes).toEqual([true, false]);
    watch.stop();
  });

  it('start() while watching changes nothing: a silence stays one until something arrives', async () => {
    const { watch, changes, set, pass } = watched();
    watch.start();
    set(pair(1));
    await pass(1_000);
    set(pair(2));
    await pass(2_000);
    watch.start(); // a repeated `connected`
    await pass(2_000);
    expect(changes).toEqual([true]);
    watch.start();
    await pass(3_000);
    expect(watch.silent).toBe(true);
    expect(changes).toEqual([true]);
    watch.stop();
  });

  it('stop() ends a silence unreported; after start() the clock starts again, and what arrived before still counts', async () => {
    const { watch, changes, set, pass } = watched();
    watch.start();
    set(pair(1));
    await pass(1_000);
    set(pair(2));
    await pass(4_000);
    expect(changes).toEqual([true]);
    watch.stop();
    expect(watch.silent).toBe(false);
    await pass(10_000); // not watching: nothing is said
    expect(changes).toEqual([true]);
    watch.start();
    await pass(3_000); // first reading at 1 s: under 3 s since
    expect(changes).toEqual([true]);
    await pass(1_000);
    expect(changes).toEqual([true, true]);
    watch.stop();
  });

  it('a read that fails is no evidence either way', async () => {
    const changes: boolean[] = [];
    const watch = new SilenceWatch({
      getStats: () => Promise.reject(new Error('closed')),
      intervalMs: 1_000,
      silenceMs: 2_000,
      onChange: (silent) => changes.push(silent),
    });
    watch.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(changes).toEqual([]);
    watch.stop();
  });
});
