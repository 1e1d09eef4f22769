import { CloseCode, ErrorCode, type PeerState } from '@zvonok/protocol';
import type { ServerConfig } from '../../config.js';
import type { Connection } from '../transport/Connection.js';
import {
  type JoinRefusal,
  type JoinRequest,
  type JoinResult,
  type MembershipService,
} from './MembershipService.js';
import type { PasswordThrottle } from '../auth/PasswordGate.js';
import { nextTopology } from '../../sfu/topologyPolicy.js';
import type { Peer } from './Peer.js';
import type { ResumeClaim, ResumeTokens, TokenKind } from '../auth/ResumeTokens.js';
import type { Room } from './Room.js';
import type { TurnCredentials } from '../ice/TurnCredentials.js';
import type { WelcomeDeps } from './welcome.js';
import { tellHostKnocks } from '../host/announce.js';

/**
 * What room membership does the same in memory ({@link Membership}) and shared through Redis
 * (`backplane/SharedMembership.ts`): the resume grace of a dropped peer, a resuming connection
 * taking over its seat, seating and unseating peers on this instance, the password throttle and
 * resume-token claims. Subclasses decide how joins and departures reach the room.
 */
export abstract class BaseMembership implements MembershipService, WelcomeDeps {
  /** The wrong-password budgets (per connection, address and room), kept by the subclass. */
  protected abstract readonly passwords: PasswordThrottle;
  /** Members held by this instance, including those awaiting a resume. */
  protected peers = 0;
  /** Set during shutdown: everyone leaves at once, no one is told. */
  protected silent = false;
  /**
   * Sessions that left for good, by id, with when their last token expires: their tokens are
   * refused from then on (on this instance; SharedMembership also keeps them in Redis).
   */
  protected readonly revoked = new Map<string, number>();
  /** The rooms with members on this instance. */
  protected abstract readonly rooms: Iterable<Room>;

  constructor(
    readonly config: ServerConfig,
    readonly tokens: ResumeTokens,
    readonly turn: TurnCredentials,
  ) {}

  /** Members held by this instance, including those awaiting a resume. */
  get peerCount(): number {
    return this.peers;
  }

  abstract join(conn: Connection, request: JoinRequest): JoinResult;

  /** The peer leaves its room for good, and the others are told. */
  abstract leave(peer: Peer): void;

  abstract close(): Promise<void>;

  /**
   * The connection of `peer` is gone. A v1 peer that dropped abnormally keeps its seat for the
   * resume grace, without anyone being told; everyone else leaves at once.
   */
  disconnected(peer: Peer, conn: Connection, code: number): void {
    if (peer.conn !== conn) return;
    // A normal close is a hang-up: the session is over, and so are its tokens. (The code is any
    // number a client sent, compared as a number.)
    const hungUp = code === (CloseCode.Normal as number);
    if (hungUp && !this.silent) this.revoke(peer);
    const grace = this.config.resumeGraceMs;
    if (!this.silent && conn.v1 && !conn.noGrace && !hungUp && grace > 0) {
      peer.conn = null;
      conn.peer = null;
      peer.graceTimer = setTimeout(this.expireGrace, grace, peer);
      peer.graceTimer.unref();
    } else {
      this.leave(peer);
    }
  }

  /** Forgets what was tracked for a closed connection. */
  forget(conn: Connection): void {
    this.passwords.forget(conn);
    const room = conn.knocking;
    if (room !== null && room.controls.knocks.delete(conn.id)) tellHostKnocks(room);
    conn.knocking = null;
  }

  /** Drops expired password-throttling and revocation records. */
  sweep(now: number): void {
    this.passwords.sweep(now);
    for (const [id, until] of this.revoked) if (until <= now) this.revoked.delete(id);
  }

  /**
   * The session of `peer` is over for good (it left): its resume and takeover tokens are refused
   * from now on, so a token left behind in a browser cannot bring it back or end a later one.
   */
  revoke(peer: Peer): void {
    this.revoked.set(peer.id, Date.now() + this.tokens.ttlMs);
  }

