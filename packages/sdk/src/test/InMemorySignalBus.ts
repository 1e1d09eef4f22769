/**
 * An in-memory signaling server for SDK unit tests. `bus.WebSocket` is a WebSocket constructor
 * whose sockets talk to this bus instead of the network; it routes like the real server:
 * `client-id` first (a fresh join keeps that id), then on `join`: `joined`, `peer-list`,
 * `chat-history`, `room-state` (the room's creator is its host, the longest-present member next),
 * and `peer-joined` to the others; relay with `from`; chat with acks, seq and dedupe;
 * `peer-state`; `peer-left`. A room is forgotten (password, chat) once its last member is gone.
 * `ice-servers` answers before joining too; a member without TURN to refresh gets TurnUnavailable.
 * Resume tokens survive `restart()` (the real server's token secret outlives the process);
 * takeover tokens only end a session (as `replaceToken`), never resume it.
 *
 * signaling.contract.test.ts runs the same checks on this bus and on the real server: a change
 * of behaviour here belongs there first.
 *
 * Faults: `freeze()`/`thaw()` stop and resume the server with every socket left open;
 * `restart()` closes every socket with 1012 and forgets every room; `drop(id)` kills one
 * connection without a close frame (1006); `down = true` refuses new connections.
 */
import {
  CloseCode,
  ErrorCode,
  PROTOCOL_V1,
  parseClientMessage,
  type ChatMessage,
  type ClientMessage,
  type ClientMessageOf,
  type IceServer,
  type PeerInfo,
  type PeerState,
  type ServerMessage,
} from '@zvonok/protocol';
import type { WebSocketConstructor } from '../types.js';
import { CountingEventTarget } from './CountingEventTarget.js';

interface Member {
  id: string;
  room: string;
  name?: string;
  state: PeerState;
  socket: FakeWebSocket | undefined;
}

interface Room {
  members: Map<string, Member>;
  /** The host's id: the creator, then the longest-present member. */
  host: string | undefined;
  password?: string;
  chat: ChatMessage[];
  seq: number;
}

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

/** A client WebSocket connected to an InMemorySignalBus. */
export class FakeWebSocket extends CountingEventTarget {
  static readonly CONNECTING = CONNECTING;
  static readonly OPEN = OPEN;
  static readonly CLOSING = CLOSING;
  static readonly CLOSED = CLOSED;

  readyState = CONNECTING;
  protocol = '';
  readonly url: string;
  /** Frames this client sent, parsed. */
  readonly sent: ClientMessage[] = [];
  /** Set by the bus once joined. */
  memberId: string | undefined;
  /** The id the bus gave this connection (`client-id`). */
  connectionId = '';
  readonly #bus: InMemorySignalBus;

  constructor(bus: InMemorySignalBus, url: string, protocols?: string | string[]) {
    super();
    this.#bus = bus;
    this.url = url;
    const list = typeof protocols === 'string' ? [protocols] : (protocols ?? []);
    bus.sockets.add(this);
    bus.later(() => bus.whenAwake(() => this.#connect(bus, list)));
  }

  /** The server accepts (or, when down, refuses) the connection. */
  #connect(bus: InMemorySignalBus, list: string[]): void {
    if (this.readyState !== CONNECTING) return;
    if (bus.down) {
      this.dispatchEvent(new Event('error'));
      this.serverClose(1006, '', false);
      return;
    }
    this.protocol = list.includes(PROTOCOL_V1) ? PROTOCOL_V1 : '';
    this.readyState = OPEN;
    this.dispatchEvent(new Event('open'));
    bus.onOpen(this);
  }

  send(data: string): void {
    if (this.readyState === CONNECTING)
      throw new DOMException('still connecting', 'InvalidStateError');
    if (this.readyState !== OPEN) return;
    const parsed = parseClientMessage(data);
    if (parsed.ok) this.sent.push(parsed.message);
    this.#bus.later(() => this.#bus.whenAwake(() => this.#bus.onFrame(this, data)));
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState === CLOSED || this.readyState === CLOSING) return;
    this.readyState = CLOSING;
    this.#bus.later(() => {
      // A frozen server reads the close frame only when it thaws; this side is closed now.
      this.#bus.whenAwake(() => this.#bus.onClientClose(this, code));
      this.#finishClose(code, reason);
    });
  }

  /** Server side: deliver a message to this client. */
  deliver(message: ServerMessage | string): void {
    if (this.readyState !== OPEN) return;
    const data = typeof message === 'string' ? message : JSON.stringify(message);
    this.#bus.later(() => {
      if (this.readyState !== OPEN) return;
      this.dispatchEvent(Object.assign(new Event('message'), { data }));
    });
  }

  /** Server side: close this connection (with a close frame unless `clean` is false). */
  serverClose(code: number, reason = '', notifyBus = true): void {
    if (this.readyState === CLOSED) return;
    if (notifyBus) this.#bus.onClientClose(this, code);
    this.#finishClose(code, reason);
  }

  #finishClose(code: number, reason: string): void {
    if (this.readyState === CLOSED) return;
    this.readyState = CLOSED;
    this.#bus.sockets.delete(this);
    this.dispatchEvent(
      Object.assign(new Event('close'), { code, reason, wasClean: code !== 1006 }),
    );
  }
}

