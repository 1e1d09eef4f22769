import { KeyedTimers } from '../utils/KeyedTimers.js';

/** First wait before own pending chat is sent again after the server could not keep it. */
export const CHAT_RETRY_BASE_MS = 1_000;
/** The longest wait between two tries. */
export const CHAT_RETRY_MAX_MS = 15_000;

/**
 * When the server answers a chat with a passing failure (its shared state is out of reach for a
 * moment, or the sender went over the rate limit), the message stays pending and is sent again
 * later: 1 s, 2 s, 4 s… up to 15 s apart, until an ack comes. The server drops a resend it has
 * already kept (same id), so a retry never doubles a message.
 */
export class ChatRetry {
  readonly #resend: () => void;
  readonly #baseMs: number;
  #attempt = 0;
  /** At most one resend waits. */
  readonly #timer = new KeyedTimers<'resend'>();

  constructor(resend: () => void, baseMs = CHAT_RETRY_BASE_MS) {
    this.#resend = resend;
    this.#baseMs = baseMs;
  }

  /** Whether a resend is waiting. */
  get scheduled(): boolean {
    return this.#timer.has('resend');
  }

  /** A chat was refused for now: send the pending ones again after the next wait (one timer). */
  schedule(): void {
    if (this.scheduled) return;
    const wait = Math.min(CHAT_RETRY_MAX_MS, this.#baseMs * 2 ** this.#attempt);
    this.#attempt++;
    this.#timer.set('resend', wait, this.#resend);
  }

  /** Everything was kept: the next failure starts from the shortest wait again. */
  reset(): void {
    this.#attempt = 0;
  }

  /** Leaving, or a reconnect resends anyway: forget the pending try. */
  cancel(): void {
    this.#timer.clear();
    this.#attempt = 0;
  }
}
