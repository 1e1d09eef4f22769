import {
  CHAT_HISTORY_LIMIT,
  CloseCode,
  ErrorCode,
  type PeerInfo,
  type PeerState,
} from '@zvonok/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { RedisConfig, ServerConfig } from '../config.js';
import type { Connection } from '../signaling/transport/Connection.js';
import { textFrame } from '../signaling/transport/frames.js';
import { newPeerId } from '../signaling/rooms/ids.js';
import { BaseMembership, isFresh } from '../signaling/rooms/BaseMembership.js';
import {
  type JoinRefusal,
  type JoinRequest,
  type JoinResult,
} from '../signaling/rooms/MembershipService.js';
import type { Metrics } from '../signaling/metrics/Metrics.js';
import { checkPasswordRecord, makePasswordRecord } from '../signaling/auth/password.js';
import { Peer } from '../signaling/rooms/Peer.js';
import type { ResumeClaim, ResumeTokens } from '../signaling/auth/ResumeTokens.js';
import type { TurnCredentials } from '../signaling/ice/TurnCredentials.js';
import { welcome, type KeptChat } from '../signaling/rooms/welcome.js';
import { EventKind, LEFT_REPLACED, type RoomEvent } from './envelope.js';
import { RedisBackplane, type BackplaneHost } from './RedisBackplane.js';
import { chatEntry, type SharedRoom } from './SharedRoom.js';
import { SharedPasswordGate } from './SharedPasswordGate.js';
import { SharedRoomRegistry } from './SharedRoomRegistry.js';

const UNAVAILABLE: JoinRefusal = {
  code: ErrorCode.Internal,
  message: 'the server cannot reach its shared state right now: try again in a moment',
};

/** Tries of a join script (a password changed, an id collided) before giving up. */
const JOIN_ATTEMPTS = 4;

/**
 * Room membership shared by every instance through Redis ({@link RedisBackplane}). Each instance
 * holds the connections of its own members; Redis holds who is in each room (with their
 * instance), the password, the chat history and the event counter. Joining, leaving, resuming
 * (also on another instance than before) and replacing go through Redis scripts; the resume
 * grace of a dropped member runs on the instance that held it.
 *
 * While Redis is out: members keep their seats, relays between members of this instance and
 * resumes of this instance's seats keep working, state changes reach the members here; joins and
 * chat are refused with INTERNAL. When Redis answers again every room is resynced.
 *
 * On shutdown (`silence`) the seats stay in Redis: they expire with this instance's presence, or
 * are taken over when the clients resume on another instance; nobody is told anything.
 */
export class SharedMembership extends BaseMembership implements BackplaneHost {
  readonly plane: RedisBackplane;
  readonly rooms: SharedRoomRegistry;
  protected readonly passwords: SharedPasswordGate;

  constructor(
    config: ServerConfig,
    redis: RedisConfig,
    tokens: ResumeTokens,
    turn: TurnCredentials,
    private readonly metrics: Metrics,
    private readonly log: FastifyBaseLogger,
  ) {
    super(config, tokens, turn);
    this.plane = new RedisBackplane(redis, this, log);
    this.passwords = new SharedPasswordGate(config.passwordAttempts, this.plane);
    this.rooms = new SharedRoomRegistry(this.plane, {
      count: CHAT_HISTORY_LIMIT,
      bytes: config.limits.chatBytesPerRoom,
    });
  }

  /**
   * Joins once Redis has decided. Meanwhile the connection counts as joining, so a second `join`
   * is refused and the join deadline waits.
   */
  join(conn: Connection, request: JoinRequest): JoinResult {
    conn.joining = true;
    return this.decideJoin(conn, request).then((refusal) => {
      conn.joining = false;
      return refusal;
    });
  }

