/** Options of `new SilenceWatch(...)`. */
export interface SilenceWatchOptions {
  /** The connection's statistics (`RTCPeerConnection.getStats`). */
  getStats: () => Promise<RTCStatsReport>;
  /** How often the statistics are read, ms. */
  intervalMs: number;
  /** Nothing received for this long, after something had been, is a silence, ms. */
  silenceMs: number;
  /** A silence began (`true`), or something arrived again after one (`false`). */
  onChange: (silent: boolean) => void;
  /** The clock, ms. Default `performance.now()`. */
  now?: () => number;
}

/**
 * What each candidate pair of a connection has received so far, by pair id: media and RTCP
 * bytes, plus the STUN checks and answers a live path carries every few seconds even when
 * neither side sends media (RFC 7675 consent freshness), as one number that grows while
 * anything at all arrives on that pair.
 */
export function receivedByPair(report: RTCStatsReport): Map<string, number> {
  const byPair = new Map<string, number>();
  report.forEach((stat: Record<string, unknown>) => {
    if (stat.type !== 'candidate-pair') return;
    const received =
      count(stat.bytesReceived) + count(stat.requestsReceived) + count(stat.responsesReceived);
    byPair.set(String(stat.id), received);
  });
  return byPair;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/**
 * Whether anything arrived between two readings: a pair received more than before, or a pair
 * that is new since (an ICE restart makes new ones) received anything. Pairs that left the
 * statistics (an ICE restart drops the old ones) are no arrival.
 */
export function arrivedSince(before: Map<string, number>, now: Map<string, number>): boolean {
  for (const [pair, received] of now) {
    if (received > (before.get(pair) ?? 0)) return true;
  }
  return false;
}

/**
 * Notices when nothing arrives any more on a connection that its browser still calls
 * `connected`. Firefox may keep saying `connected` for up to its 30 s consent timeout after the
 * path died (a relay gone, a network switched), so its person would see a frozen picture with no
 * word of it; Chromium says `disconnected` within seconds, and this watch then never fires first.
 *
 * Run it while the connection is `connected` and stop it otherwise (the browser's own verdict
 * then rules). A silence counts only once something was seen arriving on the connection, so one
 * on which nothing was ever received is never called silent. Firefox also fires a `connected`
 * when the other side restarts ICE over a dead path; a silence goes on through that, and ends
 * only when something arrives.
 */
export class SilenceWatch {
  readonly #options: SilenceWatchOptions;
  readonly #now: () => number;
  #timer: ReturnType<typeof setInterval> | undefined;
  /** Bumped by start/stop: a statistics read that began before belongs to an old run. */
  #run = 0;
  #reading = false;
  /** The last reading; undefined until the first of this run. */
  #last: Map<string, number> | undefined;
  #lastArrivalAt = 0;
  /** Something arrived on this connection once: from then on a stop of arrivals is a silence. */
  #armed = false;
  #silent = false;

  constructor(options: SilenceWatchOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Whether the connection is silent now. */
  get silent(): boolean {
    return this.#silent;
  }

  /**
   * Starts watching (the connection says `connected`); the silence clock starts with the first
   * reading. While already watching, nothing changes: a repeated `connected` is no news, and a
   * silence stays one.
   */
  start(): void {
    if (this.#timer !== undefined) return;
    this.#run++;
    this.#reading = false;
    this.#last = undefined;
    this.#timer = setInterval(() => void this.#tick(), this.#options.intervalMs);
  }

  /**
   * Stops watching (the connection says something other than `connected`) and ends a silence
   * without reporting it. Whether anything ever arrived is kept.
   */
  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#run++;
    this.#reading = false;
    this.#last = undefined;
    this.#silent = false;
  }

  async #tick(): Promise<void> {
    // A slow getStats (a busy machine) must not pile up reads.
    if (this.#reading) return;
    this.#reading = true;
    const run = this.#run;
    let received: Map<string, number> | undefined;
    try {
      received = receivedByPair(await this.#options.getStats());
    } catch {
      received = undefined; // closed meanwhile, or no statistics: nothing to judge by
    }
    if (run !== this.#run) return;
    this.#reading = false;
    if (received) this.#observe(received);
  }

  #observe(received: Map<string, number>): void {
    const now = this.#now();
    const last = this.#last;
    this.#last = received;
    if (!last) {
      // The first reading of the run: what is there was received before, not now.
      this.#lastArrivalAt = now;
      return;
    }
    if (arrivedSince(last, received)) {
      this.#armed = true;
      this.#lastArrivalAt = now;
      if (this.#silent) {
        this.#silent = false;
        this.#options.onChange(false);
      }
      return;
    }
    if (this.#armed && !this.#silent && now - this.#lastArrivalAt >= this.#options.silenceMs) {
      this.#silent = true;
      this.#options.onChange(true);
    }
  }
}
