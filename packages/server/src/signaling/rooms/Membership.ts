import { CloseCode, ErrorCode } from '@zvonok/protocol';
import type { ServerConfig } from '../../config.js';
import { BaseMembership, isFresh } from './BaseMembership.js';
import type { Connection } from '../transport/Connection.js';
import { encode } from '../transport/frames.js';
import { newPeerId } from './ids.js';
import { type JoinRefusal, type JoinRequest, type JoinResult } from './MembershipService.js';
import { PasswordGate } from '../auth/PasswordGate.js';
import { Peer } from './Peer.js';
import type { ResumeTokens } from '../auth/ResumeTokens.js';
import type { MemoryRoom } from './MemoryRoom.js';
import type { RoomRegistry } from './RoomRegistry.js';
import type { TurnCredentials } from '../ice/TurnCredentials.js';
import { welcome } from './welcome.js';
import {
  announceRoomState,
  dismissKnockers,
  handOverIfHostLeft,
  roomStateFrame,
  tellHostKnocks,
} from '../host/announce.js';
import { checkEntry, removedRefusal, waitAtDoor } from '../host/entry.js';

/**
 * Room membership: joining (fresh, resumed, replacing an earlier session), leaving, and the
 * resume grace of peers whose connection dropped. The one place that adds peers to rooms or
 * removes them, so the room's announcements (`peer-joined`, `peer-left`) are always consistent.
 */
export class Membership extends BaseMembership {
  protected readonly passwords: PasswordGate;

  constructor(
    config: ServerConfig,
    protected readonly rooms: RoomRegistry<MemoryRoom>,
    tokens: ResumeTokens,
    turn: TurnCredentials,
  ) {
    super(config, tokens, turn);
    this.passwords = new PasswordGate(config.passwordAttempts);
  }

  /**
   * Joins `conn` to a room. Settles to a refusal (and changes nothing) when the room is full,
   * needs a password, or refuses more guesses; otherwise welcomes the connection and tells the
   * room. All of it happens before this returns: the promise is already settled, so what is sent
   * keeps its order. A failure here is a bug and throws, as any handler's would.
   */
  join(conn: Connection, request: JoinRequest): JoinResult {
    return Promise.resolve(this.enter(conn, request));
  }

  /** The join itself, decided at once. */
  private enter(conn: Connection, request: JoinRequest): JoinRefusal | null {
    const now = Date.now();
    const claimed = this.claim(request.resumeToken, request.room);
    let room = this.rooms.get(request.room);

    // Still a member (connection dropped or still half-open): take the seat back, silently.
    const seat = claimed !== null ? room?.members.get(claimed.id) : undefined;
    if (room !== undefined && seat !== undefined) {
      this.reattach(room, seat, conn, request);
      return null;
    }
    // The seat is gone: only an unexpired token brings its id back.
    const resume = isFresh(claimed, now) ? claimed : null;

    // A page reload or second tab names the earlier session (removed below, once admitted).
    const replaced = this.claim(request.replaceToken, request.room, ['resume', 'takeover']);
    const replacesSeat = replaced !== null && room?.members.has(replaced.id) === true;
    // Removed by the host: neither a resume nor a reload brings them back before their time.
    if (room !== undefined) {
      const banned = Math.max(
        room.controls.bannedFor(claimed?.id, now),
        room.controls.bannedFor(replaced?.id, now),
      );
      if (banned > 0) return removedRefusal(banned);
    }
    if (room?.hasPassword) {
      const attempt = {
        conn,
        room: request.room,
        password: request.password,
        proven: resume !== null || replacesSeat || isFresh(replaced, now),
      };
      const refusal = this.passwords.check(attempt, room.checkPassword, now);
      if (refusal !== null) return refusal;
    }

    // A page reload or second tab: the earlier session leaves now instead of lingering as a ghost.
    let wasHost = false;
    let returning = false;
    if (replaced !== null && room !== undefined) {
      const old = room.members.get(replaced.id);
      if (old !== undefined && old.conn !== conn) {
        const oldConn = old.conn;
        wasHost = room.controls.hostId === old.id;
        returning = true;
        // The host's seat is passed on below, not to whoever came first.
        if (wasHost) room.controls.hostId = undefined;
        this.remove(old);
        oldConn?.close(CloseCode.Replaced, 'replaced', true);
        room = this.rooms.get(request.room);
      }
    }

    if (room !== undefined && !returning && request.admitted !== true) {
      const entry = checkEntry(room, conn);
      if (entry === 'knock') {
        waitAtDoor(room, conn, request);
        return null;
      }
      if (entry !== null) return entry;
    }

    if (room !== undefined && room.members.size >= this.config.roomCapacity) {
      return {
        code: ErrorCode.RoomFull,
        message: `room is full (${this.config.roomCapacity} people)`,
      };
    }

    const created = room === undefined;
    if (room === undefined) {
      const busy = this.roomLimit(this.rooms.size);
      if (busy !== null) return busy;
      room = this.rooms.create(request.room);
      if (request.password !== undefined) room.setPassword(request.password);
    }
    let id = resume !== null ? resume.id : conn.id;
    if (resume === null && room.members.has(id)) id = newPeerId();
    const peer = new Peer(id, room, conn, request.name, request.state);
    this.admit(peer, conn);
    // The creator is the host (the first v1 member, when a seed client made the room); a reloading
    // host stays host (under the new id).
    const newHost = conn.v1 && (created || wasHost || room.controls.hostId === undefined);
    if (newHost) room.controls.hostId = peer.id;
    const moved = this.retopologize(room);
    this.welcome(room, conn, peer, resume !== null, request.chatSince);
    if (moved) room.broadcastV1(encode({ type: 'topology', topology: room.topology }), peer);
    room.broadcast(encode({ type: 'peer-joined', ...peer.info() }), peer);
    if (newHost && !created) announceRoomState(room);
    if (newHost) tellHostKnocks(room, true);
    return null;
  }

  /** The peer leaves its room for good, and the others are told. */
  leave(peer: Peer): void {
    this.remove(peer);
  }

  /** Nothing to release: everything is in this process's memory. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  /** Removes a peer from its room, tells the others, and deletes the room when it is empty. */
  private remove(peer: Peer): void {
    const room = peer.room;
    if (!this.unseat(peer)) return;
    if (room.members.size === 0) {
      dismissKnockers(room, 'everyone has left the call', this.config.joinTimeoutMs);
      this.rooms.delete(room);
      return;
    }
    if (!this.silent) {
      room.broadcast(encode({ type: 'peer-left', id: peer.id }), null);
      handOverIfHostLeft(room, peer.id);
    }
    if (this.retopologize(room)) {
      room.broadcastV1(encode({ type: 'topology', topology: room.topology }), null);
    }
  }

  /** A resuming connection takes over a seat; the room notices nothing but state changes. */
  private reattach(room: MemoryRoom, peer: Peer, conn: Connection, request: JoinRequest): void {
    const changed = this.takeSeat(peer, conn, request);
    this.welcome(room, conn, peer, true, request.chatSince);
    if (peer.room.controls.hostId === peer.id) tellHostKnocks(peer.room, true);
    peer.flush();
    if (changed !== null) peer.room.announceState(peer, changed);
  }

  /** What a connection gets on entering a room, in its dialect. */
  private welcome(
    room: MemoryRoom,
    conn: Connection,
    peer: Peer,
    resumed: boolean,
    chatSince?: number,
  ): void {
    welcome(this, conn, peer, resumed, room.chat.since(chatSince));
    if (conn.v1) conn.send(roomStateFrame(room));
  }
}
