import { REACTION_RATE } from '@zvonok/sdk';
import { describe, expect, it } from 'vitest';
import { ReactionPacer } from './ReactionPacer';

describe('ReactionPacer', () => {
  it('lets the server’s burst through, then one per refill, and says how long to wait', () => {
    let now = 0;
    const pacer = new ReactionPacer(() => now);
    for (let i = 0; i < REACTION_RATE.burst; i++) expect(pacer.take()).toBe(true);
    expect(pacer.take()).toBe(false);
    const wait = pacer.waitMs();
    expect(wait).toBe(1000 / REACTION_RATE.perSecond);
    now += wait - 1;
    expect(pacer.take()).toBe(false);
    now += 1;
    expect(pacer.take()).toBe(true);
    expect(pacer.take()).toBe(false);
  });
});
