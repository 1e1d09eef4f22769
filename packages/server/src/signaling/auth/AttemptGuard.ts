import type { AttemptPolicy } from '../../config.js';

/** What is remembered of one key's wrong guesses (in memory, or as a Redis hash `f a n`). */
export interface AttemptRecord {
  failures: number;
  firstAt: number;
  /** No attempt is looked at before this time. */
  nextAt: number;
}

/** The answer to "may this key try a password now?". */
export type AttemptVerdict = { allowed: true } | { allowed: false; retryInMs: number };

const ALLOWED: AttemptVerdict = { allowed: true };

/** Whether a record still counts at `now` (failures are forgotten a window after the first). */
function isCurrent(
  record: AttemptRecord | undefined,
  policy: AttemptPolicy,
  now: number,
): record is AttemptRecord {
  return record !== undefined && now - record.firstAt <= policy.windowMs;
}

/**
 * The verdict of a record at `now`: refused until the window ends after `maxFailures`, refused
 * until `nextAt` while slowed down, allowed otherwise. The Redis script FAIL_ATTEMPT (backplane
 * scripts) keeps records by the same rules, so both stores give the same answers.
 */
export function verdictOf(
  record: AttemptRecord | undefined,
  policy: AttemptPolicy,
  now: number,
): AttemptVerdict {
  if (!isCurrent(record, policy, now)) return ALLOWED;
  if (record.failures >= policy.maxFailures) {
    return { allowed: false, retryInMs: record.firstAt + policy.windowMs - now };
  }
  if (now < record.nextAt) return { allowed: false, retryInMs: record.nextAt - now };
  return ALLOWED;
}

/** The record after one more wrong guess at `now`. */
export function afterFailure(
  record: AttemptRecord | undefined,
  policy: AttemptPolicy,
  now: number,
): AttemptRecord {
  const next = isCurrent(record, policy, now)
    ? { ...record }
    : { failures: 0, firstAt: now, nextAt: now };
  next.failures++;
  const over = next.failures - policy.freeAttempts;
  if (over > 0) {
    next.nextAt = now + Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (over - 1));
  }
  return next;
}

/**
 * Slows down and then refuses repeated wrong guesses for one kind of key (a connection, a remote
 * address, a room), in this process. The first `freeAttempts` failures cost nothing, each later
 * one doubles the wait before the next attempt, and `maxFailures` within the window refuses
 * everything until it ends. Entries are kept only for keys that failed, and dropped by
 * {@link AttemptGuard.sweep}.
 */
export class AttemptGuard<K> {
  private readonly records = new Map<K, AttemptRecord>();

  constructor(private readonly policy: AttemptPolicy) {}

  /** Whether `key` may try now; a refusal says how long to wait. */
  check(key: K, now: number): AttemptVerdict {
    return verdictOf(this.records.get(key), this.policy, now);
  }

  /** Records a wrong guess. */
  fail(key: K, now: number): void {
    this.records.set(key, afterFailure(this.records.get(key), this.policy, now));
  }

  /** Forgets `key` (a right password on a connection, or a closed connection). */
  forget(key: K): void {
    this.records.delete(key);
  }

  /** Drops records whose window has passed. */
  sweep(now: number): void {
    for (const [key, record] of this.records) {
      if (!isCurrent(record, this.policy, now)) this.records.delete(key);
    }
  }

  /** Keys currently tracked (for tests and metrics). */
  get size(): number {
    return this.records.size;
  }
}
