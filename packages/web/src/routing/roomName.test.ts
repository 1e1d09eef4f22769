import { describe, expect, it } from 'vitest';
import { ROOM_NAME_PATTERN } from '@zvonok/protocol';
import { base64url, generateRoomName, parseRoomInput } from './roomName';
import { matchRoute } from './router';

describe('generateRoomName', () => {
  it('is 22 base64url characters (16 bytes = 128 bits) that the server accepts', () => {
    for (let i = 0; i < 500; i++) {
      const name = generateRoomName();
      expect(name).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(name).toMatch(ROOM_NAME_PATTERN);
    }
  });

  it('never repeats and uses the whole alphabet', () => {
    const names = Array.from({ length: 2000 }, () => generateRoomName());
    expect(new Set(names).size).toBe(names.length);
    const seen = new Set(names.join(''));
    // 64 symbols; 44k characters drawn, so missing any would mean broken randomness.
    expect(seen.size).toBe(64);
  });

  it('spreads characters evenly (chi-squared over the 21 fully random positions)', () => {
    const counts = new Map<string, number>();
    let total = 0;
    for (let i = 0; i < 3000; i++) {
      // Position 0 is biased by the redraw rule and position 21 holds only 2 bits.
      for (const ch of generateRoomName().slice(1, 21)) {
        counts.set(ch, (counts.get(ch) ?? 0) + 1);
        total++;
      }
    }
    const expected = total / 64;
    let chi2 = 0;
    for (const c of counts.values()) chi2 += (c - expected) ** 2 / expected;
    // 63 degrees of freedom: p = 0.0001 at ~ 114.
    expect(chi2).toBeLessThan(114);
  });

  it('redraws a name that would start with - or _', () => {
    const draws = [0xfb, 0x00]; // 0xfb... encodes to "-" first; 0x00... to "A".
    const name = generateRoomName((bytes) => bytes.fill(draws.shift() ?? 0));
    expect(name.startsWith('A')).toBe(true);
  });

  it('encodes base64url without padding', () => {
    expect(base64url(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe('-_-_');
    expect(base64url(new Uint8Array([1]))).toBe('AQ');
  });
});

describe('parseRoomInput', () => {
  it.each([
    ['https://zvonok.example/r/x7Kp_a-9', 'x7Kp_a-9'],
    ['http://localhost:8081/r/abc/', 'abc'],
    ['  /r/abc?x=1#y ', 'abc'],
    ['abc-DEF_1', 'abc-DEF_1'],
  ])('reads %s as %s', (input, room) => {
    expect(parseRoomInput(input)).toBe(room);
  });

  it.each(['', '   ', 'https://example.com/', '-abc', 'a b', 'r/<script>', 'x'.repeat(65)])(
    'refuses %j',
    (input) => {
      expect(parseRoomInput(input)).toBeNull();
    },
  );
});

describe('matchRoute', () => {
  it('maps paths to pages', () => {
    expect(matchRoute('/')).toEqual({ page: 'landing' });
    expect(matchRoute('/r/abc')).toEqual({ page: 'room', room: 'abc' });
    expect(matchRoute('/r/abc/')).toEqual({ page: 'room', room: 'abc' });
    expect(matchRoute('/r/%E0%A4%A')).toEqual({ page: 'notFound' });
    expect(matchRoute('/nope')).toEqual({ page: 'notFound' });
  });
});
