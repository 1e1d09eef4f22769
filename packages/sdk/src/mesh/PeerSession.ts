import type { IceCandidate } from '@zvonok/protocol';
import {
  ICE_DISCONNECTED_RESTART_MS,
  ICE_RESTART_TIMEOUT_MS,
  MAX_ICE_RESTARTS,
  SILENCE_CHECK_INTERVAL_MS,
  SILENCE_NOTICE_MS,
} from '../defaults.js';
import type { MediaKind } from '../events.js';
import { PeerLinkState } from '../types.js';
import { TypedEmitter } from '../utils/TypedEmitter.js';
import type { Logger } from '../utils/logger.js';
import { PeerVerification } from '../verification/PeerVerification.js';
import { hasConsistentFingerprints } from '../verification/sdpFingerprints.js';
import { RelayWatch, type RelayFailure } from './RelayWatch.js';
import { selectedPair, type SelectedPair } from './selectedPair.js';
import { SilenceWatch } from './SilenceWatch.js';

/** A signaling message a session sends to its peer (the Mesh adds `to`). */
export type PeerSignal =
  | { type: 'offer' | 'answer'; sdp: string }
  | { type: 'ice-candidate'; candidate: IceCandidate | null };

/**
 * What a connection sends on: the microphone, the camera and a shared screen, each on its own
 * transceiver. Both sides create (or claim) them in this order, so the second video m-line is
 * the screen's on both ends and a track is told apart by the transceiver it arrives on.
 */
export type SendSlot = 'audio' | 'video' | 'screen';

/** The slots in m-line order. */
export const SEND_SLOTS: readonly SendSlot[] = ['audio', 'video', 'screen'];

/** The kind of track a slot carries. */
export function slotKind(slot: SendSlot): MediaKind {
  return slot === 'audio' ? 'audio' : 'video';
}

/** What the local side sends, per slot. */
export interface LocalSource {
  /** The current track of a slot (null when off or absent). */
  track(slot: SendSlot): MediaStreamTrack | null;
  /**
   * Whether to offer to send on this slot at all (a device exists, even if it is off now; for
   * the screen: the browser can share one).
   */
  canSend(slot: SendSlot): boolean;
  /** The local stream, so that the remote side groups the tracks into one stream. */
  readonly stream: MediaStream | undefined;
}

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
  /** How long `disconnected` may last before an ICE restart. */
  disconnectedRestartMs?: number;
  maxIceRestarts?: number;
  /** How long an ICE restart may take before the next one. */
  iceRestartTimeoutMs?: number;
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
 * One RTCPeerConnection to one remote peer, negotiated with W3C perfect negotiation
 * (https://w3c.github.io/webrtc-pc/#perfect-negotiation-example, webrtc/samples
 * `perfect-negotiation/js/peer.js`): whichever side wants to negotiate just does, and when both
 * offer at once the polite side rolls back and answers. Its whole state is three booleans.
 *
 * Each side sends on one audio, one camera and one screen transceiver ("claimed" below, see
 * {@link SendSlot}); camera on/off, a device switch and screen sharing are a `replaceTrack` on
 * them, never a renegotiation. The screen's transceiver is made with the others at the start
 * (sending nothing until a screen is shared) rather than added when sharing starts: sharing then
 * starts at once, needs no offer/answer round (nor the signaling server: it works while that
 * reconnects) and cannot run into glare with a peer that shares at the same moment.
 *
 * ICE restarts on `failed`, on a lasting `disconnected`, and again when a restart has not
 * connected in time; after `maxIceRestarts` in a row the peer is `unreachable` until
 * {@link PeerSession.retry}. A `connected` that receives nothing at all is shown as
 * `Reconnecting` (a {@link SilenceWatch}: Firefox may keep saying `connected` for 30 s on a
 * dead path).
 */
export class PeerSession extends TypedEmitter<PeerSessionEvents> {
  readonly remoteId: string;
  readonly pc: RTCPeerConnection;
  /** What arrives from the peer (microphone and camera); the same object for the session's life. */
  readonly remoteStream: MediaStream;
  /** The peer's shared screen, when it shares one; the same object for the session's life. */
  readonly remoteScreenStream: MediaStream;

  readonly #polite: boolean;
  readonly #local: LocalSource;
  readonly #send: (signal: PeerSignal) => void;
  readonly #log: Logger;
  readonly #disconnectedRestartMs: number;
  readonly #maxIceRestarts: number;
  readonly #restartTimeoutMs: number;

