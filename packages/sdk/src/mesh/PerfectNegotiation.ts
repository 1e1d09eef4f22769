import type { IceCandidate } from '@zvonok/protocol';
import type { Logger } from '../utils/logger.js';
import { SerialQueue } from '../utils/SerialQueue.js';
import { hasConsistentFingerprints } from '../verification/sdpFingerprints.js';
import type { PeerConnectionListen } from './listen.js';

/** A signaling message a session sends to its peer (the Mesh adds `to`). */
export type PeerSignal =
  | { type: 'offer' | 'answer'; sdp: string }
  | { type: 'ice-candidate'; candidate: IceCandidate | null };

/** Options of `new PerfectNegotiation(...)`. */
export interface PerfectNegotiationOptions {
  pc: RTCPeerConnection;
  remoteId: string;
  /** The polite side yields when both offer at once. */
  polite: boolean;
  listen: PeerConnectionListen;
  send: (signal: PeerSignal) => void;
  logger: Logger;
  /** A remote description was applied (before buffered candidates and before any answer). */
  onRemoteDescription: (sdp: string) => void;
  /** The peer's offer is applied and our answer is about to be made: take its transceivers. */
  beforeAnswer: () => Promise<void>;
  /** A description named different certificates in different m-sections; it was not applied. */
  onTampered: (type: 'offer' | 'answer') => void;
}

/**
 * The offer/answer exchange of one connection, by W3C perfect negotiation
 * (https://w3c.github.io/webrtc-pc/#perfect-negotiation-example, webrtc/samples
 * `perfect-negotiation/js/peer.js`): whichever side wants to negotiate just does, and when both
 * offer at once the polite side rolls back and answers. Besides the spec's three flags it keeps
 * an ordered inbox of the peer's signals and the candidates that came before a remote
 * description.
 */
export class PerfectNegotiation {
  readonly #pc: RTCPeerConnection;
  readonly #remoteId: string;
  readonly #polite: boolean;
  readonly #send: (signal: PeerSignal) => void;
  readonly #log: Logger;
  readonly #onRemoteDescription: (sdp: string) => void;
  readonly #beforeAnswer: () => Promise<void>;
  readonly #onTampered: (type: 'offer' | 'answer') => void;

  // Perfect negotiation state (names as in the spec's example).
  #makingOffer = false;
  #ignoreOffer = false;
  #srdAnswerPending = false;

  /** Remote candidates that came before a remote description: added after it (seed feature). */
  #pendingCandidates: RTCIceCandidateInit[] = [];
  /** Incoming signals are handled one at a time, in order. */
  readonly #inbox = new SerialQueue();
  #closed = false;

  constructor(options: PerfectNegotiationOptions) {
    this.#pc = options.pc;
    this.#remoteId = options.remoteId;
    this.#polite = options.polite;
    this.#send = options.send;
    this.#log = options.logger;
    this.#onRemoteDescription = options.onRemoteDescription;
    this.#beforeAnswer = options.beforeAnswer;
    this.#onTampered = options.onTampered;
    options.listen('negotiationneeded', () => void this.#onNegotiationNeeded());
    options.listen('icecandidate', (e) => this.#onIceCandidate(e));
  }

  /**
   * The newcomer's offer is started now rather than on `negotiationneeded`: that event is a
   * task queued behind whatever the page does meanwhile (rendering the call view it just
   * entered, on a busy machine 30-150 ms), while creating the offer can run alongside it.
   * The event then finds the connection in have-local-offer and is not fired (it only fires
   * in stable, and the answer leaves nothing to negotiate), so there is still one offer.
   */
  offerSoon(): void {
    queueMicrotask(() => void this.#onNegotiationNeeded());
  }

  /** Handle a signal from the peer. Never throws: failures are logged. */
  receive(signal: PeerSignal): Promise<void> {
    return this.#inbox
      .run(() => this.#process(signal))
      .catch((err: unknown) => {
        if (!this.#closed) this.#log.warn(`handling "${signal.type}" failed`, err);
      });
  }

  /** Nothing more is sent or applied. */
  close(): void {
    this.#closed = true;
    this.#pendingCandidates = [];
  }

  async #onNegotiationNeeded(): Promise<void> {
    // An offer is already being made (the newcomer's first one, started without the event): the
    // browser checks again once we are back in stable, and fires the event if still needed.
    if (this.#closed || this.#makingOffer) return;
    try {
      this.#makingOffer = true;
      await this.#pc.setLocalDescription();
      const description = this.#pc.localDescription;
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
    const pc = this.#pc;
    const isStable =
      pc.signalingState === 'stable' ||
      (pc.signalingState === 'have-local-offer' && this.#srdAnswerPending);
    this.#ignoreOffer =
      signal.type === 'offer' && !this.#polite && (this.#makingOffer || !isStable);
    if (this.#ignoreOffer) {
      this.#log.debug(`glare with ${this.#remoteId}: ignoring their offer (impolite)`);
      return;
    }
    if (!hasConsistentFingerprints(signal.sdp)) {
      // DTLS would check only the first bundled m-section's fingerprint: the others could then be
      // anything. No browser writes that; someone changed the description on its way.
      this.#log.warn(`the ${signal.type} from ${this.#remoteId} names different certificates`);
      this.#onTampered(signal.type);
      return;
    }
    this.#srdAnswerPending = signal.type === 'answer';
    // An offer in have-local-offer rolls ours back implicitly (the polite side of glare).
    await pc.setRemoteDescription({ type: signal.type, sdp: signal.sdp });
    this.#srdAnswerPending = false;
    this.#onRemoteDescription(signal.sdp);
    await this.#flushCandidates();
    if (signal.type === 'offer') {
      await this.#beforeAnswer();
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
    if (!this.#pc.remoteDescription) {
      this.#pendingCandidates.push(init);
      return;
    }
    try {
      await this.#pc.addIceCandidate(init);
    } catch (err) {
      // Candidates of an offer we ignored in glare are expected to fail.
      if (!this.#ignoreOffer) throw err;
    }
  }

  async #flushCandidates(): Promise<void> {
    const pending = this.#pendingCandidates.splice(0);
    for (const candidate of pending) {
      try {
        await this.#pc.addIceCandidate(candidate);
      } catch (err) {
        this.#log.debug('a buffered candidate was refused', err);
      }
    }
  }
}
