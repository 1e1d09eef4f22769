import { describe, expect, it } from 'vitest';
import { encodeBatch, encodeForward, parseForwards, parseRoomEvent } from './envelope.js';

describe('room events', () => {
  it('parse ev|kind|subject|extra|body, the body keeping its own bars', () => {
    expect(parseRoomEvent('12|c|a-b|x|{"text":"a|b"}')).toEqual({
      ev: 12,
      kind: 'c',
      subject: 'a-b',
      extra: 'x',
      body: '{"text":"a|b"}',
    });
    expect(parseRoomEvent('3|m|id|inst|')).toMatchObject({ ev: 3, body: '' });
  });

  it('refuse anything malformed', () => {
    expect(parseRoomEvent('')).toBeNull();
    expect(parseRoomEvent('x|j|a|b|{}')).toBeNull();
    expect(parseRoomEvent('1|j|a')).toBeNull();
  });
});

describe('forwards', () => {
  const frame = Buffer.from([0x81, 0x03, 0x7c, 0x7c, 0x7c]);

  it('carry the frame bytes untouched, alone or batched', () => {
    const one = encodeForward('room-1', 'peer_A', frame);
    expect(parseForwards(one)).toEqual([{ room: 'room-1', to: 'peer_A', frame }]);
    const two = encodeForward('r', 'b', Buffer.from('second'));
    expect(parseForwards(encodeBatch([one, two]))).toEqual([
      { room: 'room-1', to: 'peer_A', frame },
      { room: 'r', to: 'b', frame: Buffer.from('second') },
    ]);
  });

  it('drop what is not a forward, and a truncated batch entry', () => {
    expect(parseForwards(Buffer.from('hello'))).toEqual([]);
    const batch = encodeBatch([encodeForward('r', 'a', frame)]);
    expect(parseForwards(batch.subarray(0, batch.length - 1))).toEqual([]);
  });
});