  // Perfect negotiation state (names as in the spec's example).
  #makingOffer = false;
  #ignoreOffer = false;
  #srdAnswerPending = false;

  /** Remote candidates that came before a remote description: added after it (seed feature). */
  #pendingCandidates: RTCIceCandidateInit[] = [];
  /** Incoming signals are handled one at a time, in order. */
  #inbox: Promise<void> = Promise.resolve();
  /** The transceiver this side sends each slot on (and receives the peer's same slot on). */
  readonly #claimed = new Map<SendSlot, RTCRtpTransceiver>();
  /** Transceivers the browser announced a remote track on (`track` event): the peer sends there. */
  readonly #received = new Set<RTCRtpTransceiver>();
  #disconnectedTimer: ReturnType<typeof setTimeout> | undefined;
  /** Runs while an ICE restart is under way: fires when it did not connect in time. */
  #restartTimer: ReturnType<typeof setTimeout> | undefined;
  #restarts = 0;
  #unreachable = false;
  /** Reached `connected` at least once: later losses are "reconnecting", not "connecting". */
  #wasConnected = false;
  #link = PeerLinkState.Connecting;
  #closed = false;
  readonly #detach: (() => void)[] = [];
  readonly #relayWatch: RelayWatch;
  /** Says when a `connected` connection receives nothing: the tile shows it as reconnecting. */
  readonly #silenceWatch: SilenceWatch;
  #verificationCode: string | undefined;
  readonly #verification: PeerVerification;

