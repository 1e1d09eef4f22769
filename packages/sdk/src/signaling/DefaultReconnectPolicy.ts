import type { ReconnectContext, ReconnectPolicy } from './ReconnectPolicy.js';

/** Settings of {@link DefaultReconnectPolicy}. */
export interface BackoffOptions {
  /** Delay cap of the first retry. Default 500 ms. */
  initialDelayMs?: number;
  /** Largest delay cap. Default 10 s. */
  maxDelayMs?: number;
  /** Give up after this long without a connection. Default: never. */
  maxElapsedMs?: number;
  /** Random source in [0, 1), for tests. */
  random?: () => number;
}

/**
 * Exponential backoff with full jitter: the n-th retry waits a random time in
 * [0, min(max, initial * 2^n)], which spreads a whole room's reconnects after a server restart
 * (see https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
 */
export class DefaultReconnectPolicy implements ReconnectPolicy {
  readonly #initial: number;
  readonly #max: number;
  readonly #maxElapsed: number;
  readonly #random: () => number;

  constructor(options: BackoffOptions = {}) {
    this.#initial = options.initialDelayMs ?? 500;
    this.#max = options.maxDelayMs ?? 10_000;
    this.#maxElapsed = options.maxElapsedMs ?? Infinity;
    this.#random = options.random ?? Math.random;
  }

  nextRetryDelayMs({ attempt, elapsedMs }: ReconnectContext): number | null {
    if (elapsedMs >= this.#maxElapsed) return null;
    const cap = Math.min(this.#max, this.#initial * 2 ** Math.min(attempt, 30));
    return Math.round(this.#random() * cap);
  }
}
