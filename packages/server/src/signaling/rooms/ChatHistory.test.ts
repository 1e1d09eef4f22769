import { describe, expect, it } from 'vitest';
import { ChatHistory } from './ChatHistory.js';

const message = (from: string, id: string, text = id) =>
  ({ type: 'chat', from, id, text, ts: 1 }) as const;

describe('ChatHistory', () => {
  it('numbers messages from 1 and keeps their JSON', () => {
    const history = new ChatHistory(10);
    const first = history.add(message('a', 'm1'));
    const second = history.add(message('b', 'm2'));
    expect([first.message.seq, second.message.seq]).toEqual([1, 2]);
    expect(JSON.parse(first.json)).toEqual({ ...message('a', 'm1'), seq: 1 });
    expect(history.lastSeq).toBe(2);
  });

  it('finds a kept message by sender and client id only', () => {
    const history = new ChatHistory(10);
    const entry = history.add(message('a', 'm1'));
    expect(history.find('a', 'm1')).toBe(entry);
    expect(history.find('b', 'm1')).toBeUndefined();
    expect(history.find('a', 'm2')).toBeUndefined();
  });

  it('forgets the oldest beyond the limit, lookups included', () => {
    const history = new ChatHistory(3);
    for (let i = 1; i <= 5; i++) history.add(message('a', `m${i}`));
    expect(history.size).toBe(3);
    expect(history.since().map((e) => e.message.seq)).toEqual([3, 4, 5]);
    expect(history.find('a', 'm2')).toBeUndefined();
    expect(history.find('a', 'm3')?.message.seq).toBe(3);
  });

  it('returns what came after `since`', () => {
    const history = new ChatHistory(3);
    for (let i = 1; i <= 5; i++) history.add(message('a', `m${i}`));
    expect(history.since(3).map((e) => e.message.seq)).toEqual([4, 5]);
    expect(history.since(5)).toEqual([]);
    expect(history.since(0).map((e) => e.message.seq)).toEqual([3, 4, 5]);
    expect(history.since(1).map((e) => e.message.seq)).toEqual([3, 4, 5]);
  });

  it('returns everything for a since from an earlier life of the room', () => {
    const history = new ChatHistory(3);
    history.add(message('a', 'm1'));
    expect(history.since(42).map((e) => e.message.seq)).toEqual([1]);
  });

  it('numbers from base + 1; a since from before the base (an earlier life) gets everything', () => {
    const history = new ChatHistory(3, 1000);
    for (let i = 1; i <= 4; i++) history.add(message('a', `m${i}`));
    expect(history.since().map((e) => e.message.seq)).toEqual([1002, 1003, 1004]);
    expect(history.since(1002).map((e) => e.message.seq)).toEqual([1003, 1004]);
    // The earlier life numbered from an older base, so its numbers are all below this one's.
    expect(history.since(7).map((e) => e.message.seq)).toEqual([1002, 1003, 1004]);
    expect(history.lastSeq).toBe(1004);
  });

  it('is empty at first', () => {
    const history = new ChatHistory(3);
    expect(history.since()).toEqual([]);
    expect(history.since(0)).toEqual([]);
  });
});