  /** The join, answered from this instance's seats or by the join script; never rejects. */
  private decideJoin(conn: Connection, request: JoinRequest): Promise<JoinRefusal | null> {
    const resume = this.claim(request.resumeToken, request.room);
    const local = this.rooms.get(request.room);
    // A seat this instance still holds (connection dropped or half-open): no Redis needed.
    const seat = resume !== null ? local?.members.get(resume.id) : undefined;
    if (local !== undefined && seat !== undefined) {
      this.reattach(local, seat, conn, request);
      return Promise.resolve(null);
    }
    if (!this.plane.healthy) return Promise.resolve(UNAVAILABLE);
    // Rooms this instance holds: each is a subscription and a view of its members.
    const busy = local === undefined ? this.roomLimit(this.rooms.size) : null;
    if (busy !== null) return Promise.resolve(busy);
    const room = local ?? this.rooms.create(request.room);
    room.pending++;
    return this.joinShared(room, conn, request, resume)
      .catch((err: unknown) => {
        this.plane.commandFailed('join', err);
        return UNAVAILABLE;
      })
      .finally(() => {
        room.pending--;
        this.dropIfEmpty(room);
      });
  }

  leave(peer: Peer): void {
    // A member held here has its room in the registry: a room goes only with its last member.
    const room = this.rooms.get(peer.room.name);
    if (room === peer.room) this.remove(room, peer, true);
  }

  /** Revoked here at once, and in Redis for the other instances. */
  override revoke(peer: Peer): void {
    super.revoke(peer);
    this.plane
      .revoke(peer.id, this.tokens.ttlMs)
      .catch((err: unknown) => this.plane.commandFailed('revoke', err));
  }

  close(): Promise<void> {
    return this.plane.close();
  }

  // BackplaneHost

  roomEvent(name: string, event: RoomEvent): void {
    const room = this.rooms.get(name);
    if (room === undefined) return;
    const { sent, affected } = room.receive(event);
    this.metrics.delivered(sent);
    if (affected === null) return;
    if (event.kind === EventKind.Left && event.extra !== LEFT_REPLACED) {
      // Redis lost a member this instance still holds (reaped during an outage): put it back.
      this.resyncRoom(room);
      return;
    }
    // Resumed on another instance, or replaced by a new session: this copy goes, silently.
    const target = event.kind === EventKind.Moved ? event.extra : null;
    const queue = affected.queue;
    const conn = affected.conn;
    this.remove(room, affected, false);
    conn?.close(CloseCode.Replaced, 'replaced', true);
    if (target !== null && queue !== null) {
      for (const frame of queue) this.plane.forward(target, name, affected.id, frame);
    }
  }

  forwarded(name: string, to: string, frame: Buffer): void {
    const peer = this.rooms.get(name)?.members.get(to);
    if (peer !== undefined && peer.relay(frame)) this.metrics.delivered(1);
  }

  roomNames(): Iterable<string> {
    return this.rooms.names();
  }

  remoteMembers(): Map<string, Array<{ room: string; id: string }>> {
    const byInstance = new Map<string, Array<{ room: string; id: string }>>();
    for (const room of this.rooms) {
      for (const [id, member] of room.remote) {
        let list = byInstance.get(member.instance);
        if (list === undefined) byInstance.set(member.instance, (list = []));
        list.push({ room: room.name, id });
      }
    }
    return byInstance;
  }

  recovered(): void {
    for (const room of this.rooms) this.resyncRoom(room);
  }

  // Joining

