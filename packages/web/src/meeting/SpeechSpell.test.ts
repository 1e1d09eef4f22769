import { describe, expect, it } from 'vitest';
import { SpeechSpell } from './SpeechSpell';

describe('SpeechSpell', () => {
  it('lasts through short pauses and ends after a long one', () => {
    const spell = new SpeechSpell(1500);
    expect(spell.sample(false, 0)).toBe(0);
    expect(spell.sample(true, 1000)).toBe(0);
    // A beep a second: the pauses are short, the spell goes on.
    expect(spell.sample(false, 1500)).toBe(500);
    expect(spell.sample(true, 2000)).toBe(1000);
    expect(spell.sample(false, 2500)).toBe(1500);
    expect(spell.sample(true, 5000)).toBe(0);
    // Silence longer than the pause: over.
    expect(spell.sample(false, 7000)).toBe(0);
    expect(spell.sample(true, 7100)).toBe(0);
    expect(spell.sample(true, 8100)).toBe(1000);
    expect(spell.sample(true, 9100)).toBe(2000);
  });
});
