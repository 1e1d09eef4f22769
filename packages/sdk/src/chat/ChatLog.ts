import type { ServerMessageOf } from '@zvonok/protocol';
import type { ChatEntry } from '../types.js';

type ChatMessage = ServerMessageOf<'chat'>;

interface Item {
  entry: ChatEntry;
  /** Room order: the server's seq; messages without one go after what was there. */
  order: number;
}

/**
 * Messages a call keeps in memory (besides own ones still pending): a long call or a flood in
 * the room never grows the page without bound. Five times what the server keeps for late
 * joiners, so nobody loses what a newcomer would still get.
 */
export const CHAT_KEPT_MESSAGES = 500;

/**
 * The chat of a call: own messages pending until acked, others' messages, and history, merged
 * without duplicates (a message is identified by sender and sender-made id) and ordered by the
 * server's `seq`, pending ones last in the order they were typed. At most `limit` sent messages
 * are kept: beyond it the oldest go.
 */
export class ChatLog {
  /** Acked and received messages, by room order. */
  #items: Item[] = [];
  /** Own messages not acked yet, in the order they were typed. */
  #pending: ChatEntry[] = [];
  readonly #keys = new Set<string>();
  #maxSeq: number | undefined;
  #snapshot: readonly ChatEntry[] = [];
  /** Every peer id this person has had (a rejoin without resume gives a new one). */
  readonly #ownIds = new Set<string>();

  readonly #limit: number;

  constructor(limit: number = CHAT_KEPT_MESSAGES) {
    this.#limit = limit;
  }

  /** All messages in order (a new array after every change). */
  get entries(): readonly ChatEntry[] {
    return this.#snapshot;
  }

  /** The highest `seq` seen: send it as `chatSince` to get only what was missed. */
  get maxSeq(): number | undefined {
    return this.#maxSeq;
  }

  /** Own messages waiting for an ack, oldest first. */
  get pending(): readonly ChatEntry[] {
    return this.#pending;
  }

  /** Own peer id (call again after a rejoin with a new id). */
  setOwnId(id: string): void {
    this.#ownIds.add(id);
    // Pending entries show the current id as sender.
    this.#pending = this.#pending.map((e) => ({ ...e, from: id }));
    this.#rebuild();
  }

  /** Add an own message as pending. */
  addPending(entry: { id: string; from: string; name?: string; text: string; ts: number }): void {
    this.#pending.push({ ...entry, mine: true, status: 'pending' });
    this.#rebuild();
  }

  /** The server accepted one of ours. Returns whether anything changed. */
  ack(ack: ServerMessageOf<'chat-ack'>): boolean {
    const index = this.#pending.findIndex((e) => e.id === ack.id);
    if (index < 0) return false;
    const [entry] = this.#pending.splice(index, 1) as [ChatEntry];
    this.#insert({ ...entry, ts: ack.ts, status: 'sent' }, ack.seq);
    this.#rebuild();
    return true;
  }

  /** A message from someone (live or history). Returns whether it was new. */
  receive(message: ChatMessage): boolean {
    const added = this.#receive(message);
    if (added) this.#rebuild();
    return added;
  }

  /** History (oldest first). Returns whether anything was new. */
  receiveHistory(messages: readonly ChatMessage[]): boolean {
    let added = false;
    for (const m of messages) added = this.#receive(m) || added;
    if (added) this.#rebuild();
    return added;
  }

  #receive(m: ChatMessage): boolean {
    const mine = this.#ownIds.has(m.from);
    if (mine) {
      // Our own message came back in history: it was accepted even if the ack was lost.
      const index = this.#pending.findIndex((e) => e.id === m.id);
      if (index >= 0) this.#pending.splice(index, 1);
    }
    const key = keyOf(m.from, m.id);
    if (this.#keys.has(key)) return false;
    return this.#insert(
      {
        id: m.id,
        from: m.from,
        ...(m.name !== undefined && { name: m.name }),
        text: m.text,
        ts: m.ts,
        mine,
        status: 'sent',
      },
      m.seq,
    );
  }

  /** Inserts in room order; whether the entry is kept (an old one beyond the limit is not). */
  #insert(entry: ChatEntry, seq: number | undefined): boolean {
    const key = keyOf(entry.from, entry.id);
    if (this.#keys.has(key)) return false;
    this.#keys.add(key);
    if (seq !== undefined) this.#maxSeq = Math.max(this.#maxSeq ?? seq, seq);
    const last = this.#items.at(-1)?.order ?? 0;
    // A seed server gives no seq: keep arrival order after everything known.
    const order = seq ?? last + 1e-6;
    let i = this.#items.length;
    while (i > 0 && (this.#items[i - 1] as Item).order > order) i--;
    this.#items.splice(i, 0, { entry, order });
    if (this.#items.length > this.#limit) {
      // The oldest go, keys and all: a copy of one arriving again goes straight back out.
      for (const old of this.#items.splice(0, this.#items.length - this.#limit)) {
        this.#keys.delete(keyOf(old.entry.from, old.entry.id));
      }
    }
    return this.#keys.has(key);
  }

  #rebuild(): void {
    this.#snapshot = [...this.#items.map((i) => i.entry), ...this.#pending];
  }
}

function keyOf(from: string, id: string): string {
  return `${from}\u0000${id}`;
}
