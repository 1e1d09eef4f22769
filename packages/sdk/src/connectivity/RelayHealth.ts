import { CallError, CallErrorCode } from '../errors.js';
import type { Logger } from '../utils/logger.js';

/** Options of `new RelayHealth(...)`. */
export interface RelayHealthOptions {
  /** Whether the call may only use the TURN relay (then no relay means nobody can be reached). */
  relayOnly: () => boolean;
  logger: Logger;
  /** A relay-only call cannot get a relay: the person must hear it (once). */
  onUnreachable: (error: CallError) => void;
}

/**
 * What a call's connections learnt about the TURN relay, and whether a person must hear of a
 * failure. Only a relay-only call depends on it: there a relay that never worked is a setup
 * problem reported once (`RelayUnreachable`), while losing one that worked is an outage that ICE
 * restarts ride out (the tiles say "Reconnecting…", then "Cannot reach" with a Retry).
 */
export class RelayHealth {
  readonly #relayOnly: () => boolean;
  readonly #log: Logger;
  readonly #onUnreachable: (error: CallError) => void;
  /** RelayUnreachable was reported and no relayed candidate has come since. */
  #reported = false;
  /** A relayed candidate has been gathered by these connections: the relay works. */
  #worked = false;

  constructor(options: RelayHealthOptions) {
    this.#relayOnly = options.relayOnly;
    this.#log = options.logger;
    this.#onUnreachable = options.onUnreachable;
  }

  /** New connections (a new mesh): what was learnt belonged to the old ones. */
  reset(): void {
    this.#reported = false;
    this.#worked = false;
  }

  /** A relayed candidate was gathered. */
  gathered(): void {
    this.#reported = false;
    this.#worked = true;
  }

  /** No relay could be had (`peerId`: on the connection with them). */
  failed(why: string, peerId?: string): void {
    if (!this.#relayOnly()) {
      this.#log.warn(`no TURN relay${peerId ? ` for ${peerId}` : ''}: ${why}`);
      return;
    }
    if (this.#worked) {
      this.#log.warn(`the relay that carried this call is lost: ${why}; ICE restarts retry it`);
      return;
    }
    if (this.#reported) return;
    this.#reported = true;
    this.#onUnreachable(
      new CallError(CallErrorCode.RelayUnreachable, `relay-only call, but no relay: ${why}`),
    );
  }
}
