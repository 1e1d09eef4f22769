import { ErrorCode, type PeerState } from '@zvonok/protocol';
import type { ServerConfig } from '../config.js';
import type { Connection } from './Connection.js';
import { encode } from './frames.js';
import { newPeerId } from './ids.js';
import { PasswordGate } from './PasswordGate.js';
import { Peer } from './Peer.js';
import type { ResumeClaim, ResumeTokens } from './ResumeTokens.js';
import type { RoomRegistry } from './RoomRegistry.js';
import type { TurnCredentials } from './TurnCredentials.js';
import { welcome } from './welcome.js';
import type { JoinResult, MembershipService } from './MembershipService.js';

/** What a connection asks for when it joins (a v1 `join`, or a seed client's URL). */
export interface JoinRequest {
  room: string;
  name?: string;
  password?: string;
  resumeToken?: string;
  replaceToken?: string;
  chatSince?: number;
  state?: PeerState;
}

/** Why a join was refused; the connection stays open so the person can try again. */
export interface JoinRefusal {
  code: ErrorCode;
  message: string;
}

/** Close code for a connection whose identity moved to another one. */
export const CLOSE_REPLACED = 4001;

/**
 * Room membership: joining (fresh, resumed, replacing an earlier session), leaving, and the
 * resume grace of peers whose connection dropped. The one place that adds peers to rooms or
 * removes them, so the room's announcements (`peer-joined`, `peer-left`) are always consistent.
 */
export class Membership implements MembershipService {
  private readonly passwords: PasswordGate;
  private peers = 0;
  /** Set during shutdown: everyone leaves at once, no one is told. */
  private silent = false;

  constructor(
    readonly config: ServerConfig,
    private readonly rooms: RoomRegistry,
    readonly tokens: ResumeTokens,
    readonly turn: TurnCredentials,
  ) {
    this.passwords = new PasswordGate(config.passwordAttempts);
  }

  /** Members of all rooms, including those awaiting a resume. */
  get peerCount(): number {
    return this.peers;
  }

  /**
   * Joins `conn` to a room. Returns a refusal (and changes nothing) when the room is full, needs
   * a password, or refuses more guesses; otherwise welcomes the connection and tells the room.
   */
  join(conn: Connection, request: JoinRequest): JoinResult {
    const now = Date.now();
    const resume = this.claim(request.resumeToken, request.room, now);
    let room = this.rooms.get(request.room);

    // Still a member (connection dropped or still half-open): take the seat back, silently.
    const seat = resume !== null ? room?.members.get(resume.id) : undefined;
    if (seat !== undefined) {
      this.reattach(seat, conn, request);
      return null;
    }

    if (room?.hasPassword) {
      const refusal = this.passwords.check(conn, request.password, room.checkPassword, now);
      if (refusal !== null) return refusal;
    }

    // A page reload or second tab: the earlier session leaves now instead of lingering as a ghost.
    const replaced = this.claim(request.replaceToken, request.room, now);
    if (replaced !== null && room !== undefined) {
      const old = room.members.get(replaced.id);
      if (old !== undefined && old.conn !== conn) {
        const oldConn = old.conn;
        this.remove(old);
        oldConn?.close(CLOSE_REPLACED, 'replaced', true);
        room = this.rooms.get(request.room);
      }
    }

    if (room !== undefined && room.members.size >= this.config.roomCapacity) {
      return {
        code: ErrorCode.RoomFull,
        message: `room is full (${this.config.roomCapacity} people)`,
      };
    }

    if (room === undefined) {
      room = this.rooms.create(request.room);
      if (request.password !== undefined) room.setPassword(request.password);
    }
    let id = resume !== null ? resume.id : conn.id;
    if (resume === null && room.members.has(id)) id = newPeerId();
    const peer = new Peer(id, room, conn, request.name, request.state);
    room.members.set(id, peer);
    this.peers++;
    conn.peer = peer;
    conn.id = id;
    conn.joinDeadline = 0;
    this.welcome(conn, peer, resume !== null, request.chatSince);
    room.broadcast(encode({ type: 'peer-joined', ...peer.info() }), peer);
    return null;
  }

