import type { Logger } from '../utils/logger.js';
import { SerialQueue } from '../utils/SerialQueue.js';
import { CodeExchange, type ExchangeFailure } from './CodeExchange.js';
import { dtlsFingerprints } from './dtlsFingerprints.js';

/** Options of `new PeerVerification(...)`. */
export interface PeerVerificationOptions {
  pc: RTCPeerConnection;
  logger: Logger;
  /** The code is known. Called once per connection (its certificates never change). */
  onCode: (code: string) => void;
}

/** The data channel of the exchange: pre-negotiated on both ends, so no `datachannel` event. */
const CHANNEL_LABEL = 'zvonok-verify';
const CHANNEL_ID = 0;
/** How often and how long to ask getStats for the certificates once the channel is open. */
const STATS_RETRY_MS = 250;
const STATS_ATTEMPTS = 20;

/**
 * The verification code of one peer connection (see verificationCode.ts): opens the connection's
 * verification data channel, reads the DTLS certificates once it is open, and runs the
 * {@link CodeExchange} over it.
 *
 * The offering side opens the channel before its first offer, so that the offer carries the
 * data m-section; the answering side opens its end once a remote description has one (while the
 * offer is pending, so opening it does not start a negotiation of its own). A peer whose offer
 * has no data m-section (an older client) gets no code.
 */
export class PeerVerification {
  readonly #pc: RTCPeerConnection;
  readonly #log: Logger;
  readonly #onCode: (code: string) => void;
  #channel: RTCDataChannel | undefined;
  #exchange: CodeExchange | undefined;
  /** Messages that arrived before the exchange could start (certificates not read yet). */
  #early: unknown[] = [];
  /** Messages are handled one at a time, in order. */
  readonly #inbox = new SerialQueue();
  #closed = false;
  #code: string | undefined;

  constructor(options: PeerVerificationOptions) {
    this.#pc = options.pc;
    this.#log = options.logger;
    this.#onCode = options.onCode;
  }

  /**
   * The code both people see for this connection (see verificationCode.ts), once the connection
   * is up and both ends exchanged their nonces; undefined before.
   */
  get code(): string | undefined {
    return this.#code;
  }

  /** Opens this end of the channel (no-op if open, or if the browser has no data channels). */
  openChannel(): void {
    if (this.#channel || this.#closed || typeof this.#pc.createDataChannel !== 'function') return;
    const channel = this.#pc.createDataChannel(CHANNEL_LABEL, {
      negotiated: true,
      id: CHANNEL_ID,
      ordered: true,
    });
    this.#channel = channel;
    channel.onmessage = (e: MessageEvent) => this.#onMessage(e.data);
    channel.onopen = () => void this.#start(channel);
  }

  /** A remote description was applied: opens our end if it negotiates a data channel. */
  remoteDescriptionApplied(sdp: string): void {
    if (/^m=application /m.test(sdp)) this.openChannel();
  }

  close(): void {
    this.#closed = true;
    if (this.#channel) {
      this.#channel.onmessage = null;
      this.#channel.onopen = null;
    }
  }

  #onMessage(data: unknown): void {
    if (this.#closed) return;
    const exchange = this.#exchange;
    if (!exchange) {
      // At most the one message the other end sends before our answer.
      if (this.#early.length < 4) this.#early.push(data);
      return;
    }
    this.#inbox
      .run(() => exchange.receive(data))
      .catch((err: unknown) => {
        this.#log.warn('verification message failed', err);
      });
  }

  async #start(channel: RTCDataChannel): Promise<void> {
    let fingerprints;
    for (let attempt = 0; attempt < STATS_ATTEMPTS && !this.#closed; attempt++) {
      fingerprints = await dtlsFingerprints(this.#pc).catch(() => undefined);
      if (fingerprints) break;
      await new Promise((resolve) => setTimeout(resolve, STATS_RETRY_MS));
    }
    if (this.#closed) return;
    if (!fingerprints) {
      this.#log.warn('verification: the connection’s certificates are not known; no code');
      return;
    }
    if (fingerprints.local === fingerprints.remote) {
      // Our own certificate on the other end: a reflection, not a peer.
      this.#log.warn('verification: the other end uses our own certificate; no code');
      return;
    }
    this.#log.debug(`verification: certificates from ${fingerprints.source}`);
    const exchange = new CodeExchange({
      role: fingerprints.local < fingerprints.remote ? 'committer' : 'responder',
      fingerprints: [fingerprints.local, fingerprints.remote],
      send: (text) => {
        if (!this.#closed && channel.readyState === 'open') channel.send(text);
      },
      onCode: (code) => {
        if (this.#closed || code === this.#code) return;
        this.#code = code;
        this.#onCode(code);
      },
      onFailure: (reason: ExchangeFailure, detail: string) => {
        if (!this.#closed) this.#log.warn(`verification failed (${reason}): ${detail}`);
      },
    });
    this.#exchange = exchange;
    await exchange.start();
    for (const data of this.#early.splice(0)) this.#onMessage(data);
  }
}
