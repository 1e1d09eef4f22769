import { describe, expect, it } from 'vitest';
import { decodeChat, decodeJoin, decodeLeave, decodeResync, ScriptReplyError } from './replies.js';

describe('script replies', () => {
  it('decodes every kind of join reply', () => {
    expect(decodeJoin(['seat', 'i1', '{"id":"a"}', '7', ['a', 'i1|{}'], ['{"seq":1}']])).toEqual({
      kind: 'seat',
      owner: 'i1',
      info: '{"id":"a"}',
      ev: 7,
      members: ['a', 'i1|{}'],
      chat: ['{"seq":1}'],
    });
    expect(decodeJoin(['pw', 'salt:hash'])).toEqual({ kind: 'pw', record: 'salt:hash' });
    expect(decodeJoin(['full'])).toEqual({ kind: 'full' });
    expect(decodeJoin(['taken'])).toEqual({ kind: 'taken' });
    expect(decodeJoin(['noseat'])).toEqual({ kind: 'noseat' });
    expect(decodeJoin(['ok', '12', [], [], ''])).toEqual({
      kind: 'ok',
      ev: 12,
      members: [],
      chat: [],
      record: '',
    });
  });

  it('refuses a reply of another shape instead of reading undefined from it', () => {
    const bad = [
      'ok',
      ['what'],
      ['ok', '12', [], []],
      ['ok', 'twelve', [], [], ''],
      ['seat', 'i1', '{}', '1', [1], []],
      ['pw'],
    ];
    for (const reply of bad) expect(() => decodeJoin(reply)).toThrow(ScriptReplyError);
  });

  it('decodes chat, leave and resync replies', () => {
    expect(decodeChat(['new', '{"seq":3}'])).toEqual({ fresh: true, json: '{"seq":3}' });
    expect(decodeChat(['dup', '{"seq":2}'])).toEqual({ fresh: false, json: '{"seq":2}' });
    expect(() => decodeChat(['new'])).toThrow(ScriptReplyError);
    expect(() => decodeChat(['other', '{}'])).toThrow(ScriptReplyError);
    expect(decodeLeave(1)).toBe(true);
    expect(decodeLeave(0)).toBe(false);
    expect(decodeResync(['5', ['a', 'i1|{}'], ['b']])).toEqual({
      ev: 5,
      members: ['a', 'i1|{}'],
      lost: ['b'],
    });
    expect(() => decodeResync(['5', ['a']])).toThrow(ScriptReplyError);
  });
});
