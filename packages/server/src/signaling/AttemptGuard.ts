import type { AttemptPolicy } from '../config.js';

interface Entry {
  failures: number;
  firstAt: number;
  /** No attempt is looked at before this time. */
  nextAt: number;
}

/** The answer to "may this key try a password now?". */
export type AttemptVerdict = { allowed: true } | { allowed: false; retryInMs: number };

const ALLOWED: AttemptVerdict = { allowed: true };

/**
 * Slows down and then refuses repeated wrong guesses for one kind of key (a connection, a remote
 * address). The first `freeAttempts` failures cost nothing, each later one doubles the wait before
 * the next attempt, and `maxFailures` within the window refuses everything until it ends.
 * Entries are kept only for keys that failed, and dropped by {@link AttemptGuard.sweep}.
 */
export class AttemptGuard<K> {
  private readonly records = new Map<K, Entry>();

  constructor(private readonly policy: AttemptPolicy) {}

  /** Whether `key` may try now; a refusal says how long to wait. */
  check(key: K, now: number): AttemptVerdict {
    const record = this.current(key, now);
    if (record === undefined) return ALLOWED;
    if (record.failures >= this.policy.maxFailures) {
      return { allowed: false, retryInMs: record.firstAt + this.policy.windowMs - now };
    }
    if (now < record.nextAt) return { allowed: false, retryInMs: record.nextAt - now };
    return ALLOWED;
  }

  /** Records a wrong guess. */
  fail(key: K, now: number): void {
    let record = this.current(key, now);
    if (record === undefined) {
      record = { failures: 0, firstAt: now, nextAt: now };
      this.records.set(key, record);
    }
    record.failures++;
    const over = record.failures - this.policy.freeAttempts;
    if (over > 0) {
      const delay = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (over - 1));
      record.nextAt = now + delay;
    }
  }

  /** Forgets `key` (a right password on a connection, or a closed connection). */
  forget(key: K): void {
    this.records.delete(key);
  }

  /** Drops records whose window has passed. */
  sweep(now: number): void {
    for (const [key, record] of this.records) {
      if (now - record.firstAt > this.policy.windowMs) this.records.delete(key);
    }
  }

  /** Keys currently tracked (for tests and metrics). */
  get size(): number {
    return this.records.size;
  }

  private current(key: K, now: number): Entry | undefined {
    const record = this.records.get(key);
    if (record !== undefined && now - record.firstAt > this.policy.windowMs) {
      this.records.delete(key);
      return undefined;
    }
    return record;
  }
}
