import type { ChatHistory, KeptChatEntry } from './ChatHistory.js';

interface Queued {
  readonly history: ChatHistory;
  readonly entry: KeptChatEntry;
}

/** Stale queue items tolerated beyond twice the kept ones before the queue is compacted. */
const COMPACT_SLACK = 1024;

/**
 * The byte budget of the chat kept by all rooms of one server (CHAT_HISTORY_BYTES_TOTAL). Every
 * kept message is queued here in the order it was added; when the total is over the budget the
 * oldest message anywhere goes, whichever room holds it. A flood in many rooms therefore pushes
 * out its own older messages first and cannot grow the server's memory, while an honest room's
 * recent chat stays until the whole server's chat has moved on past it.
 *
 * Messages that a room dropped by itself (its own limits, or the room closed) stay in the queue
 * as stale items until they reach its head or the queue is compacted.
 */
export class ChatBudget {
  private queue: Queued[] = [];
  private head = 0;
  private bytes = 0;
  private kept = 0;

  constructor(readonly maxBytes: number) {}

  /** Bytes of chat kept in all rooms. */
  get totalBytes(): number {
    return this.bytes;
  }

  /** Messages kept in all rooms. */
  get keptMessages(): number {
    return this.kept;
  }

  /** A room kept `entry`: count it, and make room by dropping the oldest messages anywhere. */
  added(history: ChatHistory, entry: KeptChatEntry): void {
    this.queue.push({ history, entry });
    this.bytes += entry.bytes;
    this.kept++;
    while (this.bytes > this.maxBytes && this.head < this.queue.length) {
      const oldest = this.queue[this.head++]!;
      // Still kept means it is its room's oldest: rooms keep their messages in the same order.
      if (!oldest.entry.dropped) oldest.history.dropOldest();
    }
    this.compact();
  }

  /** A room no longer keeps a message of `bytes` (trimmed, evicted here, or the room closed). */
  released(bytes: number): void {
    this.bytes -= bytes;
    this.kept--;
  }

  private compact(): void {
    const queued = this.queue.length - this.head;
    if (queued <= 2 * this.kept + COMPACT_SLACK) return;
    this.queue = this.queue.slice(this.head).filter((q) => !q.entry.dropped);
    this.head = 0;
  }
}
