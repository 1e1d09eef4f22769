import { describe, expect, it } from 'vitest';
import type { ServerMessageOf } from '@zvonok/protocol';
import { CHAT_KEPT_MESSAGES, ChatLog } from './ChatLog.js';

const msg = (from: string, id: string, seq: number, text = id): ServerMessageOf<'chat'> => ({
  type: 'chat',
  from,
  id,
  text,
  ts: 1000 + seq,
  seq,
});

describe('ChatLog', () => {
  it('own message: pending at once, sent with the server seq and ts on ack', () => {
    const log = new ChatLog();
    log.setOwnId('me');
    log.addPending({ id: 'm1', from: 'me', text: 'hi', ts: 1 });
    expect(log.entries).toMatchObject([{ id: 'm1', status: 'pending', mine: true }]);
    expect(log.ack({ type: 'chat-ack', id: 'm1', seq: 4, ts: 99 })).toBe(true);
    expect(log.entries).toMatchObject([{ id: 'm1', status: 'sent', ts: 99 }]);
    expect(log.maxSeq).toBe(4);
    expect(log.ack({ type: 'chat-ack', id: 'm1', seq: 4, ts: 99 })).toBe(false);
  });

  it('dedupes by sender and id, across live messages and history', () => {
    const log = new ChatLog();
    log.setOwnId('me');
    expect(log.receive(msg('a', 'x', 1))).toBe(true);
    expect(log.receive(msg('a', 'x', 1))).toBe(false);
    // Same id from another sender is another message.
    expect(log.receive(msg('b', 'x', 2))).toBe(true);
    expect(log.receiveHistory([msg('a', 'x', 1), msg('b', 'x', 2), msg('a', 'y', 3)])).toBe(true);
    expect(log.entries.map((e) => `${e.from}:${e.id}`)).toEqual(['a:x', 'b:x', 'a:y']);
  });

  it('orders by seq whatever the arrival order, pending last', () => {
    const log = new ChatLog();
    log.setOwnId('me');
    log.addPending({ id: 'p', from: 'me', text: 'typed', ts: 1 });
    log.receive(msg('a', 'three', 3));
    log.receiveHistory([msg('a', 'one', 1), msg('b', 'two', 2)]);
    expect(log.entries.map((e) => e.text)).toEqual(['one', 'two', 'three', 'typed']);
    log.ack({ type: 'chat-ack', id: 'p', seq: 4, ts: 5 });
    expect(log.entries.map((e) => e.text)).toEqual(['one', 'two', 'three', 'typed']);
  });

  it('an own message found in history counts as sent even if its ack was lost', () => {
    const log = new ChatLog();
    log.setOwnId('me');
    log.addPending({ id: 'm1', from: 'me', text: 'hi', ts: 1 });
    log.receiveHistory([msg('me', 'm1', 7, 'hi')]);
    expect(log.pending).toHaveLength(0);
    expect(log.entries).toMatchObject([{ id: 'm1', mine: true, status: 'sent' }]);
  });

  it('gives a new array on every change (UIs compare by reference)', () => {
    const log = new ChatLog();
    const before = log.entries;
    log.receive(msg('a', 'x', 1));
    expect(log.entries).not.toBe(before);
  });

  it('keeps a bounded window: thousands of messages leave the newest CHAT_KEPT_MESSAGES', () => {
    const log = new ChatLog();
    log.setOwnId('me');
    for (let seq = 1; seq <= 5000; seq++) log.receive(msg(`p${seq % 7}`, `m${seq}`, seq));
    log.addPending({ id: 'mine', from: 'me', text: 'typed', ts: 1 });
    expect(log.entries).toHaveLength(CHAT_KEPT_MESSAGES + 1);
    expect(log.entries[0]?.id).toBe(`m${5001 - CHAT_KEPT_MESSAGES}`);
    expect(log.entries.at(-2)?.id).toBe('m5000');
    // An old message arriving again (history from a server that ignores chatSince) stays out.
    expect(log.receiveHistory([msg('p1', 'm1', 1)])).toBe(false);
    expect(log.entries[0]?.id).toBe(`m${5001 - CHAT_KEPT_MESSAGES}`);
    expect(log.maxSeq).toBe(5000);
  });
});
