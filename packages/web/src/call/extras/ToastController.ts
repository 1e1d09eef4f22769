/**
 * The call's toasts: "Ann joined", "Ann left" and, while the chat is closed, a preview of a new
 * message. Plain TypeScript over the Call's events with signals (unit-tested with a fake Call).
 * The words are not announced from here: the call view's live region already says each of
 * these once, so a screen reader hears every event once.
 */
import { signal } from '@preact/signals';
import { CallEvent, type Call, type ChatEntry } from '@zvonok/sdk';
import type { Chime } from './sounds';

/** What a toast says. */
export type ToastBody =
  | { readonly kind: 'joined' | 'left'; readonly name: string }
  | { readonly kind: 'chat'; readonly name: string; readonly text: string };

/** One toast. */
export type Toast = ToastBody & { readonly id: number };

/** Toasts shown at once; an older one makes room for a new one. */
export const MAX_TOASTS = 3;
/** How long a toast stays. */
export const TOAST_MS = 5000;
/** Longest preview of a message, in characters (the chat has the rest). */
export const PREVIEW_CHARS = 80;

/** What the controller needs from the page. */
export interface ToastHost {
  /** Whether the chat panel is open now (then messages need no toast). */
  chatOpen(): boolean;
  /** The name for someone without one ("Guest"). */
  guest(): string;
  /** Plays a chime (the sounds module; it checks the setting). */
  chime(chime: Chime): void;
}

/** Shortens a message for its toast, on a character boundary. */
export function preview(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= PREVIEW_CHARS
    ? chars.join('')
    : `${chars.slice(0, PREVIEW_CHARS - 1).join('')}…`;
}

/** The toasts of one call view. */
export class ToastController {
  /** The toasts shown now, oldest first. */
  readonly toasts = signal<readonly Toast[]>([]);

  #nextId = 0;
  readonly #timers = new Map<number, ReturnType<typeof setTimeout>>();
  readonly #seen = new Set<string>();

  constructor(
    readonly call: Call,
    readonly host: ToastHost,
  ) {}

  /** Follows the call. Messages already in the chat are not shown. Returns the unsubscribe. */
  connect(): () => void {
    for (const entry of this.call.chat) this.#seen.add(key(entry));
    const offs = [
      this.call.on(CallEvent.ParticipantJoined, (p) => {
        this.#push({ kind: 'joined', name: p.name ?? this.host.guest() });
        this.host.chime('joined');
      }),
      this.call.on(CallEvent.ParticipantLeft, (p) => {
        this.#push({ kind: 'left', name: p.name ?? this.host.guest() });
        this.host.chime('left');
      }),
      this.call.on(CallEvent.ChatChanged, (chat) => this.#onChat(chat)),
    ];
    return () => {
      offs.forEach((off) => off());
      for (const timer of this.#timers.values()) clearTimeout(timer);
      this.#timers.clear();
    };
  }

  /** Removes a toast (it was clicked, or its time is up). */
  dismiss(id: number): void {
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
    this.toasts.value = this.toasts.value.filter((t) => t.id !== id);
  }

  /** The chat opened: its message toasts have nothing more to say. */
  chatOpened(): void {
    for (const toast of this.toasts.value) if (toast.kind === 'chat') this.dismiss(toast.id);
  }

  #onChat(chat: readonly ChatEntry[]): void {
    let last: ChatEntry | undefined;
    for (const entry of chat) {
      const k = key(entry);
      if (this.#seen.has(k)) continue;
      this.#seen.add(k);
      if (!entry.mine) last = entry;
    }
    if (!last || this.host.chatOpen()) return;
    // One toast for the latest message: a burst does not stack up a wall of toasts.
    for (const toast of this.toasts.value) if (toast.kind === 'chat') this.dismiss(toast.id);
    this.#push({ kind: 'chat', name: last.name ?? this.host.guest(), text: preview(last.text) });
  }

  #push(toast: ToastBody): void {
    const id = ++this.#nextId;
    const all: Toast[] = [...this.toasts.value, { ...toast, id }];
    for (const old of all.slice(0, Math.max(0, all.length - MAX_TOASTS))) {
      clearTimeout(this.#timers.get(old.id));
      this.#timers.delete(old.id);
    }
    this.toasts.value = all.slice(-MAX_TOASTS);
    this.#timers.set(
      id,
      setTimeout(() => this.dismiss(id), TOAST_MS),
    );
  }
}

function key(entry: ChatEntry): string {
  return `${entry.from}\u0000${entry.id}`;
}
