import type { IceServer } from '@zvonok/protocol';

/** Ask for fresh TURN credentials when this share of their lifetime has passed. */
export const REFRESH_AT_SHARE = 0.8;
/** Never ask more often than this (clock skew, very short lifetimes). */
const MIN_REFRESH_MS = 5_000;

/** Options of `new TurnCredentials(...)`. */
export interface TurnCredentialsOptions {
  /** The app's own RTCPeerConnection settings; the server's ICE servers are added to them. */
  base?: RTCConfiguration | undefined;
  /** Use TURN relays only (`iceTransportPolicy: 'relay'`): peers never learn our IP address. */
  relayOnly?: boolean | undefined;
  /** Ask the server for new ICE servers (its answer comes back through `update`). */
  requestRefresh: () => void;
}

/**
 * The RTCConfiguration of a call: the app's own settings plus the ICE servers the server hands
 * out (with short-lived TURN credentials), relay-only if asked. Asks for fresh credentials at 80 %
 * of their lifetime, so that new connections and ICE restarts of a long call can still use TURN.
 */
export class TurnCredentials {
  readonly #base: RTCConfiguration;
  readonly #relayOnly: boolean;
  readonly #requestRefresh: () => void;
  #servers: RTCIceServer[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: TurnCredentialsOptions) {
    this.#base = options.base ?? {};
    this.#relayOnly = options.relayOnly ?? false;
    this.#requestRefresh = options.requestRefresh;
  }

  /** Whether only relayed candidates are used. */
  get relayOnly(): boolean {
    return this.#relayOnly;
  }

  /** Whether any configured server (the app's or the signaling server's) is a TURN relay. */
  get hasTurn(): boolean {
    return this.#allServers().some((s) => urlsOf(s).some(isTurnUrl));
  }

  /** The configuration for a (new or existing) peer connection. */
  get configuration(): RTCConfiguration {
    return {
      ...this.#base,
      iceServers: this.#allServers(),
      ...(this.#relayOnly && { iceTransportPolicy: 'relay' as const }),
    };
  }

  /**
   * New servers from `joined` or `ice-servers`. Schedules the next refresh at 80 % of the time
   * left until `expireAt` (the server's clock; a skewed clock only moves the refresh).
   */
  update(servers: readonly IceServer[], expireAt: number | undefined, now = Date.now()): void {
    this.#servers = servers.map((s) => ({
      ...s,
      urls: Array.isArray(s.urls) ? [...s.urls] : s.urls,
    }));
    this.stop();
    if (expireAt === undefined) return;
    const delay = Math.max(MIN_REFRESH_MS, (expireAt - now) * REFRESH_AT_SHARE);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#requestRefresh();
    }, delay);
  }

  /** Cancel the refresh timer. */
  stop(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #allServers(): RTCIceServer[] {
    return [...(this.#base.iceServers ?? []), ...this.#servers];
  }
}

function urlsOf(server: RTCIceServer): string[] {
  return Array.isArray(server.urls) ? server.urls : [server.urls];
}

/** `turn:` and `turns:` URLs name relays; `stun:` ones do not. */
export function isTurnUrl(url: string): boolean {
  return /^turns?:/i.test(url);
}

/**
 * STUN error codes with which a TURN server refuses us (RFC 8489 / 8656: unauthorized,
 * forbidden, mismatch, wrong credentials, quotas): it was reached, our credentials were not good.
 */
const TURN_REFUSALS: ReadonlySet<number> = new Set([401, 403, 437, 438, 441, 486, 508]);

/** Whether an `icecandidateerror` code means "the relay refused us" rather than "no answer". */
export function isTurnRefusal(errorCode: number): boolean {
  return TURN_REFUSALS.has(errorCode);
}
