/**
 * The replies of the backplane's Lua scripts (scripts.ts), typed and decoded in one place. A Lua
 * table comes back from Redis as an array, a Lua string as a string and a Lua number as an
 * integer; each decoder checks the shape it reads instead of casting positions, so a script and
 * its reader that drift apart fail loudly (a rejected command) instead of handing on undefined.
 */

/** A script's reply as the Redis client returns it. */
export type ScriptReply = string | number | null | ScriptReply[];

/** A script replied with something its decoder does not recognise. */
export class ScriptReplyError extends Error {
  override readonly name = 'ScriptReplyError';
}

/** The join script's reply (see JOIN in scripts.ts). */
export type JoinReply =
  /** A seat `id` held (resume): the seat's owner and PeerInfo JSON, the snapshot and history. */
  | { kind: 'seat'; owner: string; info: string; ev: number; members: string[]; chat: string[] }
  /** The room's password record differs from the one the caller verified: check this one. */
  | { kind: 'pw'; record: string }
  /** The room is at capacity. */
  | { kind: 'full' }
  /** Another member has this id. */
  | { kind: 'taken' }
  /** The claim could only take back a seat, and there is none. */
  | { kind: 'noseat' }
  /** Joined: the snapshot (event number, `id -> instance|info` pairs), history, password record. */
  | { kind: 'ok'; ev: number; members: string[]; chat: string[]; record: string };

/** The chat script's reply: the kept message, and whether it is new or an earlier copy. */
export interface ChatReply {
  fresh: boolean;
  json: string;
}

/** The resync script's reply: the snapshot, and the seats that moved to another instance. */
export interface ResyncReply {
  ev: number;
  members: string[];
  lost: string[];
}

/** Decodes the join script's reply. */
export function decodeJoin(reply: ScriptReply): JoinReply {
  const r = new Reader('join', reply);
  const kind = r.text(0);
  switch (kind) {
    case 'seat':
      return {
        kind,
        owner: r.text(1),
        info: r.text(2),
        ev: r.count(3),
        members: r.texts(4),
        chat: r.texts(5),
      };
    case 'pw':
      return { kind, record: r.text(1) };
    case 'full':
    case 'taken':
    case 'noseat':
      return { kind };
    case 'ok':
      return { kind, ev: r.count(1), members: r.texts(2), chat: r.texts(3), record: r.text(4) };
    default:
      throw new ScriptReplyError(`join replied with an unknown kind "${kind}"`);
  }
}

/** Decodes the leave script's reply: whether it removed the member. */
export function decodeLeave(reply: ScriptReply): boolean {
  return reply === 1;
}

/** Decodes the chat script's reply. */
export function decodeChat(reply: ScriptReply): ChatReply {
  const r = new Reader('chat', reply);
  const kind = r.text(0);
  if (kind !== 'new' && kind !== 'dup') {
    throw new ScriptReplyError(`chat replied with an unknown kind "${kind}"`);
  }
  return { fresh: kind === 'new', json: r.text(1) };
}

/** Decodes the resync script's reply. */
export function decodeResync(reply: ScriptReply): ResyncReply {
  const r = new Reader('resync', reply);
  return { ev: r.count(0), members: r.texts(1), lost: r.texts(2) };
}

/** Reads the items of one array reply, checking each item's type. */
class Reader {
  private readonly items: readonly ScriptReply[];

  constructor(
    private readonly script: string,
    reply: ScriptReply,
  ) {
    if (!Array.isArray(reply)) throw this.error('is not a list');
    this.items = reply;
  }

  text(i: number): string {
    const item = this.items[i];
    if (typeof item !== 'string') throw this.error(`item ${i} is not a string`);
    return item;
  }

  /** An event number: the scripts send it as a decimal string (Lua numbers lose precision). */
  count(i: number): number {
    const item = this.items[i];
    const n = typeof item === 'number' ? item : typeof item === 'string' ? Number(item) : NaN;
    if (!Number.isSafeInteger(n) || n < 0) throw this.error(`item ${i} is not a count`);
    return n;
  }

  texts(i: number): string[] {
    const item = this.items[i];
    if (!Array.isArray(item) || !item.every((x): x is string => typeof x === 'string')) {
      throw this.error(`item ${i} is not a list of strings`);
    }
    return item;
  }

  private error(what: string): ScriptReplyError {
    return new ScriptReplyError(`${this.script} reply ${what}`);
  }
}
