import type { ChatMessage } from '@zvonok/protocol';
import type { ChatBudget } from './ChatBudget.js';

/** A kept chat message with its wire form, serialized once and reused for every recipient. */
export interface ChatEntry {
  readonly message: ChatMessage;
  /** `JSON.stringify(message)`. */
  readonly json: string;
}

/** A kept message with what it costs. */
export interface KeptChatEntry extends ChatEntry {
  /** UTF-8 bytes of `json`: the message as stored (control characters escaped, 6 bytes each). */
  readonly bytes: number;
  /** Set once the history no longer keeps it. */
  dropped: boolean;
}

/** How much chat a room keeps. */
export interface ChatLimits {
  /** Messages. */
  readonly count: number;
  /** Bytes of JSON (as stored); the newest message is kept even if it alone is larger. */
  readonly bytes: number;
  /** The server-wide byte budget this room's chat also counts against. */
  readonly budget?: ChatBudget;
}

/**
 * The last chat messages of a room (at most `count`, at most `bytes` as stored) of a room, numbered by a room sequence, with a lookup by
 * (sender, client id) so that a message resent after a reconnect is recognised, not doubled.
 *
 * Numbers are contiguous from `base + 1`. A room numbers from its creation time in ms, so a
 * room re-created after a restart (or after it emptied) never hands out numbers it gave before:
 * clients that kept chat from its earlier life still order new messages after the old ones, and
 * their `chatSince` (from that life) is below every new number, so they get everything kept.
 */
export class ChatHistory {
  private entries: KeptChatEntry[] = [];
  private readonly byKey = new Map<string, ChatEntry>();
  private seq: number;
  private bytes = 0;
  private readonly limits: ChatLimits;

  /**
   * @param limits - how much to keep (a number: that many messages, bytes unbounded)
   * @param base - the number before the first message (the room's creation time in ms)
   */
  constructor(limits: ChatLimits | number, base = 0) {
    this.limits = typeof limits === 'number' ? { count: limits, bytes: Infinity } : limits;
    this.seq = base;
  }

  /** Bytes kept (JSON, as stored). */
  get keptBytes(): number {
    return this.bytes;
  }

  /** The `seq` of the newest message (`base` when none was ever added). */
  get lastSeq(): number {
    return this.seq;
  }

  /** Number of kept messages. */
  get size(): number {
    return this.entries.length;
  }

  /** The kept message that `from` sent with client id `id`, if it is still in the history. */
  find(from: string, id: string): ChatEntry | undefined {
    return this.byKey.get(key(from, id));
  }

  /** Numbers, keeps and returns a new message; the oldest are forgotten beyond the limits. */
  add(message: Omit<ChatMessage, 'seq'>): ChatEntry {
    const full: ChatMessage = { ...message, seq: ++this.seq };
    const json = JSON.stringify(full);
    const entry: KeptChatEntry = {
      message: full,
      json,
      bytes: Buffer.byteLength(json),
      dropped: false,
    };
    this.entries.push(entry);
    this.bytes += entry.bytes;
    this.byKey.set(key(full.from, full.id), entry);
    const { count, bytes } = this.limits;
    while (this.entries.length > 1 && (this.entries.length > count || this.bytes > bytes)) {
      this.dropOldest();
    }
    this.limits.budget?.added(this, entry);
    return entry;
  }

  /** Forgets the oldest kept message (the room's limits, or the server-wide budget). */
  dropOldest(): void {
    const old = this.entries.shift();
    if (old === undefined) return;
    this.release(old);
  }

  /** Forgets everything kept (the room closed). */
  clear(): void {
    for (const entry of this.entries) this.release(entry);
    this.entries = [];
  }

  /**
   * Messages after `since`, oldest first; all kept ones when `since` is undefined. A `since`
   * from an earlier life of the room (it was empty and deleted, or the server restarted) is below
   * `base`, so everything kept is returned; one beyond the newest seq (a clock that went back)
   * is stale too and gets everything as well.
   */
  since(since?: number): readonly ChatEntry[] {
    if (since === undefined || since > this.seq) return this.entries;
    // Sequence numbers are contiguous, so the position is arithmetic, not a search.
    const first = this.entries[0];
    if (first === undefined) return this.entries;
    const start = Math.max(0, since - (first.message.seq ?? 0) + 1);
    return this.entries.slice(start);
  }

  private release(old: KeptChatEntry): void {
    old.dropped = true;
    this.bytes -= old.bytes;
    const oldKey = key(old.message.from, old.message.id);
    // A later message may have reused the key only if it is the same one; guard anyway.
    if (this.byKey.get(oldKey) === old) this.byKey.delete(oldKey);
    this.limits.budget?.released(old.bytes);
  }
}

function key(from: string, id: string): string {
  return `${from}\n${id}`;
}
