import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import type { AttemptPolicy, RedisConfig } from '../config.js';
import type { AttemptRecord } from '../signaling/AttemptGuard.js';
import {
  encodeBatch,
  encodeForward,
  parseForwards,
  parseRoomEvent,
  type RoomEvent,
} from './envelope.js';
import { Keys } from './keys.js';
import { CHAT, FAIL_ATTEMPT, JOIN, LEAVE, RESYNC, STATE, TOUCH } from './scripts.js';

/** What the backplane asks of the membership that uses it. */
export interface BackplaneHost {
  /** A room event arrived (in the order Redis numbered them). */
  roomEvent(room: string, event: RoomEvent): void;
  /** Another instance forwarded a relay frame to member `to` of `room`. */
  forwarded(room: string, to: string, frame: Buffer): void;
  /** Rooms with members on this instance (their keys are kept alive). */
  roomNames(): Iterable<string>;
  /** Members of this instance's rooms held by other instances, by instance. */
  remoteMembers(): Map<string, Array<{ room: string; id: string }>>;
  /** Redis is reachable again after an outage: bring shared state and local views in line. */
  recovered(): void;
}

/** Replies of the join script (see scripts.ts). */
export type JoinReply =
  | { kind: 'seat'; owner: string; info: string; ev: number; members: string[]; chat: string[] }
  | { kind: 'pw'; record: string }
  | { kind: 'full' }
  | { kind: 'taken' }
  | { kind: 'noseat' }
  | { kind: 'ok'; ev: number; members: string[]; chat: string[]; record: string };

/** Arguments of a join. */
export interface JoinArgs {
  id: string;
  info: string;
  capacity: number;
  knownPassword: string;
  newPassword: string;
  resume: boolean;
  /** The resume claim may only take back a seat that still exists (its token expired). */
  seatOnly: boolean;
  replace: string;
  joinedJson: string;
}

type Reply = string | number | null | Reply[];

/** The scripts as ioredis commands (defineCommand adds them at run time). */
interface ScriptCommands {
  zvJoin(...args: (string | number)[]): Promise<Reply>;
  zvLeave(...args: (string | number)[]): Promise<Reply>;
  zvState(...args: (string | number)[]): Promise<Reply>;
  zvChat(...args: (string | number)[]): Promise<Reply>;
  zvResync(...args: (string | number)[]): Promise<Reply>;
  zvTouch(...args: (string | number)[]): Promise<Reply>;
  zvFailAttempt(...args: (string | number)[]): Promise<Reply>;
}

/** Health of the backplane. */
export interface BackplaneHealth {
  readonly up: boolean;
  /** Why not, when down. */
  readonly reason: string | null;
}

/** Counters shown in /metrics. */
export interface BackplaneCounters {
  errors: number;
  resyncs: number;
  reaped: number;
  outages: number;
}

/**
 * The Redis side of shared rooms: two connections (commands and scripts; subscriptions), the
 * scripts, this instance's presence heartbeat, the reaping of dead instances' members, and the
 * health that `/healthz` and `/metrics` report.
 *
 * Pub/sub rather than streams: a published message reaches subscribers in one hop with nothing
 * stored, which is the lowest latency Redis offers for relaying offers and candidates; what must
 * survive a gap (membership, chat history) lives in keys, and a gap is closed by a resync.
 *
 * Redis failures never throw out of this class into the server: commands reject (callers fall
 * back to local work), the health turns down, and the heartbeat brings it back up.
 */
export class RedisBackplane {
  /** This instance's id, random per process. */
  readonly instance = `i${randomBytes(8).toString('hex')}`;
  readonly keys: Keys;
  readonly counters: BackplaneCounters = { errors: 0, resyncs: 0, reaped: 0, outages: 0 };
  private readonly cmd: Redis & ScriptCommands;
  private readonly sub: Redis;
  private readonly heartbeatMs: number;
  private readonly roomTtlMs: number;
  private readonly heartbeat: NodeJS.Timeout;
  /** Forwards waiting for the end of this event-loop turn, by instance. */
  private readonly outbox = new Map<string, Buffer[]>();
  private flushing = false;
  private up = false;
  private reason: string | null = 'connecting to Redis';
  /** When the backplane last turned healthy (ms since epoch). */
  private upSince = 0;
  /** An outage (or a lost subscription) happened since the last resync. */
  private stale = false;
  private beating = false;
  private closed = false;
  private readonly firstUp: Promise<void>;
  private onFirstUp: () => void = () => {};

