/** Health of the backplane. */
export interface BackplaneHealth {
  readonly up: boolean;
  /** Why not, when down. */
  readonly reason: string | null;
}

/**
 * Whether Redis answers, as the heartbeat and the connections' events tell: down at the first
 * error or lost connection, up again when a heartbeat gets through. Remembers that an outage
 * happened (`stale`) until the shared state is brought back in line.
 */
export class LinkHealth {
  private up = false;
  private reason: string | null = 'connecting to Redis';
  /** When the link last turned up (ms since epoch); 0 while down. */
  private since = 0;
  /** An outage (or a lost subscription) happened since the last resync. */
  stale = false;

  /** Up or down, and why. */
  get health(): BackplaneHealth {
    return { up: this.up, reason: this.up ? null : this.reason };
  }

  get healthy(): boolean {
    return this.up;
  }

  /** When the link last turned up (ms since epoch); 0 while down. */
  get upSince(): number {
    return this.since;
  }

  /** Down (or still down) for `reason`; true when it was up until now (an outage begins). */
  down(reason: string): boolean {
    const wasUp = this.up;
    this.up = false;
    this.since = 0;
    this.stale = true;
    this.reason = reason;
    return wasUp;
  }

  /** A heartbeat got through; true when it was down until now. */
  answered(now: number): boolean {
    if (this.up) return false;
    this.up = true;
    this.reason = null;
    this.since = now;
    return true;
  }
}