  constructor(options: PeerSessionOptions) {
    super(options.logger);
    this.remoteId = options.remoteId;
    this.pc = options.pc;
    this.#polite = options.polite;
    this.#local = options.local;
    this.#send = options.send;
    this.#log = options.logger;
    this.#disconnectedRestartMs = options.disconnectedRestartMs ?? ICE_DISCONNECTED_RESTART_MS;
    this.#maxIceRestarts = options.maxIceRestarts ?? MAX_ICE_RESTARTS;
    this.#restartTimeoutMs = options.iceRestartTimeoutMs ?? ICE_RESTART_TIMEOUT_MS;
    this.remoteStream = new MediaStream();
    this.remoteScreenStream = new MediaStream();

    this.#listen('negotiationneeded', () => void this.#onNegotiationNeeded());
    this.#listen('icecandidate', (e) => this.#onIceCandidate(e));
    this.#listen('connectionstatechange', () => this.#onConnectionStateChange());
    this.#listen('track', (e) => {
      this.#received.add(e.transceiver);
      this.#routeTracks();
    });
    this.#verification = new PeerVerification({
      pc: this.pc,
      logger: this.#log,
      onCode: (code) => {
        if (this.#closed || code === this.#verificationCode) return;
        this.#verificationCode = code;
        this.safeEmit('verificationCode', code);
      },
    });
    this.#relayWatch = new RelayWatch({
      listen: (type, listener) => this.#listen(type, listener),
      expectRelay: options.expectRelay ?? (() => false),
      timeoutMs: options.relayTimeoutMs ?? RELAY_TIMEOUT_MS,
      onFailure: (reason, detail) => {
        if (!this.#closed) this.safeEmit('relayFailed', reason, detail);
      },
      onRelay: () => {
        if (!this.#closed) this.safeEmit('relayGathered');
      },
    });

    this.#silenceWatch = new SilenceWatch({
      getStats: () => this.pc.getStats(),
      intervalMs: options.silenceCheckIntervalMs ?? SILENCE_CHECK_INTERVAL_MS,
      silenceMs: options.silenceMs ?? SILENCE_NOTICE_MS,
      onChange: (silent) => this.#onSilenceChange(silent),
    });

    if (options.initiator) {
      for (const slot of SEND_SLOTS) this.#claimed.set(slot, this.#addTransceiver(slot));
      // After the media: the data m-section comes last, so m-line order stays what it was.
      this.#verification.openChannel();
      // The newcomer's offer is started now rather than on `negotiationneeded`: that event is a
      // task queued behind whatever the page does meanwhile (rendering the call view it just
      // entered, on a busy machine 30-150 ms), while creating the offer can run alongside it.
      // The event then finds the connection in have-local-offer and is not fired (it only fires
      // in stable, and the answer leaves nothing to negotiate), so there is still one offer.
      queueMicrotask(() => void this.#onNegotiationNeeded());
    }
  }

  /** The peer connection's aggregate state. */
  get connectionState(): RTCPeerConnectionState {
    return this.pc.connectionState;
  }

  /** How the connection is doing as a person sees it. */
  get link(): PeerLinkState {
    return this.#link;
  }

  /** Whether ICE restarts gave up on this peer (until {@link retry}). */
  get unreachable(): boolean {
    return this.#unreachable;
  }

  /**
   * The code both people see for this connection (see verificationCode.ts), once the connection
   * is up and both ends exchanged their nonces; undefined before.
   */
  get verificationCode(): string | undefined {
    return this.#verificationCode;
  }

  /** Candidate types of the pair in use, if connected (from getStats). */
  selectedPair(): Promise<SelectedPair | undefined> {
    return selectedPair(this.pc);
  }

  /** Handle a signal from the peer. Never throws: failures are logged. */
  receive(signal: PeerSignal): Promise<void> {
    const run = this.#inbox.then(() => this.#process(signal));
    this.#inbox = run.catch((err: unknown) => {
      if (!this.#closed) this.#log.warn(`handling "${signal.type}" failed`, err);
    });
    return this.#inbox;
  }

  /** Send `track` on a slot instead of the current one (null: send nothing), without renegotiating. */
  async setLocalTrack(slot: SendSlot, track: MediaStreamTrack | null): Promise<void> {
    if (this.#closed) return;
    let transceiver = this.#claimed.get(slot);
    if (!transceiver && slot === 'screen' && track && this.pc.remoteDescription) {
      // The peer's offer had no screen m-line (an older client): add one, which renegotiates.
      transceiver = this.#addTransceiver(slot);
      this.#claimed.set(slot, transceiver);
      return;
    }
    // Not negotiated yet (waiting for the newcomer's offer): the claim picks the track up later.
    if (!transceiver) return;
    await transceiver.sender.replaceTrack(track);
    // A kind we had no device for at first: start sending on it, which does renegotiate once.
    if (track && transceiver.direction === 'recvonly') transceiver.direction = 'sendrecv';
  }

  /** Restart ICE now (e.g. after the signaling connection came back while this peer was down). */
  restartIce(): void {
    if (this.#closed) return;
    this.#log.info(`ICE restart with ${this.remoteId}`);
    this.pc.restartIce();
    this.#armRestartTimer();
  }

  /** Start over after `unreachable`: count restarts from zero and restart ICE. */
  retry(): void {
    if (this.#closed) return;
    this.#restarts = 0;
    this.#unreachable = false;
    this.restartIce();
    this.#updateLink();
  }

  /** Close the connection and remove every listener and timer. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#clearDisconnectedTimer();
    this.#clearRestartTimer();
    this.#relayWatch.stop();
    this.#silenceWatch.stop();
    this.#verification.close();
    for (const detach of this.#detach.splice(0)) detach();
    this.#pendingCandidates = [];
    this.pc.close();
    this.removeAllListeners();
  }

  #listen<K extends keyof RTCPeerConnectionEventMap>(
    type: K,
    listener: (event: RTCPeerConnectionEventMap[K]) => void,
  ): void {
    this.pc.addEventListener(type, listener);
    this.#detach.push(() => this.pc.removeEventListener(type, listener));
  }

  #addTransceiver(slot: SendSlot): RTCRtpTransceiver {
    const track = this.#local.track(slot);
    // The screen goes without a stream: the peer must not group it with voice and camera.
    const stream = slot === 'screen' ? undefined : this.#local.stream;
    return this.pc.addTransceiver(track ?? slotKind(slot), {
      direction: this.#local.canSend(slot) || track ? 'sendrecv' : 'recvonly',
      streams: stream ? [stream] : [],
    });
  }

  async #onNegotiationNeeded(): Promise<void> {
    // An offer is already being made (the newcomer's first one, started without the event): the
    // browser checks again once we are back in stable, and fires the event if still needed.
    if (this.#closed || this.#makingOffer) return;
    try {
      this.#makingOffer = true;
      await this.pc.setLocalDescription();
      const description = this.pc.localDescription;
      if (description?.type === 'offer' && !this.#closed) {
        this.#send({ type: 'offer', sdp: description.sdp });
      }
    } catch (err) {
      if (!this.#closed) this.#log.warn('creating an offer failed', err);
    } finally {
      this.#makingOffer = false;
    }
  }

  #onIceCandidate(event: RTCPeerConnectionIceEvent): void {
    // The end-of-candidates null is not sent: browsers end gathering on their own.
    if (!event.candidate || this.#closed) return;
    const c = event.candidate.toJSON();
    this.#send({
      type: 'ice-candidate',
      candidate: {
        candidate: c.candidate ?? '',
        sdpMid: c.sdpMid ?? null,
        sdpMLineIndex: c.sdpMLineIndex ?? null,
        usernameFragment: c.usernameFragment ?? null,
      },
    });
  }

  async #process(signal: PeerSignal): Promise<void> {
    if (this.#closed) return;
    if (signal.type === 'ice-candidate') {
      if (signal.candidate) await this.#addCandidate(signal.candidate);
      return;
    }
    const pc = this.pc;
    const isStable =
      pc.signalingState === 'stable' ||
      (pc.signalingState === 'have-local-offer' && this.#srdAnswerPending);
    this.#ignoreOffer =
      signal.type === 'offer' && !this.#polite && (this.#makingOffer || !isStable);
    if (this.#ignoreOffer) {
      this.#log.debug(`glare with ${this.remoteId}: ignoring their offer (impolite)`);
      return;
    }
    if (!hasConsistentFingerprints(signal.sdp)) {
      // DTLS would check only the first bundled m-section's fingerprint: the others could then be
      // anything. No browser writes that; someone changed the description on its way.
      this.#log.warn(`the ${signal.type} from ${this.remoteId} names different certificates`);
      this.safeEmit('tamperedDescription', signal.type);
      return;
    }
    this.#srdAnswerPending = signal.type === 'answer';
    // An offer in have-local-offer rolls ours back implicitly (the polite side of glare).
    await pc.setRemoteDescription({ type: signal.type, sdp: signal.sdp });
    this.#srdAnswerPending = false;
    this.#verification.remoteDescriptionApplied(signal.sdp);
    await this.#flushCandidates();
    if (signal.type === 'offer') {
      await this.#claimTransceivers();
      await pc.setLocalDescription();
      const answer = pc.localDescription;
      if (answer && !this.#closed) this.#send({ type: 'answer', sdp: answer.sdp });
    }
  }

  async #addCandidate(candidate: IceCandidate): Promise<void> {
    const init: RTCIceCandidateInit = {
      candidate: candidate.candidate,
      sdpMid: candidate.sdpMid ?? null,
      sdpMLineIndex: candidate.sdpMLineIndex ?? null,
      usernameFragment: candidate.usernameFragment ?? null,
    };
    if (!this.pc.remoteDescription) {
      this.#pendingCandidates.push(init);
      return;
    }
    try {
      await this.pc.addIceCandidate(init);
    } catch (err) {
      // Candidates of an offer we ignored in glare are expected to fail.
      if (!this.#ignoreOffer) throw err;
    }
  }

  async #flushCandidates(): Promise<void> {
    const pending = this.#pendingCandidates.splice(0);
    for (const candidate of pending) {
      try {
        await this.pc.addIceCandidate(candidate);
      } catch (err) {
        this.#log.debug('a buffered candidate was refused', err);
      }
    }
  }

  /**
   * Pick the transceivers the peer's offer created to send on, so that the answer carries our
   * media on the same m-lines (no second round). Slots are claimed in m-line order, so both sides
   * agree which video m-line is the camera and which the screen. Transceivers of ours that never
   * made it into a negotiation (we were the polite side of glare) are stopped instead of adding
   * extra m-lines.
   */
  async #claimTransceivers(): Promise<void> {
    const claimed = new Set(this.#claimed.values());
    for (const slot of SEND_SLOTS) {
      const kind = slotKind(slot);
      const current = this.#claimed.get(slot);
      if (current && current.mid !== null) continue;
      const offered = this.pc
        .getTransceivers()
        .find(
          (t) =>
            t.mid !== null &&
            !claimed.has(t) &&
            t.receiver.track.kind === kind &&
            t.direction !== 'stopped' &&
            t.currentDirection !== 'stopped',
        );
      if (!offered) continue;
      if (current) current.stop();
      claimed.add(offered);
      this.#claimed.set(slot, offered);
      const track = this.#local.track(slot);
      offered.direction = this.#local.canSend(slot) || track ? 'sendrecv' : 'recvonly';
      if (track) await offered.sender.replaceTrack(track);
      const stream = slot === 'screen' ? undefined : this.#local.stream;
      // setStreams tells the peer which stream the track belongs to; older browsers lack it.
      if (stream && typeof offered.sender.setStreams === 'function') {
        offered.sender.setStreams(stream);
      }
    }
    this.#routeTracks();
  }

  /**
   * Put each received track in the stream of its slot: the screen's in `remoteScreenStream`,
   * the rest in `remoteStream`. Runs on `track` events and after claiming, because an answerer
   * gets `track` before it has claimed the offer's transceivers (it does not know the slots yet).
   */
  #routeTracks(): void {
    if (this.#closed) return;
    for (const [slot, transceiver] of this.#claimed) {
      if (transceiver.mid === null) continue;
      const track = transceiver.receiver.track;
      const stream = slot === 'screen' ? this.remoteScreenStream : this.remoteStream;
      if (stream.getTracks().includes(track)) continue;
      // A track that only `track` events (with no receiving direction) would not have announced.
      if (!this.#received.has(transceiver)) continue;
      stream.addTrack(track);
      this.safeEmit('track', track);
    }
  }

  #onConnectionStateChange(): void {
    if (this.#closed) return;
    const state = this.pc.connectionState;
    this.#log.debug(`connection with ${this.remoteId}: ${state}`);
    // Any other state is the browser's own verdict on the path, and replaces the watch's.
    if (state === 'connected') this.#silenceWatch.start();
    else this.#silenceWatch.stop();
    switch (state) {
      case 'connected':
        this.#clearDisconnectedTimer();
        this.#clearRestartTimer();
        this.#restarts = 0;
        this.#unreachable = false;
        this.#wasConnected = true;
        break;
      case 'disconnected':
        // Often heals by itself within a second or two (a lost packet burst); restart if not.
        this.#clearDisconnectedTimer();
        this.#disconnectedTimer = setTimeout(() => {
          this.#disconnectedTimer = undefined;
          if (this.pc.connectionState === 'disconnected') this.#autoRestart();
        }, this.#disconnectedRestartMs);
        break;
      case 'failed':
        this.#clearDisconnectedTimer();
        this.#autoRestart();
        break;
      default:
        break;
    }
    this.safeEmit('connectionStateChanged', state);
    this.#updateLink();
  }

  /**
   * Only what the tile shows changes. The ICE restart is left to the other side (Chromium says
   * `disconnected` within seconds and restarts) or to this browser's own `failed`: two sides
   * restarting on their own clocks over a path that is coming back undo each other's attempts.
   */
  #onSilenceChange(silent: boolean): void {
    if (this.#closed) return;
    if (silent) this.#log.info(`nothing received from ${this.remoteId} though connected`);
    this.#updateLink();
  }

  #autoRestart(): void {
    if (this.#restarts >= this.#maxIceRestarts) {
      this.#clearRestartTimer();
      if (!this.#unreachable) {
        this.#unreachable = true;
        this.#updateLink();
        this.safeEmit('unreachable');
      }
      return;
    }
    this.#restarts++;
    this.restartIce();
  }

  #armRestartTimer(): void {
    this.#clearRestartTimer();
    this.#restartTimer = setTimeout(() => {
      this.#restartTimer = undefined;
      if (this.#closed || this.pc.connectionState === 'connected') return;
      this.#log.info(`ICE restart with ${this.remoteId} did not connect in time`);
      this.#autoRestart();
    }, this.#restartTimeoutMs);
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
    this.safeEmit('linkChanged', link);
  }

  /** Connected, and things arrive (as far as the silence watch can tell): what the tile shows. */
  #isLive(): boolean {
    return this.pc.connectionState === 'connected' && !this.#silenceWatch.silent;
  }

  #clearRestartTimer(): void {
    if (this.#restartTimer !== undefined) clearTimeout(this.#restartTimer);
    this.#restartTimer = undefined;
  }

  #clearDisconnectedTimer(): void {
    if (this.#disconnectedTimer !== undefined) clearTimeout(this.#disconnectedTimer);
    this.#disconnectedTimer = undefined;
  }
}