  private async joinShared(
    room: SharedRoom,
    conn: Connection,
    request: JoinRequest,
    claimedResume: ResumeClaim | null,
  ): Promise<JoinRefusal | null> {
    let resume = claimedResume;
    await room.subscribed;
    let replaced = this.claim(request.replaceToken, request.room, ['resume', 'takeover']);
    // Sessions that left on another instance: their tokens count as none.
    const claimed = [resume?.id, replaced?.id].filter((x): x is string => x !== undefined);
    if (claimed.length > 0) {
      const revoked = await this.plane.revokedAmong(claimed);
      if (resume !== null && revoked.has(resume.id)) resume = null;
      if (replaced !== null && revoked.has(replaced.id)) replaced = null;
    }
    const now = Date.now();
    const proven = isFresh(resume, now) || isFresh(replaced, now);
    const newPassword = request.password === undefined ? '' : makePasswordRecord(request.password);
    let known = '';
    let id = resume !== null ? resume.id : conn.id;
    for (let attempt = 0; attempt < JOIN_ATTEMPTS; attempt++) {
      const info = peerInfo(id, request.name, request.state);
      const reply = await this.plane.join(room.name, {
        id,
        info: JSON.stringify(info),
        capacity: this.config.roomCapacity,
        knownPassword: known,
        newPassword,
        resume: resume !== null,
        // An expired token takes back a seat that still exists, and nothing more.
        seatOnly: resume !== null && !isFresh(resume, now),
        replace: replaced !== null && replaced.id !== id ? replaced.id : '',
        joinedJson: JSON.stringify({ type: 'peer-joined', ...info }),
      });
      switch (reply.kind) {
        case 'pw': {
          if (reply.record !== '') {
            const record = reply.record;
            const attempt = {
              conn,
              room: request.room,
              password: request.password,
              proven,
            };
            const refusal = await this.passwords.check(
              attempt,
              (password) => checkPasswordRecord(record, password),
              Date.now(),
            );
            if (refusal !== null) return refusal;
          }
          known = reply.record;
          continue;
        }
        case 'full':
          return {
            code: ErrorCode.RoomFull,
            message: `room is full (${this.config.roomCapacity} people)`,
          };
        case 'taken':
          id = newPeerId();
          continue;
        case 'noseat':
          resume = null;
          id = conn.id;
          continue;
        case 'seat': {
          const stored = JSON.parse(reply.info) as PeerInfo;
          const peer = this.seat(room, conn, stored, reply.ev, reply.members);
          if (peer === null) return null;
          if (request.name !== undefined) peer.name = request.name;
          const changed = request.state === undefined ? null : peer.applyState(request.state);
          welcome(this, conn, peer, true, since(reply.chat, request.chatSince));
          room.replay(peer);
          if (changed !== null) room.announceState(peer, changed);
          return null;
        }
        case 'ok': {
          room.passwordRecord = reply.record;
          const peer = this.seat(room, conn, info, reply.ev, reply.members);
          if (peer === null) return null;
          welcome(this, conn, peer, resume !== null, since(reply.chat, request.chatSince));
          room.replay(peer);
          return null;
        }
      }
    }
    throw new Error('join did not settle (the room changed under it repeatedly)');
  }

  /**
   * Seats `conn` as `info.id` after Redis accepted it; null (and the seat given back) when the
   * connection closed meanwhile.
   */
  private seat(
    room: SharedRoom,
    conn: Connection,
    info: PeerInfo,
    ev: number,
    members: readonly string[],
  ): Peer | null {
    if (!conn.open) {
      this.plane
        .leave(room.name, info.id, this.plane.instance)
        .catch((err: unknown) => this.plane.commandFailed('leave', err));
      return null;
    }
    room.adopt(ev, members);
    // Events that raced the snapshot: the ones after it reach the members here now, and the
    // newcomer by replay (below, once it is seated).
    this.metrics.delivered(room.release());
    const { id, name, ...state } = info;
    const hasState = Object.keys(state).length > 0;
    const peer = new Peer(id, room, conn, name, hasState ? state : undefined);
    peer.since = ev;
    this.admit(peer, conn);
    return peer;
  }

  /** A resuming connection takes over a seat this instance holds. */
  private reattach(room: SharedRoom, peer: Peer, conn: Connection, request: JoinRequest): void {
    const changed = this.takeSeat(peer, conn, request);
    // History comes from Redis when it answers; otherwise the joined message goes without it.
    const history = this.plane.healthy
      ? this.plane.history(room.name).then(
          (chat) => since(chat, request.chatSince),
          () => [],
        )
      : Promise.resolve([]);
    history
      .then((entries) => {
        if (peer.conn !== conn) return;
        welcome(this, conn, peer, true, entries);
        peer.flush();
        if (changed !== null) room.announceState(peer, changed);
      })
      .catch((err: unknown) => this.plane.commandFailed('resume', err));
  }

