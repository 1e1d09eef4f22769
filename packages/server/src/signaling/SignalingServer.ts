import {
  CloseCode,
  DEFAULT_ROOM,
  ErrorCode,
  MAX_MESSAGE_BYTES,
  PROTOCOL_V1,
  ROOM_NAME_PATTERN,
  ROOM_NAME_RULE,
  CHAT_HISTORY_LIMIT,
  parseClientMessage,
  type ClientMessage,
} from '@zvonok/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import type { ServerConfig } from '../config.js';
import { Connection, type ConnectionOptions } from './transport/Connection.js';
import { releaseUpgradeResponse } from './transport/wsInternals.js';
import type { SignalingContext } from './context.js';
import { encode, errorFrame, type Frame } from './transport/frames.js';
import { handlers } from './handlers/index.js';
import type { Handler } from './handlers/types.js';
import { newPeerId } from './rooms/ids.js';
import type { RedisBackplane } from '../backplane/RedisBackplane.js';
import { SharedMembership } from '../backplane/SharedMembership.js';
import { AddressLimits, bucket } from './transport/AddressLimits.js';
import { addressKey } from './transport/address.js';
import { ChatBudget } from './rooms/ChatBudget.js';
import { Membership } from './rooms/Membership.js';
import type { JoinRefusal, MembershipService } from './rooms/MembershipService.js';
import { Metrics } from './metrics/Metrics.js';
import { ResumeTokens } from './auth/ResumeTokens.js';
import { InMemoryRoomRegistry, type RoomRegistry } from './rooms/RoomRegistry.js';
import { TurnCredentials } from './ice/TurnCredentials.js';
import { WriteBatcher } from './transport/WriteBatcher.js';
import { SfuService } from '../sfu/SfuService.js';

/** Where the server keeps the Connection of a socket (a property, not a per-socket closure). */
const kConnection = Symbol('zvonok.connection');
type Socket = WebSocket & { [kConnection]?: Connection };

/** How long shutdown waits for clients to answer the close before cutting them off. */
const CLOSE_WAIT_MS = 500;
/** Period of the sweep of join deadlines and password-throttling records. */
const SWEEP_MS = 1000;

/** What a connection brings from its HTTP upgrade request. */
export interface UpgradeInfo {
  /** The `room` query parameter (seed clients). */
  room: string | undefined;
  /** The remote address. */
  address: string;
}

/**
 * The signaling server: accepts WebSocket connections in either dialect, validates and rate-limits
 * what they send, dispatches each message to its handler, and keeps connections alive or ends them
 * (heartbeat, join deadline, graceful shutdown). Rooms and membership live behind
 * {@link RoomRegistry} and {@link Membership}; HTTP is not its business.
 */
export class SignalingServer implements SignalingContext {
  readonly rooms: RoomRegistry;
  readonly membership: MembershipService;
  /** The Redis backplane when rooms are shared (REDIS_URL); null in memory. */
  readonly backplane: RedisBackplane | null;
  readonly tokens: ResumeTokens;
  readonly turn: TurnCredentials;
  readonly metrics: Metrics;
  readonly sfu: SfuService | null;
  /** The server-wide byte budget of kept chat; null when chat is kept in Redis. */
  readonly chatBudget: ChatBudget | null = null;
  receivedAt = 0;
  receivedFrame: Buffer | undefined = undefined;
  /** Connections and budgets per remote address. */
  readonly addresses: AddressLimits;

  private readonly connections = new Set<Connection>();
  private readonly connectionOptions: ConnectionOptions;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly sweeper: NodeJS.Timeout;
  private closing: Promise<void> | null = null;
  private onDrained: (() => void) | null = null;

