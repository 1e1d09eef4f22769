import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import type { AttemptPolicy, RedisConfig } from '../config.js';
import type { AttemptRecord } from '../signaling/auth/AttemptGuard.js';
import { BackplaneScripts, type JoinArgs } from './BackplaneScripts.js';
import { parseForwards, parseRoomEvent, type RoomEvent } from './envelope.js';
import { ForwardOutbox } from './ForwardOutbox.js';
import { Keys } from './keys.js';
import { LinkHealth, type BackplaneHealth } from './LinkHealth.js';
import { Presence } from './Presence.js';
import type { ChatReply, JoinReply, ResyncReply } from './replies.js';

export type { BackplaneHealth } from './LinkHealth.js';
export type { JoinArgs } from './BackplaneScripts.js';
export type { JoinReply } from './replies.js';

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

/** Counters shown in /metrics. */
export interface BackplaneCounters {
  errors: number;
  resyncs: number;
  reaped: number;
  outages: number;
}

/**
 * The Redis side of shared rooms: two connections (commands and scripts; subscriptions), what
 * arrives on the subscriptions, and the heartbeat that keeps this instance present, judges the
 * health that `/healthz` and `/metrics` report, resyncs after an outage and reaps dead
 * instances' members. The parts: {@link BackplaneScripts} (typed script calls),
 * {@link LinkHealth}, {@link Presence} (presence and reaping), {@link ForwardOutbox}.
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
  private readonly cmd: Redis;
  private readonly sub: Redis;
  private readonly scripts: BackplaneScripts;
  private readonly link = new LinkHealth();
  private readonly presence: Presence;
  private readonly outbox: ForwardOutbox;
  private readonly heartbeatMs: number;
  private readonly heartbeat: NodeJS.Timeout;
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
    const roomTtlMs = Math.max(30_000, config.presenceTtlMs * 6);
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
    this.cmd = new Redis(config.url, { ...options, enableAutoPipelining: true });
    this.sub = new Redis(config.url, {
      ...options,
      // Subscriptions are re-established by the client after a reconnect.
      autoResubscribe: true,
      enableOfflineQueue: true,
      commandTimeout: undefined,
    });
    this.scripts = new BackplaneScripts(this.cmd, this.keys, this.instance, roomTtlMs);
    this.presence = new Presence(this.cmd, this.scripts, this.keys, host, config);
    this.outbox = new ForwardOutbox((instance, message) => {
      this.cmd
        .publish(this.keys.instanceChannel(instance), message)
        .catch((err: unknown) => this.commandFailed('forward', err));
    });
    for (const [role, client] of [
      ['commands', this.cmd],
      ['subscriptions', this.sub],
    ] as const) {
      client.on('error', (err: Error) => this.failed(`${role}: ${err.message}`));
      client.on('close', () => this.failed(`${role}: connection lost`));
    }
    this.sub.on('ready', () => {
      // Whatever was published while the subscription was down is lost: resync.
      if (this.link.upSince !== 0) this.link.stale = true;
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
    return this.link.health;
  }

  /** Whether Redis answers now. */
  get healthy(): boolean {
    return this.link.healthy;
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
  join(room: string, args: JoinArgs): Promise<JoinReply> {
    return this.scripts.join(room, args);
  }

  /** Removes `id` from the room if `owner` ('' for anyone) holds it; true when it did. */
  leave(room: string, id: string, owner: string, replaced = false): Promise<boolean> {
    return this.scripts.leave(room, id, owner, replaced);
  }

  /** Stores a member's new info and publishes its state change. */
  state(room: string, id: string, info: string, stateJson: string): Promise<void> {
    return this.scripts.state(room, id, info, stateJson);
  }

  /** Numbers, keeps and publishes a chat message (or finds the kept one). */
  chat(
    room: string,
    from: string,
    clientId: string,
    jsonWithoutBrace: string,
    limits: { count: number; bytes: number },
  ): Promise<ChatReply> {
    return this.scripts.chat(room, from, clientId, jsonWithoutBrace, limits);
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
  failAttempt(key: string, policy: AttemptPolicy, now: number): Promise<void> {
    return this.scripts.failAttempt(key, policy, now);
  }

  /** The kept chat messages of a room (JSON), oldest first. */
  async history(room: string): Promise<string[]> {
    return this.cmd.lrange(this.keys.room(room)[2], 0, -1);
  }

  /** Makes Redis hold exactly `members` (id, PeerInfo JSON) as this instance's seats in `room`. */
  resync(
    room: string,
    password: string,
    knownEv: number,
    members: Array<[string, string]>,
  ): Promise<ResyncReply> {
    return this.scripts.resync(room, password, knownEv, members);
  }

  /**
   * Sends a relay frame to member `to` of `room` on `instance`, with the other forwards of this
   * event-loop turn. Fire and forget: a failure is counted (the sender's client retries ICE on
   * its own).
   */
  forward(instance: string, room: string, to: string, frame: Buffer): void {
    this.outbox.add(instance, room, to, frame);
  }

  /** How long until every live instance has refreshed its presence and resynced (ms). */
  get settleMs(): number {
    return this.config.presenceTtlMs + this.heartbeatMs;
  }

  /** Something must be resynced at the next heartbeat that finds Redis answering. */
  markStale(): void {
    this.link.stale = true;
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
    if (this.link.down(reason)) {
      this.counters.outages++;
      this.log.warn({ reason }, 'Redis backplane unavailable: serving local members only');
    }
  }

  /**
   * Heartbeat: refreshes this instance's presence and its rooms' keys, then (when healthy for a
   * whole presence lifetime, so that everyone had the chance to refresh theirs after an outage)
   * reaps the members of instances whose presence expired.
   */
  private beat(): void {
    if (this.beating || this.closed) return;
    this.beating = true;
    this.presence
      .refresh()
      .then(async () => {
        if (this.sub.status !== 'ready') {
          this.failed('subscriptions: not connected');
          return;
        }
        if (this.link.answered(Date.now())) {
          this.onFirstUp();
          this.log.info({ instance: this.instance }, 'Redis backplane available');
        }
        if (this.link.stale) {
          this.link.stale = false;
          // Subscribed again before the snapshots are taken, so no event falls between the two
          // (a repeated SUBSCRIBE is confirmed after the client's own resubscription).
          const channels = [...this.host.roomNames()].map((r) => this.keys.roomChannel(r));
          await this.sub.subscribe(this.keys.instanceChannel(this.instance), ...channels);
          this.counters.resyncs++;
          this.host.recovered();
        }
        if (Date.now() - this.link.upSince >= this.config.presenceTtlMs) await this.reap();
      })
      .catch((err: unknown) => this.failed(`heartbeat: ${(err as Error).message}`))
      .finally(() => {
        this.beating = false;
      });
  }

  private async reap(): Promise<void> {
    const removed = await this.presence.reap();
    this.counters.reaped += removed;
    if (removed > 0) this.log.info({ removed }, 'members of instances gone silent left');
  }
}