export class InMemorySignalBus {
  /** Refuse new connections (the server is down). */
  down = false;
  /** Work held while frozen (see freeze()), done in order by thaw(). */
  #backlog: (() => void)[] | undefined;
  capacity = 8;
  /** History is sent in pages of this many messages (`more` on all but the last), as the server does by size. */
  historyPageSize = Number.POSITIVE_INFINITY;
  /** The ICE servers handed out in `joined` and `ice-servers` (none unless a test sets them). */
  iceGrant: () => { iceServers: IceServer[]; expireAt?: number } = () => ({ iceServers: [] });
  /** Open sockets. */
  readonly sockets = new Set<FakeWebSocket>();
  readonly #rooms = new Map<string, Room>();
  /** token -> id: survives restart(), like the real server's signed tokens. */
  readonly #tokens = new Map<string, string>();
  /** Takeover tokens -> id: they end a session (replaceToken), never resume it. */
  readonly #takeoverTokens = new Map<string, string>();
  #nextId = 1;
  #nextToken = 1;

  /** A WebSocket constructor bound to this bus. */
  readonly WebSocket: WebSocketConstructor;

  constructor() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const bus = this;
    this.WebSocket = class extends FakeWebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(bus, url, protocols);
      }
    } as unknown as WebSocketConstructor;
  }

  /** Run `fn` on a later macrotask, like network delivery. */
  later(fn: () => void): void {
    setTimeout(fn, 0);
  }

  /**
   * The server process stops (SIGSTOP): sockets stay open, nothing is read or answered, new
   * connections wait in the backlog. `thaw()` does everything held, in order.
   */
  freeze(): void {
    this.#backlog ??= [];
  }

  /** The server runs again and catches up with what arrived while it was frozen. */
  thaw(): void {
    const held = this.#backlog ?? [];
    this.#backlog = undefined;
    for (const fn of held) fn();
  }

  /** Runs `fn` now, or at thaw() while frozen. */
  whenAwake(fn: () => void): void {
    if (this.#backlog) this.#backlog.push(fn);
    else fn();
  }

  /** Members of a room now (connected or away). */
  members(room: string): string[] {
    return [...(this.#rooms.get(room)?.members.keys() ?? [])];
  }

  /** The socket of a member. */
  socketOf(id: string): FakeWebSocket | undefined {
    for (const room of this.#rooms.values()) {
      const m = room.members.get(id);
      if (m) return m.socket;
    }
    return undefined;
  }

  /** Chat kept for a room. */
  chatOf(room: string): readonly ChatMessage[] {
    return this.#rooms.get(room)?.chat ?? [];
  }

  /** Server restart: every socket closed with 1012, every room forgotten (tokens stay valid). */
  restart(): void {
    for (const socket of [...this.sockets])
      socket.serverClose(CloseCode.ServiceRestart, 'restart', false);
    this.#rooms.clear();
  }

  /** One connection dies without a close frame; its member stays, resumable. */
  drop(id: string): void {
    this.socketOf(id)?.serverClose(1006, '', true);
  }

  /** A resumable member is given up for good: the others get `peer-left`. */
  expire(id: string): void {
    for (const room of this.#rooms.values()) {
      if (room.members.has(id)) this.#leave(room, id);
    }
  }

  onOpen(socket: FakeWebSocket): void {
    socket.connectionId = `p${this.#nextId++}`;
    socket.deliver({ type: 'client-id', id: socket.connectionId });
  }

  onFrame(socket: FakeWebSocket, data: string): void {
    if (socket.readyState !== OPEN) return;
    const parsed = parseClientMessage(data);
    if (!parsed.ok) {
      socket.deliver({ type: 'error', ...parsed.error });
      return;
    }
    const m = parsed.message;
    if (m.type === 'join') {
      this.#join(socket, m);
      return;
    }
    if (m.type === 'ping') {
      socket.deliver({ type: 'pong' });
      return;
    }
    if (m.type === 'ice-servers') {
      this.#iceServers(socket);
      return;
    }
    const member = this.#memberOf(socket);
    if (!member) {
      socket.deliver({
        type: 'error',
        code: ErrorCode.NotJoined,
        message: 'join first',
        ref: m.type,
      });
      return;
    }
    const room = this.#rooms.get(member.room) as Room;
    switch (m.type) {
      case 'leave':
        this.#leave(room, member.id);
        socket.memberId = undefined;
        return;
      case 'offer':
      case 'answer':
      case 'ice-candidate': {
        const target = room.members.get(m.to);
        if (!target?.socket) {
          socket.deliver({
            type: 'error',
            code: ErrorCode.UnknownPeer,
            message: `no peer ${m.to}`,
            ref: m.type,
          });
          return;
        }
        const { to: _to, ...rest } = m;
        target.socket.deliver({ ...rest, from: member.id });
        return;
      }
      case 'chat': {
        const id = m.id ?? `s${room.seq + 1}`;
        const existing = room.chat.find((c) => c.from === member.id && c.id === id);
        if (existing) {
          socket.deliver({ type: 'chat-ack', id, seq: existing.seq ?? 0, ts: existing.ts });
          return;
        }
        const chat: ChatMessage = {
          type: 'chat',
          from: member.id,
          id,
          text: m.text,
          ts: Date.now(),
          seq: ++room.seq,
          ...(member.name !== undefined && { name: member.name }),
        };
        room.chat.push(chat);
        socket.deliver({ type: 'chat-ack', id, seq: chat.seq ?? 0, ts: chat.ts });
        this.#broadcast(room, member.id, chat);
        return;
      }
      case 'state': {
        const { type: _t, ...state } = m;
        member.state = { ...member.state, ...state };
        this.#broadcast(room, member.id, { type: 'peer-state', id: member.id, ...state });
        return;
      }
      case 'react':
        this.#broadcast(room, member.id, { type: 'reaction', from: member.id, emoji: m.emoji });
        return;
    }
  }

  /**
   * Like the server: before joining, what it offers (the connectivity check); a member asks for
   * fresh TURN credentials, and without a TURN relay that is TurnUnavailable.
   */
  #iceServers(socket: FakeWebSocket): void {
    const { iceServers, expireAt } = this.iceGrant();
    const urls = iceServers.flatMap((s) => (typeof s.urls === 'string' ? [s.urls] : s.urls));
    const hasTurn = urls.some((u) => /^turns?:/.test(u));
    if (this.#memberOf(socket) && !hasTurn) {
      socket.deliver({
        type: 'error',
        code: ErrorCode.TurnUnavailable,
        message: 'no TURN relay is configured',
        ref: 'ice-servers',
      });
      return;
    }
    socket.deliver({
      type: 'ice-servers',
      iceServers,
      ...(expireAt !== undefined && { expireAt }),
    });
  }

  onClientClose(socket: FakeWebSocket, code: number): void {
    const member = this.#memberOf(socket);
    if (!member) return;
    member.socket = undefined;
    socket.memberId = undefined;
    // A deliberate close leaves at once; anything else keeps the identity for a resume.
    if (code === 1000) this.#leave(this.#rooms.get(member.room) as Room, member.id);
  }

  #memberOf(socket: FakeWebSocket): Member | undefined {
    if (!socket.memberId) return undefined;
    for (const room of this.#rooms.values()) {
      const m = room.members.get(socket.memberId);
      if (m && m.socket === socket) return m;
    }
    return undefined;
  }

  #join(socket: FakeWebSocket, m: ClientMessageOf<'join'>): void {
    if (this.#memberOf(socket)) {
      socket.deliver({
        type: 'error',
        code: ErrorCode.AlreadyJoined,
        message: 'joined',
        ref: 'join',
      });
      return;
    }
    let room = this.#rooms.get(m.room);
    const resumedId = m.resumeToken !== undefined ? this.#tokens.get(m.resumeToken) : undefined;
    const existing = resumedId !== undefined ? room?.members.get(resumedId) : undefined;
    // In the server's order: the password, then the session replaced, then the capacity.
    if (!existing && room?.password !== undefined && m.password === undefined) {
      socket.deliver({
        type: 'error',
        code: ErrorCode.PasswordRequired,
        message: 'password required',
        ref: 'join',
      });
      return;
    }
    if (!existing && room?.password !== undefined && m.password !== room.password) {
      socket.deliver({
        type: 'error',
        code: ErrorCode.WrongPassword,
        message: 'wrong password',
        ref: 'join',
      });
      return;
    }
    let wasHost = false;
    if (room && m.replaceToken !== undefined) {
      const old = this.#tokens.get(m.replaceToken) ?? this.#takeoverTokens.get(m.replaceToken);
      const oldMember = old !== undefined ? room.members.get(old) : undefined;
      if (old !== undefined && oldMember && oldMember.socket !== socket) {
        // The host's seat goes to the new session, not to whoever came first.
        wasHost = room.host === old;
        if (wasHost) room.host = undefined;
        this.#leave(room, old);
        oldMember.socket?.serverClose(CloseCode.Replaced, 'replaced', false);
        room = this.#rooms.get(m.room);
      }
    }
    if (!existing && room && room.members.size >= this.capacity) {
      socket.deliver({ type: 'error', code: ErrorCode.RoomFull, message: 'full', ref: 'join' });
      return;
    }
    const created = !room;
    if (!room) {
      room = {
        members: new Map(),
        host: undefined,
        chat: [],
        seq: 0,
        ...(m.password && { password: m.password }),
      };
      this.#rooms.set(m.room, room);
    }
    const fresh = room.members.has(socket.connectionId)
      ? `p${this.#nextId++}`
      : socket.connectionId;
    const id = resumedId ?? fresh;
    const resumed = resumedId !== undefined;
    let member = existing;
    if (member) {
      // Resumed in place: an older connection of the same identity is closed.
      if (member.socket && member.socket !== socket) {
        member.socket.serverClose(CloseCode.Replaced, 'resumed elsewhere', false);
      }
      member.socket = socket;
      if (m.state) {
        // Like the server: the room hears what changed while this member was away.
        const before = member.state;
        const changed = Object.fromEntries(
          Object.entries(m.state).filter(([k, v]) => before[k as keyof PeerState] !== v),
        ) as PeerState;
        member.state = { ...before, ...m.state };
        if (Object.keys(changed).length > 0) {
          this.#broadcast(room, id, { type: 'peer-state', id, ...changed });
        }
      }
    } else {
      member = {
        id,
        room: m.room,
        state: m.state ?? {},
        socket,
        ...(m.name !== undefined && { name: m.name }),
      };
      room.members.set(id, member);
    }
    socket.memberId = id;
    const newHost = !existing && (created || wasHost || room.host === undefined);
    if (newHost) room.host = id;
    const token = `t${this.#nextToken++}`;
    this.#tokens.set(token, id);
    const takeoverToken = `k${this.#nextToken++}`;
    this.#takeoverTokens.set(takeoverToken, id);
    socket.deliver({
      type: 'joined',
      id,
      room: m.room,
      resumeToken: token,
      takeoverToken,
      resumed,
      capacity: this.capacity,
      ...(({ iceServers, expireAt }) => ({
        iceServers,
        ...(expireAt !== undefined && { iceServersExpireAt: expireAt }),
      }))(this.iceGrant()),
    });
    const peers: PeerInfo[] = [...room.members.values()]
      .filter((p) => p.id !== id)
      .map((p) => ({ id: p.id, ...(p.name !== undefined && { name: p.name }), ...p.state }));
    socket.deliver({ type: 'peer-list', peers });
    const since = m.chatSince ?? 0;
    const history = room.chat.filter((c) => (c.seq ?? 0) > since);
    for (let start = 0; ; start += this.historyPageSize) {
      const messages = history.slice(start, start + this.historyPageSize);
      const more = start + this.historyPageSize < history.length;
      socket.deliver({ type: 'chat-history', messages, ...(more && { more }) });
      if (!more) break;
    }
    socket.deliver(this.#roomState(room));
    if (!existing) {
      this.#broadcast(room, id, {
        type: 'peer-joined',
        id,
        ...(member.name !== undefined && { name: member.name }),
        ...member.state,
      });
      if (newHost && !created) this.#broadcast(room, undefined, this.#roomState(room));
    }
  }

  #roomState(room: Room): ServerMessage {
    return {
      type: 'room-state',
      ...(room.host !== undefined && { host: room.host }),
      locked: false,
      knock: false,
      password: room.password !== undefined,
    };
  }

  /** A member leaves for good: the room forgets itself once empty, else hears of it. */
  #leave(room: Room, id: string): void {
    if (!room.members.delete(id)) return;
    if (room.members.size === 0) {
      for (const [name, r] of this.#rooms) if (r === room) this.#rooms.delete(name);
      return;
    }
    this.#broadcast(room, id, { type: 'peer-left', id });
    if (room.host === id) {
      room.host = room.members.keys().next().value;
      this.#broadcast(room, undefined, this.#roomState(room));
    }
  }

  #broadcast(room: Room, except: string | undefined, message: ServerMessage): void {
    for (const member of room.members.values()) {
      if (member.id !== except) member.socket?.deliver(message);
    }
  }
}
