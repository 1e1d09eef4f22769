import { SILENCE_CHECK_INTERVAL_MS, SILENCE_NOTICE_MS } from '../defaults.js';
import type { IceTimings } from '../timings.js';
import type { PeerLinkState } from '../types.js';
import { TypedEmitter } from '../utils/TypedEmitter.js';
import type { Logger } from '../utils/logger.js';
import { PeerVerification } from '../verification/PeerVerification.js';
import { LinkRecovery } from './LinkRecovery.js';
import type { PeerConnectionListen } from './listen.js';
import { PerfectNegotiation, type PeerSignal } from './PerfectNegotiation.js';
import { RelayWatch, type RelayFailure } from './RelayWatch.js';
import { selectedPair, type SelectedPair } from './selectedPair.js';
import { TransceiverSlots, type LocalSource, type SendSlot } from './TransceiverSlots.js';

export type { PeerSignal } from './PerfectNegotiation.js';

/** Events of a {@link PeerSession}. */
export type PeerSessionEvents = {
  /** args: (state: RTCPeerConnectionState) */
  connectionStateChanged: (state: RTCPeerConnectionState) => void;
  /** A remote track arrived in `remoteStream` or `remoteScreenStream`. args: (track) */
  track: (track: MediaStreamTrack) => void;
  /** ICE kept failing after MAX_ICE_RESTARTS restarts. args: () */
  unreachable: () => void;
  /** `link` changed. args: (link: PeerLinkState) */
  linkChanged: (link: PeerLinkState) => void;
  /** The code to compare is known (once per connection). args: (code) */
  verificationCode: (code: string) => void;
  /**
   * A description from the peer named different certificates in different m-sections: someone
   * rewrote it on the way. It was not applied. args: (type: 'offer' | 'answer')
   */
  tamperedDescription: (type: 'offer' | 'answer') => void;
  /** A gathering round produced no relayed candidate though one was expected. */
  relayFailed: (reason: RelayFailure, detail: string) => void;
  /** A relayed candidate was gathered. args: () */
  relayGathered: () => void;
};

/** Options of `new PeerSession(...)`. */
export interface PeerSessionOptions {
  remoteId: string;
  /** The polite side yields when both offer at once (W3C perfect negotiation). */
  polite: boolean;
  /** The newcomer offers: it creates the audio, camera and screen transceivers up front. */
  initiator: boolean;
  pc: RTCPeerConnection;
  local: LocalSource;
  send: (signal: PeerSignal) => void;
  logger: Logger;
  /** The delays of ICE recovery (see `resolveTimings`). */
  timings: IceTimings;
  /** Whether a relayed candidate is expected (a TURN server is configured). Default: never. */
  expectRelay?: () => boolean;
  /** A gathering round without a relayed candidate by then counts as a relay failure. */
  relayTimeoutMs?: number;
  /** Nothing received this long on a `connected` connection shows it as reconnecting. */
  silenceMs?: number;
  /** How often the statistics are read for that. */
  silenceCheckIntervalMs?: number;
}

/** How long a gathering round may take to produce a relayed candidate. */
const RELAY_TIMEOUT_MS = 10_000;

/**
 * One RTCPeerConnection to one remote peer. It ties together the parts that each do one job
 * on that connection, and owns their lifecycle:
 * - {@link PerfectNegotiation}: the offer/answer exchange (glare, ordered inbox, early candidates);
 * - {@link TransceiverSlots}: the audio, camera and screen transceivers and where received
 *   tracks go (`remoteStream`, `remoteScreenStream`);
 * - {@link LinkRecovery}: ICE restarts and the `link` a person sees;
 * - {@link PeerVerification}: the code both people compare;
 * - {@link RelayWatch}: whether the TURN relay delivers candidates.
 *
 * Every peer connection listener goes through one `listen`, so `close()` removes them all.
 */
export class PeerSession extends TypedEmitter<PeerSessionEvents> {
  readonly remoteId: string;
  readonly pc: RTCPeerConnection;
  /** What arrives from the peer (microphone and camera); the same object for the session's life. */
  readonly remoteStream: MediaStream;
  /** The peer's shared screen, when it shares one; the same object for the session's life. */
  readonly remoteScreenStream: MediaStream;

  readonly #negotiation: PerfectNegotiation;
  readonly #slots: TransceiverSlots;
  readonly #recovery: LinkRecovery;
  readonly #verification: PeerVerification;
  readonly #relayWatch: RelayWatch;
  readonly #detach: (() => void)[] = [];
  #closed = false;

