import { describe, expect, it } from 'vitest';
import { nextSpeaking, rms, SPEAKING_HOLD_MS, SPEAKING_THRESHOLD } from './audioLevel';
import { colorSlot, initials } from './initials';

describe('initials', () => {
  it.each([
    ['Ann Lee', 'AL'],
    ['  ann   lee  smith ', 'AL'],
    ['ёж', 'Ё'],
    ['🙂 Bob', '🙂B'],
    ['', '?'],
  ])('%j -> %j', (name, expected) => {
    expect(initials(name)).toBe(expected);
  });

  it('gives a stable colour slot in 0..7', () => {
    expect(colorSlot('Ann')).toBe(colorSlot('Ann'));
    for (const n of ['a', 'Bob', 'Зоя', '']) expect(colorSlot(n)).toBeGreaterThanOrEqual(0);
    for (const n of ['a', 'Bob', 'Зоя', '']) expect(colorSlot(n)).toBeLessThan(8);
  });
});

describe('speaking detection', () => {
  it('measures RMS', () => {
    expect(rms([])).toBe(0);
    expect(rms([0.5, -0.5, 0.5, -0.5])).toBeCloseTo(0.5);
  });

  it('turns on with a loud sample and holds, then turns off after the hold time', () => {
    let state = nextSpeaking(SPEAKING_THRESHOLD * 2, 1000, -Infinity);
    expect(state.speaking).toBe(true);
    state = nextSpeaking(0, 1000 + SPEAKING_HOLD_MS - 1, state.lastLoud);
    expect(state.speaking).toBe(true);
    state = nextSpeaking(0, 1000 + SPEAKING_HOLD_MS, state.lastLoud);
    expect(state.speaking).toBe(false);
  });

  it('stays silent below the threshold', () => {
    expect(nextSpeaking(SPEAKING_THRESHOLD / 2, 5, -Infinity).speaking).toBe(false);
  });
});
