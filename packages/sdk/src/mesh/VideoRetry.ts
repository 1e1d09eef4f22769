/**
 * When a connection that went audio only tries its video again.
 *
 * While the camera to a peer is paused, the browser's bandwidth estimate of that path sees only
 * the voice: an application-limited path is not probed, so an estimate that fell during a bad
 * spell (or while a busy device stretched every round trip) stays low, and a policy waiting for
 * it to rise would keep the video off for good. So after a while off, the video is tried again
 * at a modest rate, and for a short while the estimate is let catch up instead of being believed.
 * A try the link cannot carry ends in the next pause, and the wait before the next try doubles.
 * Pure: time is passed in.
 */
export const VIDEO_RETRY = {
  /** Off this long before the first try, ms. */
  firstWaitMs: 8_000,
  /** The wait never grows beyond this, ms. */
  maxWaitMs: 64_000,
  /** After a try, the estimate is let catch up this long, ms. */
  rampMs: 6_000,
  /** Video on this long after a try: it held, and the next pause waits the first wait again. */
  heldMs: 30_000,
} as const;

/** What {@link VideoRetry.state} tells the policy. */
export interface RetryState {
  /** Video is off and has been long enough: try it again. */
  retry: boolean;
  /** Video came back moments ago after a try: the estimate is still catching up. */
  ramping: boolean;
}

/** The retry clock of one connection. */
export class VideoRetry {
  #offSince: number | undefined;
  #triedAt: number | undefined;
  #waitMs: number = VIDEO_RETRY.firstWaitMs;

  /** The wait before the next try, ms (for tests and logs). */
  get waitMs(): number {
    return this.#waitMs;
  }

  /** What the policy should know before deciding at `now`. */
  state(now: number): RetryState {
    const off = this.#offSince !== undefined;
    return {
      retry: off && now - this.#offSince! >= this.#waitMs,
      ramping: !off && this.#triedAt !== undefined && now - this.#triedAt < VIDEO_RETRY.rampMs,
    };
  }

  /** The decision made at `now`: whether video is sent, and whether it was a try. */
  decided(video: boolean, retried: boolean, now: number): void {
    if (!video) {
      if (this.#offSince === undefined) {
        // A pause soon after a try: the link could not carry it; wait longer next time.
        const failedTry = this.#triedAt !== undefined && now - this.#triedAt < VIDEO_RETRY.heldMs;
        if (failedTry) this.#waitMs = Math.min(VIDEO_RETRY.maxWaitMs, this.#waitMs * 2);
        this.#offSince = now;
      }
      return;
    }
    if (this.#offSince !== undefined) {
      // Back by a try, or by itself (the link recovered: the waits start over).
      this.#triedAt = retried ? now : undefined;
      if (!retried) this.#waitMs = VIDEO_RETRY.firstWaitMs;
    }
    this.#offSince = undefined;
    if (this.#triedAt !== undefined && now - this.#triedAt >= VIDEO_RETRY.heldMs) {
      this.#triedAt = undefined;
      this.#waitMs = VIDEO_RETRY.firstWaitMs;
    }
  }
}
