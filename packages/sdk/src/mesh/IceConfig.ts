import type { IceServer } from '@zvonok/protocol';

/** Ask for fresh TURN credentials this long before the current ones expire. */
const REFRESH_BEFORE_MS = 60_000;
/** Never ask more often than this (clock skew, very short TTLs). */
const MIN_REFRESH_MS = 5_000;

/**
 * The RTCConfiguration of a call: the app's own settings plus the ICE servers the server hands
 * out (with short-lived TURN credentials). Refreshes them before they expire, since an ICE
 * restart after expiry could not use TURN any more.
 */
export class IceConfig {
  readonly #base: RTCConfiguration;
  readonly #requestRefresh: () => void;
  #servers: RTCIceServer[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** `requestRefresh` asks the server for new ones (its answer comes back through `update`). */
  constructor(base: RTCConfiguration | undefined, requestRefresh: () => void) {
    this.#base = base ?? {};
    this.#requestRefresh = requestRefresh;
  }

  /** The configuration for a (new or existing) peer connection. */
  get configuration(): RTCConfiguration {
    return { ...this.#base, iceServers: [...(this.#base.iceServers ?? []), ...this.#servers] };
  }

  /** New servers from `joined` or `ice-servers`; schedules the next refresh. */
  update(servers: readonly IceServer[], expireAt: number | undefined): void {
    this.#servers = servers.map((s) => ({ ...s }));
    this.stop();
    if (expireAt === undefined) return;
    const delay = Math.max(MIN_REFRESH_MS, expireAt - Date.now() - REFRESH_BEFORE_MS);
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
}