  /** The peer leaves its room for good, and the others are told. */
  leave(peer: Peer): void {
    this.remove(peer);
  }

  /**
   * The connection of `peer` is gone. A v1 peer that dropped abnormally keeps its seat for the
   * resume grace, without anyone being told; everyone else leaves at once.
   */
  disconnected(peer: Peer, conn: Connection, code: number): void {
    if (peer.conn !== conn) return;
    const grace = this.config.resumeGraceMs;
    if (!this.silent && conn.v1 && !conn.noGrace && code !== 1000 && grace > 0) {
      peer.conn = null;
      conn.peer = null;
      peer.graceTimer = setTimeout(this.expireGrace, grace, peer);
      peer.graceTimer.unref();
    } else {
      this.remove(peer);
    }
  }

  /** Forgets what was tracked for a closed connection. */
  forget(conn: Connection): void {
    this.passwords.forget(conn);
  }

  /** Drops expired password-throttling records. */
  sweep(now: number): void {
    this.passwords.sweep(now);
  }

  /** Nothing to release: everything is in this process's memory. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  /** Shutdown: from now on peers leave without announcements and nobody gets a grace. */
  silence(): void {
    this.silent = true;
    for (const room of this.rooms) {
      for (const peer of room.members.values()) {
        if (peer.graceTimer !== null) clearTimeout(peer.graceTimer);
        peer.graceTimer = null;
      }
    }
  }

  // An arrow property: handed to setTimeout with the peer as argument, so no closure per timer.
  private readonly expireGrace = (peer: Peer): void => {
    peer.graceTimer = null;
    if (peer.conn === null && peer.room.members.get(peer.id) === peer) this.remove(peer);
  };

  /** Removes a peer from its room, tells the others, and deletes the room when it is empty. */
  private remove(peer: Peer): void {
    const room = peer.room;
    if (room.members.get(peer.id) !== peer) return;
    room.members.delete(peer.id);
    this.peers--;
    if (peer.graceTimer !== null) clearTimeout(peer.graceTimer);
    peer.graceTimer = null;
    peer.queue = null;
    if (peer.conn !== null) {
      peer.conn.peer = null;
      peer.conn = null;
    }
    if (room.members.size === 0) this.rooms.delete(room);
    else if (!this.silent) room.broadcast(encode({ type: 'peer-left', id: peer.id }), null);
  }

  /** A resuming connection takes over a seat; the room notices nothing but state changes. */
  private reattach(peer: Peer, conn: Connection, request: JoinRequest): void {
    const old = peer.conn;
    if (old !== null && old !== conn) {
      old.peer = null;
      old.close(CLOSE_REPLACED, 'replaced', true);
    }
    if (peer.graceTimer !== null) clearTimeout(peer.graceTimer);
    peer.graceTimer = null;
    peer.conn = conn;
    conn.peer = peer;
    conn.id = peer.id;
    conn.joinDeadline = 0;
    if (request.name !== undefined) peer.name = request.name;
    const changed = request.state === undefined ? null : peer.applyState(request.state);
    this.welcome(conn, peer, true, request.chatSince);
    peer.flush();
    if (changed !== null) {
      peer.room.broadcastV1(encode({ type: 'peer-state', id: peer.id, ...changed }), peer);
    }
  }

  /** What a connection gets on entering a room, in its dialect. */
  private welcome(conn: Connection, peer: Peer, resumed: boolean, chatSince?: number): void {
    welcome(this, conn, peer, resumed, peer.room.chat.since(chatSince));
  }

  /** The claim of a token for `room`; a bad, expired or other-room token counts as none. */
  private claim(token: string | undefined, room: string, now: number): ResumeClaim | null {
    if (token === undefined) return null;
    const claim = this.tokens.verify(token, now);
    return claim !== null && claim.room === room ? claim : null;
  }
}
