import type { ClientMessage, ServerMessageOf } from '@zvonok/protocol';
import type { IceTimings } from '../timings.js';
import type { PeerConnectionConstructor, PeerLinkState } from '../types.js';
import { TypedEmitter } from '../utils/TypedEmitter.js';
import type { Logger } from '../utils/logger.js';
import { PeerSession, type PeerSignal } from './PeerSession.js';
import type { LocalSource, SendSlot } from './TransceiverSlots.js';
import type { RelayFailure } from './RelayWatch.js';

/** Events of a {@link Mesh}, each naming the remote peer. */
export type MeshEvents = {
  /** args: (id, state) */
  connectionStateChanged: (id: string, state: RTCPeerConnectionState) => void;
  /** A remote track arrived. args: (id, track) */
  track: (id: string, track: MediaStreamTrack) => void;
  /** ICE restarts did not bring the peer back. args: (id) */
  unreachable: (id: string) => void;
  /** args: (id, link) */
  linkChanged: (id: string, link: PeerLinkState) => void;
  /** The connection's verification code is known or changed. args: (id, code) */
  verificationCode: (id: string, code: string) => void;
  /** A description from the peer was rewritten on the way and refused. args: (id, type) */
  tamperedDescription: (id: string, type: 'offer' | 'answer') => void;
  /** A gathering round produced no relayed candidate. args: (id, reason, detail) */
  relayFailed: (id: string, reason: RelayFailure, detail: string) => void;
  /** A relayed candidate was gathered. args: (id) */
  relayGathered: (id: string) => void;
  /**
   * A session was made (before its first offer: a listener may still add to what it offers).
   * args: (id, session, initiator)
   */
  sessionAdded: (id: string, session: PeerSession, initiator: boolean) => void;
};

/** Options of `new Mesh(...)`. */
export interface MeshOptions {
  RTCPeerConnection: PeerConnectionConstructor;
  /** The configuration of new connections (ICE servers from `joined` included). */
  rtcConfig: () => RTCConfiguration;
  local: LocalSource;
  /** Sends a relay message through signaling. */
  send: (message: ClientMessage) => void;
  logger: Logger;
  /** The delays of ICE recovery of every connection. */
  timings: IceTimings;
  /** Whether connections should gather relayed candidates (a TURN server is configured). */
  expectRelay?: () => boolean;
}

type RelayMessage =
  ServerMessageOf<'offer'> | ServerMessageOf<'answer'> | ServerMessageOf<'ice-candidate'>;

/**
 * The peer connections of a call: one {@link PeerSession} per remote peer, keyed by peer id.
 * The newcomer offers to everyone already present; the others wait for its offer. Which side is
 * polite is decided by comparing ids, so both sides agree without talking.
 */
export class Mesh extends TypedEmitter<MeshEvents> {
  readonly #options: MeshOptions;
  readonly #log: Logger;
  readonly #sessions = new Map<string, PeerSession>();
  #localId = '';

  constructor(options: MeshOptions) {
    super(options.logger);
    this.#options = options;
    this.#log = options.logger;
  }

  /** Own peer id; must be set before any session is made. */
  setLocalId(id: string): void {
    this.#localId = id;
  }

  /** The session with a peer. */
  get(id: string): PeerSession | undefined {
    return this.#sessions.get(id);
  }

  /** Ids of every peer with a session. */
  ids(): string[] {
    return [...this.#sessions.keys()];
  }

  /**
   * Make sure there is a session with `id`. `initiator`: we are the newcomer and offer. An
   * existing session is kept as it is (a peer listed again after a resume is the same peer).
   * Returns the session and whether it was created now.
   */
  ensure(id: string, initiator: boolean): { session: PeerSession; created: boolean } {
    const existing = this.#sessions.get(id);
    if (existing) return { session: existing, created: false };
    const o = this.#options;
    const log = this.#log.child(`peer:${id.slice(0, 8)}`);
    const pc = new o.RTCPeerConnection(o.rtcConfig());
    const session = new PeerSession({
      remoteId: id,
      polite: this.#localId < id,
      initiator,
      pc,
      local: o.local,
      send: (signal) => o.send(toMessage(id, signal)),
      logger: log,
      ...(o.expectRelay !== undefined && { expectRelay: o.expectRelay }),
      timings: o.timings,
    });
    session.on('connectionStateChanged', (state) =>
      this.safeEmit('connectionStateChanged', id, state),
    );
    session.on('track', (track) => this.safeEmit('track', id, track));
    session.on('unreachable', () => this.safeEmit('unreachable', id));
    session.on('linkChanged', (link) => this.safeEmit('linkChanged', id, link));
    session.on('verificationCode', (code) => this.safeEmit('verificationCode', id, code));
    session.on('tamperedDescription', (type) => this.safeEmit('tamperedDescription', id, type));
    session.on('relayFailed', (reason, detail) => this.safeEmit('relayFailed', id, reason, detail));
    session.on('relayGathered', () => this.safeEmit('relayGathered', id));
    this.#sessions.set(id, session);
    this.safeEmit('sessionAdded', id, session, initiator);
    this.#log.debug(`session with ${id} (${initiator ? 'offering' : 'waiting for offer'})`);
    return { session, created: true };
  }

  /** Route a relayed offer/answer/candidate to its session (made on demand for a new peer). */
  handle(message: RelayMessage): void {
    const { session } = this.ensure(message.from, false);
    const signal: PeerSignal =
      message.type === 'ice-candidate'
        ? { type: 'ice-candidate', candidate: message.candidate }
        : { type: message.type, sdp: message.sdp };
    void session.receive(signal);
  }

  /** Close and forget the session with `id`. Returns whether there was one. */
  remove(id: string): boolean {
    const session = this.#sessions.get(id);
    if (!session) return false;
    session.close();
    this.#sessions.delete(id);
    return true;
  }

  /** Send a new track on a slot of every connection (replaceTrack, no renegotiation). */
  async setLocalTrack(slot: SendSlot, track: MediaStreamTrack | null): Promise<void> {
    const results = await Promise.allSettled(
      [...this.#sessions.values()].map((s) => s.setLocalTrack(slot, track)),
    );
    for (const r of results) {
      if (r.status === 'rejected') this.#log.warn(`replaceTrack(${slot}) failed`, r.reason);
    }
  }

  /**
   * Restart ICE on every connection that is down (after signaling came back). Peers given up as
   * unreachable get a fresh round of restarts: the network may be back too.
   */
  restartBroken(): void {
    for (const session of this.#sessions.values()) {
      const state = session.connectionState;
      if (session.unreachable) session.retry();
      else if (state === 'failed' || state === 'disconnected') session.restartIce();
    }
  }

  /** Close every session (the mesh stays usable, e.g. after rejoining with a new id). */
  clear(): void {
    for (const id of [...this.#sessions.keys()]) this.remove(id);
  }

  /** Close every session and drop the mesh's own listeners. */
  close(): void {
    this.clear();
    this.removeAllListeners();
  }
}

function toMessage(to: string, signal: PeerSignal): ClientMessage {
  return signal.type === 'ice-candidate'
    ? { type: 'ice-candidate', to, candidate: signal.candidate }
    : { type: signal.type, to, sdp: signal.sdp };
}
