import type { ServerMessageOf } from '@zvonok/protocol';

type ChatMessage = ServerMessageOf<'chat'>;

/**
 * Puts a paged `chat-history` back together: the server sends history larger than one page as
 * several frames, each but the last marked `more`. The history is taken as a whole once the last
 * page arrived, so a person never sees half of it, and a page of a welcome that a reconnect cut
 * short is not mixed into the next one.
 */
export class HistoryPages {
  #pages: ChatMessage[] = [];

  /** Take one page; returns the whole history when this was its last page, else undefined. */
  add(page: ServerMessageOf<'chat-history'>): readonly ChatMessage[] | undefined {
    this.#pages.push(...page.messages);
    if (page.more === true) return undefined;
    const whole = this.#pages;
    this.#pages = [];
    return whole;
  }

  /** Forget a partial history (a new welcome begins). */
  reset(): void {
    this.#pages = [];
  }
}