  constructor(
    readonly config: ServerConfig,
    readonly log: FastifyBaseLogger,
    resumeSecret: Buffer,
  ) {
    this.tokens = new ResumeTokens(resumeSecret, config.resumeTokenTtlMs);
    this.turn = new TurnCredentials(config.turn, config.stunUrls);
    this.metrics = new Metrics(this);
    this.addresses = new AddressLimits(config.limits);
    if (config.redis === null) {
      // The default: every room in this process's memory, nothing else to reach.
      this.chatBudget = new ChatBudget(config.limits.chatBytesTotal);
      const rooms = new InMemoryRoomRegistry({
        count: CHAT_HISTORY_LIMIT,
        bytes: config.limits.chatBytesPerRoom,
        budget: this.chatBudget,
      });
      this.rooms = rooms;
      this.membership = new Membership(config, rooms, this.tokens, this.turn);
      this.backplane = null;
    } else {
      const shared = new SharedMembership(
        config,
        config.redis,
        this.tokens,
        this.turn,
        this.metrics,
        log,
      );
      this.rooms = shared.rooms;
      this.membership = shared;
      this.backplane = shared.plane;
      this.metrics.addBackplane(shared.plane);
    }
    this.sfu = config.janus === null ? null : new SfuService(config.janus, this.rooms, log);
    this.connectionOptions = {
      maxBufferedBytes: config.maxBufferedBytes,
      burst: config.rateLimit.burst,
      perSecond: config.rateLimit.perSecond,
      batcher: new WriteBatcher(),
    };
    // Shared listeners: `this` inside them is the socket, which carries its Connection.
    const onMessage = (conn: Connection, data: RawData, isBinary: boolean) =>
      this.onMessage(conn, data, isBinary);
    const onClose = (conn: Connection, code: number) => this.onClose(conn, code);
    this.listeners = {
      message(this: Socket, data: RawData, isBinary: boolean) {
        const conn = this[kConnection];
        if (conn !== undefined) onMessage(conn, data, isBinary);
      },
      close(this: Socket, code: number) {
        const conn = this[kConnection];
        if (conn !== undefined) onClose(conn, code);
      },
      pong(this: Socket) {
        const conn = this[kConnection];
        if (conn !== undefined) conn.alive = true;
      },
      error(this: Socket, err: Error) {
        // ws closes the socket itself after a protocol error (e.g. 1009 for an oversize frame).
        log.debug({ err: { message: err.message, code: errorCode(err) } }, 'socket error');
      },
    };
    this.heartbeat = setInterval(() => this.tick(), config.heartbeatIntervalMs);
    this.heartbeat.unref();
    this.sweeper = setInterval(() => this.sweep(), Math.min(SWEEP_MS, config.joinTimeoutMs));
    this.sweeper.unref();
  }

  private readonly listeners: {
    message: (this: Socket, data: RawData, isBinary: boolean) => void;
    close: (this: Socket, code: number) => void;
    pong: (this: Socket) => void;
    error: (this: Socket, err: Error) => void;
  };

  /** Open connections. */
  get connectionCount(): number {
    return this.connections.size;
  }

  /** Rooms with members. */
  get roomCount(): number {
    return this.rooms.size;
  }

  /** Members of all rooms, including those awaiting a resume. */
  get peerCount(): number {
    return this.membership.peerCount;
  }

  /** Healthy unless the shared state (Redis) is configured and out of reach. */
  health(): { ok: true } | { ok: false; reason: string } {
    const plane = this.backplane;
    if (plane === null || plane.healthy) return { ok: true };
    return { ok: false, reason: `redis: ${plane.health.reason ?? 'unavailable'}` };
  }

  /**
   * Resolves when the server can serve joins: at once in memory, when Redis first answered (or
   * after `timeoutMs`: the server starts anyway, reports unhealthy and recovers by itself).
   */
  ready(timeoutMs = 5000): Promise<void> {
    // Janus may be down at start: the server serves meshes and connects when Janus is back.
    const sfu = this.sfu === null ? Promise.resolve() : this.sfu.connect();
    const plane = this.backplane === null ? Promise.resolve() : this.backplane.ready(timeoutMs);
    return Promise.all([sfu, plane]).then(() => undefined);
  }