  constructor(
    private readonly config: RedisConfig,
    private readonly host: BackplaneHost,
    private readonly log: FastifyBaseLogger,
  ) {
    this.keys = new Keys(config.prefix);
    this.heartbeatMs = Math.max(100, Math.round(config.presenceTtlMs / 5));
    this.roomTtlMs = Math.max(30_000, config.presenceTtlMs * 6);
    const options = {
      lazyConnect: false,
      // Commands fail at once while disconnected: a join must not hang on an outage.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      // A frozen Redis must not hold a command forever; the health (heartbeat) is judged on the
      // much shorter commandTimeoutMs, and joins are refused as soon as it is down.
      commandTimeout: Math.max(5000, config.presenceTtlMs),
      connectTimeout: Math.max(1000, config.commandTimeoutMs * 2),
      retryStrategy: (times: number) => Math.min(100 * times, 1000),
      // A frozen Redis (or network) is noticed by the heartbeat; keep the sockets alive too.
      keepAlive: 5000,
    };
    // Commands of one event-loop turn leave in one write (order kept): under load, many
    // relays and scripts share a system call instead of paying one each.
    this.cmd = new Redis(config.url, { ...options, enableAutoPipelining: true }) as Redis &
      ScriptCommands;
    this.sub = new Redis(config.url, {
      ...options,
      // Subscriptions are re-established by the client after a reconnect.
      autoResubscribe: true,
      enableOfflineQueue: true,
      commandTimeout: undefined,
    });
    for (const [name, lua, keys] of [
      ['zvJoin', JOIN, 4],
      ['zvLeave', LEAVE, 4],
      ['zvState', STATE, 4],
      ['zvChat', CHAT, 4],
      ['zvResync', RESYNC, 4],
    ] as const) {
      this.cmd.defineCommand(name, { lua, numberOfKeys: keys });
    }
    this.cmd.defineCommand('zvTouch', { lua: TOUCH });
    this.cmd.defineCommand('zvFailAttempt', { lua: FAIL_ATTEMPT, numberOfKeys: 1 });
    for (const [role, client] of [
      ['commands', this.cmd],
      ['subscriptions', this.sub],
    ] as const) {
      client.on('error', (err: Error) => this.failed(`${role}: ${err.message}`));
      client.on('close', () => this.failed(`${role}: connection lost`));
    }
    this.sub.on('ready', () => {
      // Whatever was published while the subscription was down is lost: resync.
      if (this.upSince !== 0) this.stale = true;
      this.beat();
    });
    this.cmd.on('ready', () => this.beat());
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) =>
      this.message(channel, message),
    );
    this.firstUp = new Promise((resolve) => (this.onFirstUp = resolve));
    this.heartbeat = setInterval(() => this.beat(), this.heartbeatMs);
    this.heartbeat.unref();
    void this.sub
      .subscribe(this.keys.instanceChannel(this.instance))
      .catch((err: unknown) => this.failed(`subscriptions: ${(err as Error).message}`));
  }

  /** Health as /healthz reports it. */
  get health(): BackplaneHealth {
    return { up: this.up, reason: this.up ? null : this.reason };
  }

  /** Whether Redis answers now. */
  get healthy(): boolean {
    return this.up;
  }

  /** Resolves when Redis first answered, or after `timeoutMs` (serving starts either way). */
  async ready(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.firstUp,
      new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
  }

  /** Subscribes to a room's events; resolves once Redis confirmed. */
  async subscribeRoom(room: string): Promise<void> {
    await this.sub.subscribe(this.keys.roomChannel(room));
  }

  /** Stops receiving a room's events. */
  unsubscribeRoom(room: string): void {
    this.sub.unsubscribe(this.keys.roomChannel(room)).catch(() => {
      // Lost with the connection anyway; a reconnect resubscribes only what is still wanted.
    });
  }

  /** Runs the join script. */
  async join(room: string, a: JoinArgs): Promise<JoinReply> {
    const reply = (await this.cmd.zvJoin(
      ...this.roomArgs(room),
      a.id,
      this.instance,
      a.info,
      a.capacity,
      a.knownPassword,
      a.newPassword,
      a.resume ? '1' : '0',
      a.replace,
      a.joinedJson,
      Date.now(),
      a.seatOnly ? '1' : '0',
    )) as Reply[];
    const kind = reply[0] as string;
    switch (kind) {
      case 'seat':
        return {
          kind,
          owner: reply[1] as string,
          info: reply[2] as string,
          ev: Number(reply[3]),
          members: reply[4] as string[],
          chat: reply[5] as string[],
        };
      case 'pw':
        return { kind, record: reply[1] as string };
      case 'full':
      case 'taken':
      case 'noseat':
        return { kind };
      default:
        return {
          kind: 'ok',
          ev: Number(reply[1]),
          members: reply[2] as string[],
          chat: reply[3] as string[],
          record: reply[4] as string,
        };
    }
  }

  /** Removes `id` from the room if `owner` ('' for anyone) holds it; true when it did. */
  async leave(room: string, id: string, owner: string, replaced = false): Promise<boolean> {
    const reply = await this.cmd.zvLeave(...this.roomArgs(room), id, owner, replaced ? 'k' : '');
    return reply === 1;
  }

  /** Stores a member's new info and publishes its state change. */
  async state(room: string, id: string, info: string, stateJson: string): Promise<void> {
    await this.cmd.zvState(...this.roomArgs(room), id, this.instance, info, stateJson);
  }

  /** Numbers, keeps and publishes a chat message (or finds the kept one). */
  async chat(
    room: string,
    from: string,
    clientId: string,
    jsonWithoutBrace: string,
    limits: { count: number; bytes: number },
  ): Promise<{ fresh: boolean; json: string }> {
    const reply = (await this.cmd.zvChat(
      ...this.roomArgs(room),
      from,
      clientId,
      jsonWithoutBrace,
      limits.count,
      Date.now(),
      limits.bytes,
    )) as string[];
    return { fresh: reply[0] === 'new', json: reply[1] ?? '' };
  }

  /** Refuses the tokens of session `id` on every instance for `ttlMs` (it left for good). */
  async revoke(id: string, ttlMs: number): Promise<void> {
    await this.cmd.set(this.keys.revoked(id), '1', 'PX', Math.max(1, ttlMs));
  }

  /** Which of `ids` were revoked (by any instance). */
  async revokedAmong(ids: readonly string[]): Promise<Set<string>> {
    const found = await Promise.all(ids.map((id) => this.cmd.exists(this.keys.revoked(id))));
    return new Set(ids.filter((_id, i) => found[i] === 1));
  }

  /** The wrong-password records under `keys` (see Keys.guesses), undefined where there is none. */
  async attemptRecords(keys: readonly string[]): Promise<Array<AttemptRecord | undefined>> {
    const replies = await Promise.all(keys.map((k) => this.cmd.hmget(k, 'f', 'a', 'n')));
    return replies.map(([f, a, n]) =>
      f == null || a == null || n == null
        ? undefined
        : { failures: Number(f), firstAt: Number(a), nextAt: Number(n) },
    );
  }

  /** Counts one more wrong guess under `key`, by `policy` (atomically, for every instance). */
  async failAttempt(key: string, policy: AttemptPolicy, now: number): Promise<void> {
    await this.cmd.zvFailAttempt(
      key,
      now,
      policy.freeAttempts,
      policy.baseDelayMs,
      policy.maxDelayMs,
      policy.windowMs,
    );
  }

  /** The kept chat messages of a room (JSON), oldest first. */
  async history(room: string): Promise<string[]> {
    return this.cmd.lrange(this.keys.room(room)[2], 0, -1);
  }

  /** Makes Redis hold exactly `members` (id, PeerInfo JSON) as this instance's seats in `room`. */
  async resync(
    room: string,
    password: string,
    knownEv: number,
    members: Array<[string, string]>,
  ): Promise<{ ev: number; members: string[]; lost: string[] }> {
    const reply = (await this.cmd.zvResync(
      ...this.roomArgs(room),
      this.instance,
      password,
      knownEv,
      ...members.flat(),
    )) as Reply[];
    return {
      ev: Number(reply[0]),
      members: reply[1] as string[],
      lost: reply[2] as string[],
    };
  }

  /**
   * Sends a relay frame to member `to` of `room` on `instance`. Fire and forget: a failure is
   * counted (the sender's client retries ICE on its own).
   */
  forward(instance: string, room: string, to: string, frame: Buffer): void {
    let batch = this.outbox.get(instance);
    if (batch === undefined) this.outbox.set(instance, (batch = []));
    batch.push(encodeForward(room, to, frame));
    if (!this.flushing) {
      this.flushing = true;
      setImmediate(this.flushOutbox);
    }
  }

  /**
   * Publishes the forwards of this event-loop turn: one message per instance, however many
   * relays a busy turn produced for it (the cost of a publish is mostly per message, not per byte).
   */
  private readonly flushOutbox = (): void => {
    this.flushing = false;
    for (const [instance, forwards] of this.outbox) {
      const message = forwards.length === 1 ? forwards[0]! : encodeBatch(forwards);
      this.cmd
        .publish(this.keys.instanceChannel(instance), message)
        .catch((err: unknown) => this.commandFailed('forward', err));
    }
    this.outbox.clear();
  };

  /** How long until every live instance has refreshed its presence and resynced (ms). */
  get settleMs(): number {
    return this.config.presenceTtlMs + this.heartbeatMs;
  }

  /** Something must be resynced at the next heartbeat that finds Redis answering. */
  markStale(): void {
    this.stale = true;
  }

  /** Counts and logs a failed command that the caller could not do anything about. */
  commandFailed(what: string, err: unknown): void {
    this.counters.errors++;
    this.log.warn({ err: { message: (err as Error).message } }, `backplane ${what} failed`);
  }

  /** Stops the heartbeat and closes both connections; the presence key is left to expire. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.onFirstUp();
    await Promise.all(
      [this.cmd, this.sub].map((client) =>
        client.quit().then(
          () => undefined,
          () => client.disconnect(),
        ),
      ),
    );
  }

  private roomArgs(room: string): [string, string, string, string, string, number] {
    return [...this.keys.room(room), this.keys.roomChannel(room), this.roomTtlMs];
  }

  private message(channel: Buffer, message: Buffer): void {
    try {
      const name = channel.toString();
      const room = this.keys.roomOf(name);
      if (room !== null) {
        const event = parseRoomEvent(message.toString());
        if (event !== null) this.host.roomEvent(room, event);
        return;
      }
      for (const forward of parseForwards(message)) {
        this.host.forwarded(forward.room, forward.to, forward.frame);
      }
    } catch (err) {
      // A bad message must not take the subscription (or the process) down.
      this.commandFailed('message handling', err);
    }
  }

  /** The health turned down (or stays down) for `reason`. */
  private failed(reason: string): void {
    if (this.closed) return;
    if (this.up) {
      this.counters.outages++;
      this.log.warn({ reason }, 'Redis backplane unavailable: serving local members only');
    }
    this.up = false;
    this.upSince = 0;
    this.stale = true;
    this.reason = reason;
  }

  /**
   * Heartbeat: refreshes this instance's presence and its rooms' keys, then (when healthy for a
   * whole presence lifetime, so that everyone had the chance to refresh theirs after an outage)
   * reaps the members of instances whose presence expired.
   */
  private beat(): void {
    if (this.beating || this.closed) return;
    this.beating = true;
    this.touch()
      .then(async () => {
        if (this.sub.status !== 'ready') {
          this.failed('subscriptions: not connected');
          return;
        }
        const wasUp = this.up;
        if (!wasUp) {
          this.up = true;
          this.reason = null;
          this.upSince = Date.now();
          this.onFirstUp();
          this.log.info({ instance: this.instance }, 'Redis backplane available');
        }
        if (this.stale) {
          this.stale = false;
          // Subscribed again before the snapshots are taken, so no event falls between the two
          // (a repeated SUBSCRIBE is confirmed after the client's own resubscription).
          const channels = [...this.host.roomNames()].map((r) => this.keys.roomChannel(r));
          await this.sub.subscribe(this.keys.instanceChannel(this.instance), ...channels);
          this.counters.resyncs++;
          this.host.recovered();
        }
        if (Date.now() - this.upSince >= this.config.presenceTtlMs) await this.reap();
      })
      .catch((err: unknown) => this.failed(`heartbeat: ${(err as Error).message}`))
      .finally(() => {
        this.beating = false;
      });
  }

  private async touch(): Promise<void> {
    const keys = [this.keys.alive(this.instance)];
    for (const room of this.host.roomNames()) keys.push(...this.keys.room(room));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_resolve, reject) => {
      // Decided after one more I/O poll: if this process itself was busy past the deadline, an
      // answer that arrived meanwhile is read first and wins (a slow process is no Redis outage).
      const decide = () =>
        setImmediate(() =>
          reject(new Error(`no answer within ${this.config.commandTimeoutMs} ms`)),
        );
      timer = setTimeout(decide, this.config.commandTimeoutMs);
    });
    try {
      await Promise.race([
        this.cmd.zvTouch(keys.length, ...keys, this.config.presenceTtlMs, this.roomTtlMs),
        late,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Removes (and so announces as left) the members of instances that stopped heartbeating. */
  private async reap(): Promise<void> {
    const byInstance = this.host.remoteMembers();
    if (byInstance.size === 0) return;
    const instances = [...byInstance.keys()];
    const alive = await this.cmd.mget(...instances.map((i) => this.keys.alive(i)));
    const leaves: Array<Promise<boolean>> = [];
    instances.forEach((instance, index) => {
      if (alive[index] !== null) return;
      for (const { room, id } of byInstance.get(instance) ?? []) {
        leaves.push(this.leave(room, id, instance));
      }
    });
    if (leaves.length === 0) return;
    const removed = (await Promise.all(leaves)).filter(Boolean).length;
    this.counters.reaped += removed;
    if (removed > 0) this.log.info({ removed }, 'members of instances gone silent left');
  }
}
