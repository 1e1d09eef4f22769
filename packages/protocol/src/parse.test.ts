import { describe, expect, it } from 'vitest';
import { ErrorCode } from './errors.js';
import { MAX_MESSAGE_BYTES, MAX_SERVER_MESSAGE_BYTES } from './limits.js';
import { parseClientMessage, parseServerMessage, utf8Length } from './parse.js';

describe('parseClientMessage', () => {
  it('accepts the seed offer and drops a client-chosen from', () => {
    const r = parseClientMessage(JSON.stringify({ type: 'offer', to: 'b', sdp: 'v=0', from: 'x' }));
    expect(r).toEqual({ ok: true, message: { type: 'offer', to: 'b', sdp: 'v=0' } });
  });

  it('accepts a null ice candidate as end-of-candidates', () => {
    const r = parseClientMessage('{"type":"ice-candidate","to":"b","candidate":null}');
    expect(r.ok).toBe(true);
  });

  it('trims display names in join', () => {
    const r = parseClientMessage('{"type":"join","room":"abc","name":"  Ann  "}');
    expect(r.ok && r.message.type === 'join' && r.message.name).toBe('Ann');
  });

  describe('failure cases', () => {
    const cases: [string, string, ErrorCode][] = [
      ['invalid JSON', '{"type":', ErrorCode.BadJson],
      ['a JSON array', '[1,2]', ErrorCode.BadMessage],
      ['JSON null', 'null', ErrorCode.BadMessage],
      ['no type', '{"to":"b"}', ErrorCode.BadMessage],
      ['an unknown type', '{"type":"hack"}', ErrorCode.UnknownType],
      ['a prototype key as type', '{"type":"__proto__"}', ErrorCode.UnknownType],
      ['a number sdp', '{"type":"offer","to":"b","sdp":5}', ErrorCode.BadMessage],
      ['a missing target', '{"type":"answer","sdp":"v=0"}', ErrorCode.BadMessage],
      ['empty chat', '{"type":"chat","text":""}', ErrorCode.BadMessage],
      ['a bad room name', '{"type":"join","room":"../etc"}', ErrorCode.BadMessage],
      [
        'a control character in a name',
        '{"type":"join","room":"a","name":"a\\u0007"}',
        ErrorCode.BadMessage,
      ],
      ['a state that is not boolean', '{"type":"state","mic":"yes"}', ErrorCode.BadMessage],
    ];
    it.each(cases)('rejects %s with its code', (_label, raw, code) => {
      const r = parseClientMessage(raw);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe(code);
    });

    it('rejects a message over the size limit', () => {
      const raw = JSON.stringify({ type: 'chat', text: 'é'.repeat(MAX_MESSAGE_BYTES / 2 + 1) });
      const r = parseClientMessage(raw);
      expect(!r.ok && r.error.code).toBe(ErrorCode.MessageTooLarge);
    });
  });
});

describe('parseServerMessage', () => {
  it('accepts server frames over the client limit (a relayed frame with `from`, a history page) up to its own', () => {
    const text = 'x'.repeat(MAX_MESSAGE_BYTES);
    const over = JSON.stringify({ type: 'chat', from: 'a', id: '1', text, ts: 1 });
    expect(parseServerMessage(over).ok).toBe(true);
    const huge = JSON.stringify({
      type: 'chat',
      from: 'a',
      id: '1',
      text: 'x'.repeat(MAX_SERVER_MESSAGE_BYTES),
      ts: 1,
    });
    const r = parseServerMessage(huge);
    expect(!r.ok && r.error.code).toBe(ErrorCode.MessageTooLarge);
  });

  it('accepts every seed message shape', () => {
    const frames = [
      { type: 'client-id', id: 'a' },
      { type: 'peer-list', peers: [{ id: 'b', name: 'Bob', mic: true }] },
      { type: 'peer-joined', id: 'b' },
      { type: 'peer-left', id: 'b' },
      { type: 'offer', from: 'b', sdp: 'v=0' },
      { type: 'answer', from: 'b', sdp: 'v=0' },
      { type: 'ice-candidate', from: 'b', candidate: { candidate: 'candidate:1', sdpMid: '0' } },
      { type: 'chat', from: 'b', text: 'hi', id: '1', ts: 1 },
    ];
    for (const f of frames) expect(parseServerMessage(JSON.stringify(f)).ok).toBe(true);
  });

  it('rejects an error message with an unknown code', () => {
    const r = parseServerMessage('{"type":"error","code":"NOPE","message":"x"}');
    expect(r.ok).toBe(false);
  });
});

describe('utf8Length', () => {
  it('counts UTF-8 bytes, lone surrogates as the 3-byte replacement character', () => {
    const cases: [string, number][] = [
      ['', 0],
      ['abc', 3],
      ['é', 2],
      ['€', 3],
      ['😀', 4],
      ['a😀é€\uD800', 13],
      ['\uD800x', 4],
      ['\uDC00', 3],
    ];
    for (const [s, bytes] of cases) expect(utf8Length(s)).toBe(bytes);
  });
});