  /** Takes over a freshly upgraded socket. */
  accept(ws: WebSocket, upgrade: UpgradeInfo): void {
    const socket = ws as Socket;
    if (this.closing !== null) {
      socket.close(CloseCode.ServiceRestart, 'server restart');
      return;
    }
    // Bounds first: a refused socket is closed before anything is kept or sent for it.
    const key = addressKey(upgrade.address);
    if (this.connections.size >= this.config.limits.maxConnections) {
      this.metrics.refusedUpgrade('capacity');
      socket.close(CloseCode.TryAgainLater, 'the server is full');
      return;
    }
    if (!this.addresses.open(key)) {
      this.metrics.refusedUpgrade('address');
      this.log.info({ address: key }, 'refused a connection: too many from this address');
      socket.close(CloseCode.TooManyConnections, 'too many connections from this address');
      return;
    }
    const v1 = socket.protocol === PROTOCOL_V1;
    const conn = new Connection(
      socket,
      v1,
      upgrade.address,
      newPeerId(),
      performance.now(),
      this.connectionOptions,
    );
    socket[kConnection] = conn;
    // Replace the per-socket error closure of the websocket plugin (it holds the upgrade request
    // and reply alive for the life of the socket) with the shared listener.
    socket.removeAllListeners('error');
    socket.on('error', this.listeners.error);
    releaseUpgradeResponse(socket);
    socket.on('message', this.listeners.message);
    socket.on('close', this.listeners.close);
    socket.on('pong', this.listeners.pong);
    this.connections.add(conn);
    this.metrics.connectionOpened();
    conn.send(encode({ type: 'client-id', id: conn.id }));
    this.log.debug({ peer: conn.id, v1, address: conn.address }, 'connected');
    if (v1) {
      conn.joinDeadline = Date.now() + this.config.joinTimeoutMs;
      return;
    }
    // Seed clients are joined by the URL: `?room=NAME`, or the shared default room.
    const room = upgrade.room ?? DEFAULT_ROOM;
    if (!ROOM_NAME_PATTERN.test(room)) {
      this.sendError(conn, ErrorCode.BadRoomName, ROOM_NAME_RULE);
      conn.close(CloseCode.PolicyViolation, 'bad room name', true);
      return;
    }
    // Each seed connection joins once, so a connect loop is its join loop.
    const refusal = this.joinBudget(conn);
    if (refusal !== null) {
      this.seedJoined(conn, refusal);
      return;
    }
    void this.membership.join(conn, { room }).then((refusal) => this.seedJoined(conn, refusal));
  }

  /**
   * Takes one join from the budgets of `conn` and of its address (a join/leave loop would make
   * the server send the room's history over and over); the refusal when either is spent.
   */
  joinBudget(conn: Connection): JoinRefusal | null {
    const now = performance.now();
    conn.joins ??= bucket(this.config.limits.joinsPerConnection, now);
    if (conn.joins.take(now) && this.addresses.takeJoin(conn.addressKey, now)) return null;
    return { code: ErrorCode.TooManyJoins, message: 'joining too often: wait a few seconds' };
  }

  /** A seed client cannot ask again: a refused join ends its connection. */
  private seedJoined(conn: Connection, refusal: JoinRefusal | null): void {
    if (refusal === null) return;
    this.sendError(conn, refusal.code, refusal.message);
    const code =
      refusal.code === ErrorCode.RoomFull ? CloseCode.RoomFull : CloseCode.PolicyViolation;
    conn.close(code, refusal.code === ErrorCode.RoomFull ? 'room full' : 'refused', true);
  }

  /** Sends an `error` to `conn` and counts it. */
  sendError(conn: Connection, code: ErrorCode, message: string, ref?: string): void {
    this.metrics.error(code);
    conn.send(errorFrame(code, message, ref));
  }

