import type { PeerInfo } from '@zvonok/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../utils/logger.js';
import { PeerDirectory } from './PeerDirectory.js';

function directory() {
  const added: [string, boolean][] = [];
  const dropped: string[] = [];
  const dir = new PeerDirectory({
    graceMs: 1_000,
    logger: silentLogger,
    add: (peer: PeerInfo, initiator) => added.push([peer.id, initiator]),
    drop: (id) => dropped.push(id),
  });
  return { dir, added, dropped };
}

describe('PeerDirectory', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('offers to every listed peer but itself', () => {
    const { dir, added } = directory();
    dir.joined(false);
    dir.listed([{ id: 'me' }, { id: 'b' }, { id: 'c' }], 'me', () => []);
    expect(added).toEqual([
      ['b', true],
      ['c', true],
    ]);
  });

  it('after a resume drops an unlisted peer once its grace is over, not before', () => {
    const { dir, dropped } = directory();
    dir.joined(true);
    dir.listed([{ id: 'b' }], 'me', () => ['b', 'c']);
    vi.advanceTimersByTime(999);
    expect(dropped).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(dropped).toEqual(['c']);
  });

  it('keeps a peer that comes back within its grace', () => {
    const { dir, dropped } = directory();
    dir.joined(true);
    dir.listed([], 'me', () => ['c']);
    dir.settled('c');
    vi.advanceTimersByTime(5_000);
    expect(dropped).toEqual([]);
  });

  it('compares only the first list after a resume, and not after a fresh join', () => {
    const { dir, dropped } = directory();
    dir.joined(false);
    dir.listed([], 'me', () => ['c']);
    dir.joined(true);
    dir.listed([{ id: 'c' }], 'me', () => ['c']);
    dir.listed([], 'me', () => ['c']);
    vi.advanceTimersByTime(5_000);
    expect(dropped).toEqual([]);
  });

  it('clear() leaves no timer behind', () => {
    const { dir, dropped } = directory();
    dir.joined(true);
    dir.listed([], 'me', () => ['c', 'd']);
    expect(vi.getTimerCount()).toBe(2);
    dir.clear();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(5_000);
    expect(dropped).toEqual([]);
  });
});
