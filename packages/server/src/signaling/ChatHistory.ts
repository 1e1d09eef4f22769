import type { ChatMessage } from '@zvonok/protocol';

/** A kept chat message with its wire form, serialized once and reused for every recipient. */
export interface ChatEntry {
  readonly message: ChatMessage;
  /** `JSON.stringify(message)`. */
  readonly json: string;
}

/**
 * The last `limit` chat messages of a room, numbered by a room sequence, with a lookup by
 * (sender, client id) so that a message resent after a reconnect is recognised, not doubled.
 *
 * Numbers are contiguous from `base + 1`. A room numbers from its creation time in ms, so a
 * room re-created after a restart (or after it emptied) never hands out numbers it gave before:
 * clients that kept chat from its earlier life still order new messages after the old ones, and
 * their `chatSince` (from that life) is below every new number, so they get everything kept.
 */
export class ChatHistory {
  private readonly entries: ChatEntry[] = [];
  private readonly byKey = new Map<string, ChatEntry>();
  private seq: number;

  /** `base`: the number before the first message (the room's creation time in ms). */
  constructor(
    private readonly limit: number,
    base = 0,
  ) {
    this.seq = base;
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

  /** Numbers, keeps and returns a new message; the oldest is forgotten beyond the limit. */
  add(message: Omit<ChatMessage, 'seq'>): ChatEntry {
    const full: ChatMessage = { ...message, seq: ++this.seq };
    const entry: ChatEntry = { message: full, json: JSON.stringify(full) };
    this.entries.push(entry);
    this.byKey.set(key(full.from, full.id), entry);
    if (this.entries.length > this.limit) {
      const old = this.entries.shift()!;
      const oldKey = key(old.message.from, old.message.id);
      // A later message may have reused the key only if it is the same one; guard anyway.
      if (this.byKey.get(oldKey) === old) this.byKey.delete(oldKey);
    }
    return entry;
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
}

function key(from: string, id: string): string {
  return `${from}\n${id}`;
}