  // Leaving

  /**
   * Removes a local member. With `announce`, Redis is told (which tells every instance, this one
   * included); if it cannot be, the members here are told directly and Redis is fixed by the
   * resync.
   */
  private remove(room: SharedRoom, peer: Peer, announce: boolean): void {
    if (!this.unseat(peer)) return;
    if (announce && !this.silent) {
      const tellHere = () => this.metrics.delivered(room.broadcast(textFrame(left(peer.id)), null));
      if (!this.plane.healthy) tellHere();
      else {
        this.plane.leave(room.name, peer.id, this.plane.instance).catch((err: unknown) => {
          this.plane.commandFailed('leave', err);
          tellHere();
        });
      }
    }
    this.dropIfEmpty(room);
  }

  /** Forgets (and unsubscribes) a room without local members or joins in progress. */
  private dropIfEmpty(room: SharedRoom): void {
    if (room.members.size === 0 && room.pending === 0) this.rooms.delete(room);
  }

  /**
   * Makes Redis hold this instance's members of `room` again, and tells the members here who
   * appeared or vanished meanwhile.
   */
  private resyncRoom(room: SharedRoom, final = false): void {
    if (this.rooms.get(room.name) !== room) return; // emptied meanwhile
    const mine: Array<[string, string]> = [];
    for (const peer of room.members.values()) mine.push([peer.id, JSON.stringify(peer.info())]);
    room.holdEvents();
    this.plane
      .resync(room.name, room.passwordRecord, room.applied, mine)
      .then(({ ev, members, lost }) => {
        for (const id of lost) {
          const peer = room.members.get(id);
          if (peer === undefined) continue;
          const conn = peer.conn;
          this.remove(room, peer, false);
          conn?.close(CloseCode.Replaced, 'replaced', true);
        }
        // The snapshot reflects everything up to `ev`: what changed meanwhile is told now,
        // events after it are delivered as they come (the held ones by release).
        for (const peer of room.members.values()) peer.since = ev;
        const before = new Map(room.remote);
        const { joined, left: vanished } = room.adopt(ev, members, true);
        // A member may be missing only because Redis restarted empty and its instance has not
        // resynced yet: the first resync keeps the vanished, a second one a presence lifetime
        // later (when every live instance has resynced) tells who is really gone.
        const gone = final ? vanished : [];
        if (!final && vanished.length > 0) {
          for (const id of vanished) room.remote.set(id, before.get(id)!);
          if (!this.silent)
            setTimeout(() => this.resyncRoom(room, true), this.plane.settleMs).unref();
        }
        let sent = 0;
        for (const id of gone) sent += room.broadcast(textFrame(left(id)), null);
        for (const info of joined) {
          const frame = textFrame(JSON.stringify({ type: 'peer-joined', ...info }));
          sent += room.broadcast(frame, null);
        }
        this.metrics.delivered(sent + room.release());
      })
      .catch((err: unknown) => {
        this.plane.commandFailed('resync', err);
        // Still held: try again at the next heartbeat that finds Redis answering.
        this.plane.markStale();
      });
  }
}

function peerInfo(id: string, name: string | undefined, state: PeerState | undefined): PeerInfo {
  const info: PeerInfo = { id };
  if (name !== undefined) info.name = name;
  return state === undefined ? info : { ...info, ...state };
}

function left(id: string): string {
  return JSON.stringify({ type: 'peer-left', id });
}

/** The kept messages after `chatSince` (all of them when the number is from an older room). */
function since(chat: readonly string[], chatSince: number | undefined): KeptChat[] {
  const entries = chat.map(chatEntry);
  if (chatSince === undefined) return entries;
  const last = entries.at(-1)?.message.seq ?? 0;
  if (chatSince > last) return entries;
  return entries.filter((e) => (e.message.seq ?? 0) > chatSince);
}