  /** Shutdown: from now on peers leave without announcements and nobody gets a grace. */
  silence(): void {
    this.silent = true;
    for (const room of this.rooms) {
      for (const peer of room.members.values()) clearGrace(peer);
    }
  }

  /**
   * A resuming connection takes over the seat of `peer` (the connection that held it, if any, is
   * closed as replaced), with the name and state the request brings. Returns the state fields
   * that changed; welcoming the connection and telling the room are the caller's.
   */
  protected takeSeat(peer: Peer, conn: Connection, request: JoinRequest): PeerState | null {
    const old = peer.conn;
    if (old !== null && old !== conn) {
      old.peer = null;
      old.close(CloseCode.Replaced, 'replaced', true);
    }
    clearGrace(peer);
    peer.conn = conn;
    bind(conn, peer);
    if (request.name !== undefined) peer.name = request.name;
    return request.state === undefined ? null : peer.applyState(request.state);
  }

  /** Seats a new `peer`, driven by `conn`, in its room. */
  protected admit(peer: Peer, conn: Connection): void {
    peer.room.members.set(peer.id, peer);
    this.peers++;
    bind(conn, peer);
  }

  /**
   * Takes `peer` out of its room and off its connection, with its grace timer and queued relays.
   * False (and nothing done) when it is no longer a member. Telling anyone is the caller's.
   */
  protected unseat(peer: Peer): boolean {
    const room = peer.room;
    if (room.members.get(peer.id) !== peer) return false;
    room.members.delete(peer.id);
    this.peers--;
    clearGrace(peer);
    peer.queue = null;
    if (peer.conn !== null) {
      peer.conn.peer = null;
      peer.conn = null;
    }
    return true;
  }

  /**
   * Moves the room to the SFU or back to the mesh when its size says so (topologyPolicy.ts).
   * Returns whether it moved; the caller tells the room.
   */
  protected retopologize(room: Room): boolean {
    const next = nextTopology(room.topology, room.members.size, this.config.janus?.meshMax ?? null);
    if (next === room.topology) return false;
    room.topology = next;
    room.backToMesh = next === 'mesh';
    return true;
  }

  /** The refusal of a join that would open a room beyond MAX_ROOMS, or null. */
  protected roomLimit(openRooms: number): JoinRefusal | null {
    if (openRooms < this.config.limits.maxRooms) return null;
    return {
      code: ErrorCode.ServerBusy,
      message: 'the server cannot open more rooms right now: try again in a few minutes',
    };
  }

  /**
   * The claim of a genuine token of one of `kinds` for `room`, of a session not revoked here, of
   * any age (a seat that still exists may be taken back by its token however long the call has
   * lasted: see {@link isFresh} for what needs an unexpired one). Null for anything else.
   */
  protected claim(
    token: string | undefined,
    room: string,
    kinds: readonly TokenKind[] = ['resume'],
  ): ResumeClaim | null {
    if (token === undefined) return null;
    const claim = this.tokens.read(token, kinds);
    if (claim === null || claim.room !== room || this.revoked.has(claim.id)) return null;
    return claim;
  }

  // An arrow property: handed to setTimeout with the peer as argument, so no closure per timer.
  private readonly expireGrace = (peer: Peer): void => {
    peer.graceTimer = null;
    if (peer.conn === null && peer.room.members.get(peer.id) === peer) this.leave(peer);
  };
}

/**
 * Whether a claim is within its token's lifetime: what a seat that no longer exists needs (to be
 * made again under its id, or to count as one of the room's people).
 */
export function isFresh(claim: ResumeClaim | null, now: number): claim is ResumeClaim {
  return claim !== null && claim.expiresAt > now;
}

/** Makes `conn` the connection of `peer` (already a member), its join done. */
function bind(conn: Connection, peer: Peer): void {
  conn.peer = peer;
  conn.id = peer.id;
  conn.joinDeadline = 0;
}

function clearGrace(peer: Peer): void {
  if (peer.graceTimer !== null) clearTimeout(peer.graceTimer);
  peer.graceTimer = null;
}
