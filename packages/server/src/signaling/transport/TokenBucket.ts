/**
 * A token bucket: up to `capacity` messages at once, refilled continuously at `perSecond`.
 * One per connection, so it is two numbers and no timer: the refill is computed on each take.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  /**
   * @param capacity - the burst size (the bucket starts full)
   * @param perSecond - tokens added per second
   * @param now - current time in ms (monotonic clock)
   */
  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  /** Takes one token if there is one; returns whether it could. */
  take(now: number): boolean {
    const elapsed = now - this.last;
    if (elapsed > 0) {
      this.tokens = Math.min(this.capacity, this.tokens + (elapsed * this.perSecond) / 1000);
      this.last = now;
    }
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Tokens left (fractional), after refilling up to `now`. */
  available(now: number): number {
    const elapsed = Math.max(0, now - this.last);
    return Math.min(this.capacity, this.tokens + (elapsed * this.perSecond) / 1000);
  }
}