  /**
   * Graceful shutdown: v1 clients are told `going-away`, every socket is closed with 1012
   * (service restart: reconnect and resume), and those that do not answer are cut off shortly.
   */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    clearInterval(this.heartbeat);
    clearInterval(this.sweeper);
    this.membership.silence();
    const goingAway = encode({ type: 'going-away', reconnectInMs: this.config.reconnectInMs });
    for (const conn of this.connections) {
      if (conn.v1) conn.send(goingAway);
      conn.socket.close(CloseCode.ServiceRestart, 'server restart');
    }
    if (this.connections.size > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, CLOSE_WAIT_MS);
        this.onDrained = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    for (const conn of this.connections) conn.socket.terminate();
    await this.membership.close();
    this.sfu?.close();
    this.log.info({ connections: this.connections.size }, 'signaling closed');
  }

  private onMessage(conn: Connection, data: RawData, isBinary: boolean): void {
    const now = performance.now();
    conn.alive = true;
    if (!conn.bucket.take(now)) {
      this.rateLimited(conn);
      return;
    }
    conn.dropped = 0;
    if (isBinary) {
      this.sendError(conn, ErrorCode.BinaryFrame, 'binary frames are not part of the protocol');
      return;
    }
    // ws hands a Buffer for text frames unless binaryType was changed, which it is not.
    const buffer = data as Buffer;
    if (buffer.length > MAX_MESSAGE_BYTES) {
      this.sendError(
        conn,
        ErrorCode.MessageTooLarge,
        `messages are limited to ${MAX_MESSAGE_BYTES} bytes`,
      );
      return;
    }
    const parsed = parseClientMessage(buffer.toString());
    if (!parsed.ok) {
      this.sendError(conn, parsed.error.code, parsed.error.message, parsed.error.ref);
      return;
    }
    const message = parsed.message;
    this.metrics.message(message.type);
    this.receivedAt = now;
    this.receivedFrame = buffer;
    try {
      (handlers[message.type] as Handler<ClientMessage['type']>)(this, conn, message);
    } catch (err) {
      // Never let a message take the server down; say so, keep the connection.
      this.log.error({ err, type: message.type, peer: conn.id }, 'handler failed');
      this.sendError(conn, ErrorCode.Internal, 'the server could not process this message');
    } finally {
      this.receivedFrame = undefined;
    }
  }

  private rateLimited(conn: Connection): void {
    conn.dropped++;
    if (conn.dropped === 1) {
      this.sendError(conn, ErrorCode.RateLimited, 'too many messages: slow down');
    }
    if (conn.dropped >= this.config.rateLimit.closeAfterDropped && conn.open) {
      this.log.warn({ peer: conn.id, address: conn.address }, 'closing a flooding connection');
      conn.close(CloseCode.PolicyViolation, 'rate limit exceeded', true);
    }
  }

  private onClose(conn: Connection, code: number): void {
    if (!this.connections.delete(conn)) return;
    this.addresses.close(conn.addressKey);
    this.membership.forget(conn);
    const peer = conn.peer;
    this.log.debug({ peer: conn.id, code, room: peer?.room.name }, 'disconnected');
    if (peer !== null) this.membership.disconnected(peer, conn, code);
    if (this.connections.size === 0 && this.onDrained !== null) this.onDrained();
  }

  /** Heartbeat: terminate sockets that missed the last ping, ping the others. */
  private tick(): void {
    for (const conn of this.connections) {
      if (!conn.alive) {
        conn.socket.terminate();
        continue;
      }
      conn.alive = false;
      conn.socket.ping();
    }
  }

  /** Join deadlines of v1 connections and expired password-throttling records. */
  private sweep(): void {
    const now = Date.now();
    for (const conn of this.connections) {
      if (
        conn.joinDeadline !== 0 &&
        now >= conn.joinDeadline &&
        conn.peer === null &&
        !conn.joining
      ) {
        conn.joinDeadline = 0;
        conn.close(CloseCode.JoinTimeout, 'join timeout', true);
      }
    }
    this.membership.sweep(now);
    this.addresses.sweep(performance.now());
  }
}

function errorCode(err: Error): string | undefined {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

export type { Frame };
