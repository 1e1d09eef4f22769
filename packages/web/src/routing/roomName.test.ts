import { describe, expect, it } from 'vitest';
import { ROOM_NAME_PATTERN } from '@zvonok/sdk';
import {
  generateRoomName,
  normalizeRoomCode,
  parseRoomInput,
  ROOM_CODE_BITS,
  ROOM_CODE_PATTERN,
} from './roomName';
import { matchRoute } from './router';

describe('generateRoomName', () => {
  it('is a readable code abc-defg-hij that the server accepts, with 47 bits', () => {
    for (let i = 0; i < 500; i++) {
      const name = generateRoomName();
      expect(name).toMatch(ROOM_CODE_PATTERN);
      expect(name).toMatch(ROOM_NAME_PATTERN);
    }
    expect(ROOM_CODE_BITS).toBeGreaterThan(47);
  });

  it('never repeats in a few thousand and uses every letter', () => {
    const names = Array.from({ length: 3000 }, () => generateRoomName());
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(names.join('').replace(/-/g, '')).size).toBe(26);
  });

  it('spreads letters evenly (chi-squared over 26 letters)', () => {
    const counts = new Map<string, number>();
    let total = 0;
    for (let i = 0; i < 3000; i++) {
      for (const ch of generateRoomName().replace(/-/g, '')) {
        counts.set(ch, (counts.get(ch) ?? 0) + 1);
        total++;
      }
    }
    const expected = total / 26;
    let chi2 = 0;
    for (const c of counts.values()) chi2 += (c - expected) ** 2 / expected;
    // 25 degrees of freedom: p = 0.0001 at ~ 63.
    expect(chi2).toBeLessThan(63);
  });

  it('draws again a byte that would bias the letters (234 and above)', () => {
    // 0..233 map evenly onto a..z; 234..255 are skipped.
    const name = generateRoomName((bytes) => {
      bytes.fill(0);
      bytes.set([255, 234, 25, 26, 51]);
    });
    expect(name).toBe('zaz-aaaa-aaa');
  });
});

describe('normalizeRoomCode', () => {
  it.each([
    ['abc defg hij', 'abc-defg-hij'],
    ['ABCDEFGHIJ', 'abc-defg-hij'],
    [' abc-defg-hij ', 'abc-defg-hij'],
    ['AbcDefgHij', 'AbcDefgHij'],
    ['WfNs3eCciM9b8O7_M6kScA', 'WfNs3eCciM9b8O7_M6kScA'],
  ])('reads %j as %j', (input, code) => {
    expect(normalizeRoomCode(input)).toBe(code);
  });
});

describe('parseRoomInput', () => {
  it.each([
    ['https://zvonok.example/r/x7Kp_a-9', 'x7Kp_a-9'],
    ['http://localhost:8081/r/abc/', 'abc'],
    ['  /r/abc?x=1#y ', 'abc'],
    ['abc-DEF_1', 'abc-DEF_1'],
    ['abc defg hij', 'abc-defg-hij'],
    ['https://zvonok.example/r/abc-defg-hij', 'abc-defg-hij'],
    ['WfNs3eCciM9b8O7_M6kScA', 'WfNs3eCciM9b8O7_M6kScA'],
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