  constructor(options: PeerSessionOptions) {
    super(options.logger);
    this.remoteId = options.remoteId;
    const pc = options.pc;
    this.pc = pc;
    const logger = options.logger;
    const listen: PeerConnectionListen = (type, listener) => {
      pc.addEventListener(type, listener);
      this.#detach.push(() => pc.removeEventListener(type, listener));
    };

    this.#verification = new PeerVerification({
      pc,
      logger,
      onCode: (code) => {
        if (!this.#closed) this.safeEmit('verificationCode', code);
      },
    });
    this.#negotiation = new PerfectNegotiation({
      pc,
      remoteId: options.remoteId,
      polite: options.polite,
      listen,
      send: options.send,
      logger,
      onRemoteDescription: (sdp) => this.#verification.remoteDescriptionApplied(sdp),
      beforeAnswer: () => this.#slots.claimOffered(),
      onTampered: (type) => this.safeEmit('tamperedDescription', type),
    });
    this.#recovery = new LinkRecovery({
      pc,
      remoteId: options.remoteId,
      listen,
      logger,
      disconnectedRestartMs: options.timings.iceDisconnectedRestartMs,
      maxIceRestarts: options.timings.maxIceRestarts,
      restartTimeoutMs: options.timings.iceRestartTimeoutMs,
      silenceMs: options.silenceMs ?? SILENCE_NOTICE_MS,
      silenceCheckIntervalMs: options.silenceCheckIntervalMs ?? SILENCE_CHECK_INTERVAL_MS,
      onConnectionState: (state) => this.safeEmit('connectionStateChanged', state),
      onLink: (link) => this.safeEmit('linkChanged', link),
      onUnreachable: () => this.safeEmit('unreachable'),
    });
    this.#slots = new TransceiverSlots({
      pc,
      local: options.local,
      listen,
      onTrack: (track) => this.safeEmit('track', track),
    });
    this.remoteStream = this.#slots.remoteStream;
    this.remoteScreenStream = this.#slots.remoteScreenStream;
    this.#relayWatch = new RelayWatch({
      listen,
      expectRelay: options.expectRelay ?? (() => false),
      timeoutMs: options.relayTimeoutMs ?? RELAY_TIMEOUT_MS,
      onFailure: (reason, detail) => {
        if (!this.#closed) this.safeEmit('relayFailed', reason, detail);
      },
      onRelay: () => {
        if (!this.#closed) this.safeEmit('relayGathered');
      },
    });

    if (options.initiator) {
      this.#slots.createAll();
      // After the media: the data m-section comes last, so m-line order stays what it was.
      this.#verification.openChannel();
      this.#negotiation.offerSoon();
    }
  }

  /** The peer connection's aggregate state. */
  get connectionState(): RTCPeerConnectionState {
    return this.pc.connectionState;
  }

  /** How the connection is doing as a person sees it. */
  get link(): PeerLinkState {
    return this.#recovery.link;
  }

  /** Whether ICE restarts gave up on this peer (until {@link retry}). */
  get unreachable(): boolean {
    return this.#recovery.unreachable;
  }

  /**
   * The code both people see for this connection (see verificationCode.ts), once the connection
   * is up and both ends exchanged their nonces; undefined before.
   */
  get verificationCode(): string | undefined {
    return this.#verification.code;
  }

  /** Candidate types of the pair in use, if connected (from getStats). */
  selectedPair(): Promise<SelectedPair | undefined> {
    return selectedPair(this.pc);
  }

  /** Handle a signal from the peer. Never throws: failures are logged. */
  receive(signal: PeerSignal): Promise<void> {
    return this.#negotiation.receive(signal);
  }

  /** Send `track` on a slot instead of the current one (null: send nothing), without renegotiating. */
  setLocalTrack(slot: SendSlot, track: MediaStreamTrack | null): Promise<void> {
    return this.#slots.setLocalTrack(slot, track);
  }

  /** Restart ICE now (e.g. after the signaling connection came back while this peer was down). */
  restartIce(): void {
    this.#recovery.restartIce();
  }

  /** Start over after `unreachable`: count restarts from zero and restart ICE. */
  retry(): void {
    this.#recovery.retry();
  }

  /** Close the connection and remove every listener and timer. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#recovery.close();
    this.#relayWatch.stop();
    this.#verification.close();
    this.#negotiation.close();
    this.#slots.close();
    for (const detach of this.#detach.splice(0)) detach();
    this.pc.close();
    this.removeAllListeners();
  }
}
