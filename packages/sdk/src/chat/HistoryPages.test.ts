import { describe, expect, it } from 'vitest';
import { HistoryPages } from './HistoryPages.js';

const message = (id: string) => ({ type: 'chat' as const, from: 'a', id, text: id, ts: 1 });

describe('HistoryPages', () => {
  it('gives the whole history on its last page, and nothing before', () => {
    const pages = new HistoryPages();
    expect(pages.add({ type: 'chat-history', messages: [message('1')], more: true })).toBe(
      undefined,
    );
    expect(pages.add({ type: 'chat-history', messages: [message('2')] })?.map((m) => m.id)).toEqual(
      ['1', '2'],
    );
    // A new history starts empty.
    expect(pages.add({ type: 'chat-history', messages: [] })).toEqual([]);
  });

  it('forgets the pages of a welcome a reconnect cut short', () => {
    const pages = new HistoryPages();
    pages.add({ type: 'chat-history', messages: [message('old')], more: true });
    pages.reset();
    expect(
      pages.add({ type: 'chat-history', messages: [message('new')] })?.map((m) => m.id),
    ).toEqual(['new']);
  });
});
