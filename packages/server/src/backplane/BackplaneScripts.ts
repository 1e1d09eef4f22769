import type { Redis } from 'ioredis';
import type { AttemptPolicy } from '../config.js';
import type { Keys } from './keys.js';
import {
  decodeChat,
  decodeJoin,
  decodeLeave,
  decodeResync,
  type ChatReply,
  type JoinReply,
  type ResyncReply,
  type ScriptReply,
} from './replies.js';
import { LEFT_REPLACED } from './envelope.js';
import { CHAT, FAIL_ATTEMPT, JOIN, LEAVE, RESYNC, STATE, TOUCH } from './scripts.js';

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

type ScriptArg = string | number;

/** The scripts as ioredis commands: `defineCommand` adds them to the client at run time. */
interface ScriptCommands {
  zvJoin(...args: ScriptArg[]): Promise<ScriptReply>;
  zvLeave(...args: ScriptArg[]): Promise<ScriptReply>;
  zvState(...args: ScriptArg[]): Promise<ScriptReply>;
  zvChat(...args: ScriptArg[]): Promise<ScriptReply>;
  zvResync(...args: ScriptArg[]): Promise<ScriptReply>;
  zvTouch(...args: ScriptArg[]): Promise<ScriptReply>;
  zvFailAttempt(...args: ScriptArg[]): Promise<ScriptReply>;
}

/**
 * The backplane's Lua scripts as typed calls: each takes named arguments, lays them out as its
 * script reads them (KEYS and ARGV, see scripts.ts) and answers with the decoded reply
 * (replies.ts). The one place that knows the scripts' positional conventions.
 */
export class BackplaneScripts {
  private readonly run: ScriptCommands;

  /**
   * @param redis - the command connection; the scripts are defined on it
   * @param instance - this instance's id, the owner of the seats it takes
   * @param roomTtlMs - lifetime of a room's keys, renewed by every room script
   */
  constructor(
    redis: Redis,
    private readonly keys: Keys,
    private readonly instance: string,
    private readonly roomTtlMs: number,
  ) {
    for (const [name, lua] of [
      ['zvJoin', JOIN],
      ['zvLeave', LEAVE],
      ['zvState', STATE],
      ['zvChat', CHAT],
      ['zvResync', RESYNC],
    ] as const) {
      // Every room script takes the room's four keys (Keys.room).
      redis.defineCommand(name, { lua, numberOfKeys: 4 });
    }
    // The keys of a heartbeat vary in number: the caller passes the count first.
    redis.defineCommand('zvTouch', { lua: TOUCH });
    redis.defineCommand('zvFailAttempt', { lua: FAIL_ATTEMPT, numberOfKeys: 1 });
    this.run = redis as Redis & ScriptCommands;
  }

  /** Takes a seat in `room`, or says why not. */
  async join(room: string, a: JoinArgs): Promise<JoinReply> {
    const reply = await this.run.zvJoin(
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
    );
    return decodeJoin(reply);
  }

  /** Removes `id` from the room if `owner` ('' for anyone) holds it; true when it did. */
  async leave(room: string, id: string, owner: string, replaced: boolean): Promise<boolean> {
    const reply = await this.run.zvLeave(
      ...this.roomArgs(room),
      id,
      owner,
      replaced ? LEFT_REPLACED : '',
    );
    return decodeLeave(reply);
  }

  /** Stores a member's new info and publishes its state change. */
  async state(room: string, id: string, info: string, stateJson: string): Promise<void> {
    await this.run.zvState(...this.roomArgs(room), id, this.instance, info, stateJson);
  }

  /** Numbers, keeps and publishes a chat message (or finds the kept one). */
  async chat(
    room: string,
    from: string,
    clientId: string,
    jsonWithoutBrace: string,
    limits: { count: number; bytes: number },
  ): Promise<ChatReply> {
    const reply = await this.run.zvChat(
      ...this.roomArgs(room),
      from,
      clientId,
      jsonWithoutBrace,
      limits.count,
      Date.now(),
      limits.bytes,
    );
    return decodeChat(reply);
  }

  /** Makes Redis hold exactly `members` (id, PeerInfo JSON) as this instance's seats in `room`. */
  async resync(
    room: string,
    password: string,
    knownEv: number,
    members: ReadonlyArray<readonly [string, string]>,
  ): Promise<ResyncReply> {
    const reply = await this.run.zvResync(
      ...this.roomArgs(room),
      this.instance,
      password,
      knownEv,
      ...members.flat(),
    );
    return decodeResync(reply);
  }

  /** Refreshes this instance's presence (for `presenceTtlMs`) and the keys of its rooms. */
  async touch(rooms: Iterable<string>, presenceTtlMs: number): Promise<void> {
    const keys = [this.keys.alive(this.instance)];
    for (const room of rooms) keys.push(...this.keys.room(room));
    await this.run.zvTouch(keys.length, ...keys, presenceTtlMs, this.roomTtlMs);
  }

  /** Counts one more wrong guess under `key`, by `policy` (atomically, for every instance). */
  async failAttempt(key: string, policy: AttemptPolicy, now: number): Promise<void> {
    await this.run.zvFailAttempt(
      key,
      now,
      policy.freeAttempts,
      policy.baseDelayMs,
      policy.maxDelayMs,
      policy.windowMs,
    );
  }

  /** KEYS (the room's four keys) and the first two ARGV (channel, key lifetime) of a room script. */
  private roomArgs(room: string): [string, string, string, string, string, number] {
    return [...this.keys.room(room), this.keys.roomChannel(room), this.roomTtlMs];
  }
}
