import { describe, expect, it } from 'vitest';
import { DefaultReconnectPolicy } from './DefaultReconnectPolicy.js';

describe('DefaultReconnectPolicy', () => {
  it('caps grow 0.5 s, 1 s, 2 s ... up to 10 s (full jitter at its top)', () => {
    const p = new DefaultReconnectPolicy({ random: () => 0.999999 });
    const delays = [0, 1, 2, 3, 4, 5, 6, 10].map((attempt) =>
      p.nextRetryDelayMs({ attempt, elapsedMs: 0 }),
    );
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 10000, 10000, 10000]);
  });

  it('spreads delays over [0, cap] (full jitter)', () => {
    const p = new DefaultReconnectPolicy();
    const samples = Array.from({ length: 200 }, () =>
      p.nextRetryDelayMs({ attempt: 3, elapsedMs: 0 }),
    ) as number[];
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...samples)).toBeLessThanOrEqual(4000);
    expect(new Set(samples).size).toBeGreaterThan(50);
  });

  it('gives up (null) after maxElapsedMs', () => {
    const p = new DefaultReconnectPolicy({ maxElapsedMs: 60_000 });
    expect(p.nextRetryDelayMs({ attempt: 9, elapsedMs: 59_000 })).not.toBeNull();
    expect(p.nextRetryDelayMs({ attempt: 9, elapsedMs: 60_000 })).toBeNull();
  });
});
