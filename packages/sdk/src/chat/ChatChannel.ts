import { ErrorCode, MAX_CHAT_TEXT_LENGTH, type ServerMessageOf } from '@zvonok/protocol';
import { CallError, CallErrorCode } from '../errors.js';
import type { ChatEntry } from '../types.js';
import { randomId } from '../utils/ids.js';
import type { Logger } from '../utils/logger.js';
import { ChatLog } from './ChatLog.js';
import { ChatRetry } from './ChatRetry.js';
import { HistoryPages } from './HistoryPages.js';

/** Options of `new ChatChannel(...)`. */
export interface ChatChannelOptions {
  /** Sends a chat message to the room now (not queued: a reconnect resends what is pending). */
  send: (message: { type: 'chat'; text: string; id: string }) => void;
  /** First wait before a message the server could not keep is sent again. */
  retryMs: number;
  logger: Logger;
  /** The entries changed. */
  onChanged: (entries: readonly ChatEntry[]) => void;
  /** Something the person should hear about (sending too fast). */
  onError: (error: CallError) => void;
}

/**
 * A call's chat: sending (own messages show at once as pending, then sent on the server's ack),
 * receiving and history pages into one {@link ChatLog}, and resending what the server could not
 * keep for now ({@link ChatRetry}) or what a reconnect interrupted, always with the same ids so
 * the server keeps each message once.
 */
export class ChatChannel {
  readonly #log: Logger;
  readonly #send: ChatChannelOptions['send'];
  readonly #onChanged: ChatChannelOptions['onChanged'];
  readonly #onError: ChatChannelOptions['onError'];
  readonly #entries = new ChatLog();
  /** Pages of a `chat-history` that has more to come. */
  readonly #historyPages = new HistoryPages();
  /** Own chat the server could not keep for now goes out again from here. */
  readonly #retry: ChatRetry;
  /** The person was told that chat goes too fast; told again only after everything went out. */
  #rateTold = false;

  constructor(options: ChatChannelOptions) {
    this.#log = options.logger;
    this.#send = options.send;
    this.#onChanged = options.onChanged;
    this.#onError = options.onError;
    this.#retry = new ChatRetry(() => this.#resendPending(), options.retryMs);
  }

  /** Messages in order: acked and received ones by room order, then own pending ones. */
  get entries(): readonly ChatEntry[] {
    return this.#entries.entries;
  }

  /** The room order of the last message known, for a rejoin to ask only for newer ones. */
  get maxSeq(): number | undefined {
    return this.#entries.maxSeq;
  }

  /**
   * Send a message: it appears at once as pending. Throws CallError InvalidInput for empty or
   * too long text.
   */
  send(text: string, from: string, name: string | undefined): void {
    if (text.trim().length === 0 || text.length > MAX_CHAT_TEXT_LENGTH) {
      throw new CallError(
        CallErrorCode.InvalidInput,
        `chat text must be 1-${MAX_CHAT_TEXT_LENGTH} characters`,
      );
    }
    const id = randomId();
    this.#entries.addPending({
      id,
      from,
      ...(name !== undefined && { name }),
      text,
      ts: Date.now(),
    });
    this.#changed();
    this.#send({ type: 'chat', text, id });
  }

  /** Joined (or rejoined) as `id`: own messages are told apart by it; history starts over. */
  joined(id: string): void {
    this.#historyPages.reset();
    this.#entries.setOwnId(id);
  }

  /** Back after a reconnect: what is still pending goes out now, with the same ids. */
  resumed(): void {
    this.#retry.cancel();
    this.#resendPending();
  }

  /** Someone's message. */
  receive(m: ServerMessageOf<'chat'>): void {
    if (this.#entries.receive(m)) this.#changed();
  }

  /** The server kept one of ours. */
  ack(m: ServerMessageOf<'chat-ack'>): void {
    if (this.#entries.ack(m)) this.#changed();
    if (this.#entries.pending.length === 0) {
      this.#retry.reset();
      this.#rateTold = false;
    }
  }

  /** A page of the room's earlier messages. */
  history(m: ServerMessageOf<'chat-history'>): void {
    const history = this.#historyPages.add(m);
    if (history && this.#entries.receiveHistory(history)) this.#changed();
  }

  /**
   * A server error: handles the ones about chat that pass by themselves (the message stays
   * pending and goes out again). Returns whether it was one of those.
   */
  refused(m: ServerMessageOf<'error'>): boolean {
    if (m.ref !== 'chat') return false;
    if (m.code === ErrorCode.Internal || m.code === ErrorCode.RateLimited) {
      // Passing: the message stays pending on screen and goes out again by itself.
      this.#log.warn(`chat not kept yet (${m.code}): sending it again shortly`);
      this.#retry.schedule();
      return true;
    }
    if (m.code === ErrorCode.ChatRateLimited) {
      // Also passing, but the person sent too fast: say so (once per burst), and resend later.
      this.#retry.schedule();
      if (!this.#rateTold) {
        this.#rateTold = true;
        this.#onError(new CallError(CallErrorCode.ChatRateLimited, m.message, { cause: m }));
      }
      return true;
    }
    return false;
  }

  /** Leaving: no resend waits any more. */
  stop(): void {
    this.#retry.cancel();
  }

  /** Own pending chat, sent again with the same ids (the server keeps each id once). */
  #resendPending(): void {
    for (const entry of this.#entries.pending) {
      this.#send({ type: 'chat', text: entry.text, id: entry.id });
    }
  }

  #changed(): void {
    this.#onChanged(this.#entries.entries);
  }
}
