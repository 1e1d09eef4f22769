import { isTurnRefusal, isTurnUrl } from '../connectivity/TurnCredentials.js';

/** Why no relayed candidate came: the relay refused our credentials, or never answered. */
export type RelayFailure = 'rejected' | 'unreachable';

/** Options of `new RelayWatch(...)`. */
export interface RelayWatchOptions {
  /** Adds a listener to the peer connection (and removes it when the session closes). */
  listen: <K extends keyof RTCPeerConnectionEventMap>(
    type: K,
    listener: (event: RTCPeerConnectionEventMap[K]) => void,
  ) => void;
  /** Whether a relayed candidate is expected now (a TURN server is configured). */
  expectRelay: () => boolean;
  /** A gathering round ended without a relayed candidate. */
  onFailure: (reason: RelayFailure, detail: string) => void;
  /** A relayed candidate was gathered. */
  onRelay: () => void;
  /** A round that has not produced a relayed candidate by then counts as failed. */
  timeoutMs: number;
}

/**
 * Watches the ICE gathering of one connection for relayed candidates. Browsers report TURN
 * problems only as `icecandidateerror` events and the absence of `typ relay` candidates; this
 * turns them into one verdict per gathering round (initial, and each ICE restart), so a
 * relay-only call can tell the person that the relay cannot be reached instead of hanging.
 */
export class RelayWatch {
  readonly #options: RelayWatchOptions;
  #relaySeen = false;
  #errors: string[] = [];
  #refused = false;
  #decided = false;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: RelayWatchOptions) {
    this.#options = options;
    const { listen } = options;
    listen('icegatheringstatechange', (e) => {
      const state = (e.target as RTCPeerConnection).iceGatheringState;
      if (state === 'gathering') this.#startRound();
      else if (state === 'complete') this.#decide();
    });
    listen('icecandidate', (e) => {
      if (e.candidate && / typ relay( |$)/.test(e.candidate.candidate)) this.#onRelay();
    });
    listen('icecandidateerror', (e) => {
      if (!isTurnUrl(e.url)) return;
      if (isTurnRefusal(e.errorCode)) this.#refused = true;
      this.#errors.push(`${e.errorCode} ${e.errorText}`.trim());
    });
  }

  /** Stop the round timer (the session is closing). */
  stop(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #startRound(): void {
    this.stop();
    this.#relaySeen = false;
    this.#errors = [];
    this.#refused = false;
    this.#decided = false;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#decide();
    }, this.#options.timeoutMs);
  }

  #onRelay(): void {
    this.#relaySeen = true;
    this.stop();
    this.#options.onRelay();
  }

  #decide(): void {
    this.stop();
    if (this.#decided || this.#relaySeen) return;
    this.#decided = true;
    if (!this.#options.expectRelay()) return;
    const detail = this.#errors.length > 0 ? this.#errors.join('; ') : 'no answer';
    this.#options.onFailure(this.#refused ? 'rejected' : 'unreachable', detail);
  }
}
