import { describe, expect, it } from 'vitest';
import { AttemptGuard } from './AttemptGuard.js';

const policy = {
  freeAttempts: 2,
  baseDelayMs: 100,
  maxDelayMs: 300,
  maxFailures: 5,
  windowMs: 10_000,
};

describe('AttemptGuard', () => {
  it('allows the free attempts without delay', () => {
    const guard = new AttemptGuard<string>(policy);
    guard.fail('k', 0);
    guard.fail('k', 0);
    expect(guard.check('k', 0)).toEqual({ allowed: true });
  });

  it('then doubles the wait, up to the cap', () => {
    const guard = new AttemptGuard<string>({ ...policy, maxFailures: 10 });
    guard.fail('k', 0);
    guard.fail('k', 0);
    guard.fail('k', 0);
    expect(guard.check('k', 50)).toEqual({ allowed: false, retryInMs: 50 });
    expect(guard.check('k', 100)).toEqual({ allowed: true });
    guard.fail('k', 100);
    expect(guard.check('k', 250)).toEqual({ allowed: false, retryInMs: 50 });
    guard.fail('k', 300); // third over the free ones: 400 capped at 300
    expect(guard.check('k', 599)).toEqual({ allowed: false, retryInMs: 1 });
  });

  it('refuses everything after maxFailures until the window ends, then forgets', () => {
    const guard = new AttemptGuard<string>(policy);
    for (let i = 0; i < 5; i++) guard.fail('k', i);
    expect(guard.check('k', 5000)).toEqual({ allowed: false, retryInMs: 5000 });
    expect(guard.check('k', 10_001)).toEqual({ allowed: true });
  });

  it('keeps keys apart and sweeps expired ones', () => {
    const guard = new AttemptGuard<string>(policy);
    for (let i = 0; i < 5; i++) guard.fail('a', 0);
    expect(guard.check('b', 0)).toEqual({ allowed: true });
    guard.fail('b', 9000);
    guard.sweep(10_001);
    expect(guard.size).toBe(1);
    guard.forget('b');
    expect(guard.size).toBe(0);
  });
});
