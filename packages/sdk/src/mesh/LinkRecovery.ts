import { PeerLinkState } from '../types.js';
import { KeyedTimers } from '../utils/KeyedTimers.js';
import type { Logger } from '../utils/logger.js';
import type { PeerConnectionListen } from './listen.js';
import { SilenceWatch } from './SilenceWatch.js';

/** Options of `new LinkRecovery(...)`. */
export interface LinkRecoveryOptions {
  pc: RTCPeerConnection;
  remoteId: string;
  listen: PeerConnectionListen;
  logger: Logger;
  /** How long `disconnected` may last before an ICE restart. */
  disconnectedRestartMs: number;
  maxIceRestarts: number;
  /** How long an ICE restart may take before the next one. */
  restartTimeoutMs: number;
  /** Nothing received this long on a `connected` connection shows it as reconnecting. */
  silenceMs: number;
  /** How often the statistics are read for that. */
  silenceCheckIntervalMs: number;
  /**
   * The connection's state changed (after recovery reacted to it, before `link` is updated).
   */
  onConnectionState: (state: RTCPeerConnectionState) => void;
  /** `link` changed. */
  onLink: (link: PeerLinkState) => void;
  /** ICE kept failing after `maxIceRestarts` restarts in a row. */
  onUnreachable: () => void;
}

/** The two timers of recovery, one of each at most. */
type RecoveryTimer = 'disconnected' | 'restart';

/**
 * Keeps one connection's ICE path alive and says how it is doing as a person sees it.
 *
 * ICE restarts on `failed`, on a lasting `disconnected`, and again when a restart has not
 * connected in time; after `maxIceRestarts` in a row the peer is `unreachable` until
 * {@link LinkRecovery.retry}. A `connected` that receives nothing at all is shown as
 * `Reconnecting` (a {@link SilenceWatch}: Firefox may keep saying `connected` for 30 s on a
 * dead path).
 */
export class LinkRecovery {
  readonly #pc: RTCPeerConnection;
  readonly #remoteId: string;
  readonly #log: Logger;
  readonly #options: LinkRecoveryOptions;
  readonly #timers = new KeyedTimers<RecoveryTimer>();
  /** Says when a `connected` connection receives nothing: the tile shows it as reconnecting. */
  readonly #silenceWatch: SilenceWatch;
  #restarts = 0;
  #unreachable = false;
  /** Reached `connected` at least once: later losses are "reconnecting", not "connecting". */
  #wasConnected = false;
  #link = PeerLinkState.Connecting;
  #closed = false;

  constructor(options: LinkRecoveryOptions) {
    this.#options = options;
    this.#pc = options.pc;
    this.#remoteId = options.remoteId;
    this.#log = options.logger;
    this.#silenceWatch = new SilenceWatch({
      getStats: () => this.#pc.getStats(),
      intervalMs: options.silenceCheckIntervalMs,
      silenceMs: options.silenceMs,
      onChange: (silent) => this.#onSilenceChange(silent),
    });
    options.listen('connectionstatechange', () => this.#onConnectionStateChange());
  }

  /** How the connection is doing as a person sees it. */
  get link(): PeerLinkState {
    return this.#link;
  }

  /** Whether ICE restarts gave up on this peer (until {@link retry}). */
  get unreachable(): boolean {
    return this.#unreachable;
  }

  /** Restart ICE now; another follows if this one has not connected in time. */
  restartIce(): void {
    if (this.#closed) return;
    this.#log.info(`ICE restart with ${this.#remoteId}`);
    this.#pc.restartIce();
    this.#timers.set('restart', this.#options.restartTimeoutMs, () => {
      if (this.#closed || this.#pc.connectionState === 'connected') return;
      this.#log.info(`ICE restart with ${this.#remoteId} did not connect in time`);
      this.#autoRestart();
    });
  }

  /** Start over after `unreachable`: count restarts from zero and restart ICE. */
  retry(): void {
    if (this.#closed) return;
    this.#restarts = 0;
    this.#unreachable = false;
    this.restartIce();
    this.#updateLink();
  }

  /** Stop every timer and the silence watch. */
  close(): void {
    this.#closed = true;
    this.#timers.clear();
    this.#silenceWatch.stop();
  }

  #onConnectionStateChange(): void {
    if (this.#closed) return;
    const state = this.#pc.connectionState;
    this.#log.debug(`connection with ${this.#remoteId}: ${state}`);
    // Any other state is the browser's own verdict on the path, and replaces the watch's.
    if (state === 'connected') this.#silenceWatch.start();
    else this.#silenceWatch.stop();
    switch (state) {
      case 'connected':
        this.#timers.clear();
        this.#restarts = 0;
        this.#unreachable = false;
        this.#wasConnected = true;
        break;
      case 'disconnected':
        // Often heals by itself within a second or two (a lost packet burst); restart if not.
        this.#timers.set('disconnected', this.#options.disconnectedRestartMs, () => {
          if (this.#pc.connectionState === 'disconnected') this.#autoRestart();
        });
        break;
      case 'failed':
        this.#timers.cancel('disconnected');
        this.#autoRestart();
        break;
      default:
        break;
    }
    this.#options.onConnectionState(state);
    this.#updateLink();
  }

  /**
   * Only what the tile shows changes. The ICE restart is left to the other side (Chromium says
   * `disconnected` within seconds and restarts) or to this browser's own `failed`: two sides
   * restarting on their own clocks over a path that is coming back undo each other's attempts.
   */
  #onSilenceChange(silent: boolean): void {
    if (this.#closed) return;
    if (silent) this.#log.info(`nothing received from ${this.#remoteId} though connected`);
    this.#updateLink();
  }

  #autoRestart(): void {
    if (this.#restarts >= this.#options.maxIceRestarts) {
      this.#timers.cancel('restart');
      if (!this.#unreachable) {
        this.#unreachable = true;
        this.#updateLink();
        this.#options.onUnreachable();
      }
      return;
    }
    this.#restarts++;
    this.restartIce();
  }

  #updateLink(): void {
    const link = this.#unreachable
      ? PeerLinkState.Unreachable
      : this.#isLive()
        ? PeerLinkState.Connected
        : this.#wasConnected
          ? PeerLinkState.Reconnecting
          : PeerLinkState.Connecting;
    if (link === this.#link) return;
    this.#link = link;
    this.#options.onLink(link);
  }

  /** Connected, and things arrive (as far as the silence watch can tell): what the tile shows. */
  #isLive(): boolean {
    return this.#pc.connectionState === 'connected' && !this.#silenceWatch.silent;
  }
}
