import { REACTION_RATE } from '@zvonok/sdk';

/**
 * The server's reaction limit, kept on this side too (a token bucket of the same size), so that
 * a reaction the server would drop is not sent and the person is told to wait instead.
 */
export class ReactionPacer {
  #tokens: number = REACTION_RATE.burst;
  #at: number;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.#at = now();
  }

  /** Takes one reaction from the budget; false when it is spent. */
  take(): boolean {
    this.#refill();
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** How long until the next reaction may go (ms). */
  waitMs(): number {
    this.#refill();
    return this.#tokens >= 1 ? 0 : Math.ceil(((1 - this.#tokens) / REACTION_RATE.perSecond) * 1000);
  }

  #refill(): void {
    const now = this.now();
    this.#tokens = Math.min(
      REACTION_RATE.burst,
      this.#tokens + ((now - this.#at) / 1000) * REACTION_RATE.perSecond,
    );
    this.#at = now;
  }
}
