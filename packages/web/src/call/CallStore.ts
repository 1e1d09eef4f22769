/**
 * The bridge from a Call's events to signals the call view reads. `connect()` takes the current
 * snapshot (events before it were missed on purpose: join already resolved) and subscribes;
 * it returns the unsubscribe, for a `useEffect` cleanup.
 */
import { batch, signal } from '@preact/signals';
import {
  CallErrorCode,
  CallEvent,
  CallState,
  type Call,
  type CallError,
  type ChatEntry,
  type Participant,
} from '@zvonok/sdk';
import { t } from '../i18n/i18n';

/** A non-fatal problem shown as a dismissable notice. */
export interface CallNotice {
  readonly id: number;
  readonly error: CallError;
}

/** Errors that can end a Call; the reconnecting banner covers them while it is not over. */
const FATAL_CODES: ReadonlySet<CallErrorCode> = new Set([
  CallErrorCode.Replaced,
  CallErrorCode.ServerUnreachable,
]);

/** Signals over one Call. */
export class CallStore {
  readonly state = signal<CallState>(CallState.Idle);
  /** Remote participants in the order they came. */
  readonly participants = signal<readonly Participant[]>([]);
  readonly chat = signal<readonly ChatEntry[]>([]);
  /** Messages from others that arrived while the chat was closed. */
  readonly unread = signal(0);
  readonly notices = signal<readonly CallNotice[]>([]);
  /**
   * The last error that can end a Call (another tab took over, the server is gone). The call is
   * over when `state` is Disconnected; this says why.
   */
  readonly endReason = signal<CallError | null>(null);
  /**
   * Who has the floor (a participant's id or the own id; see `Call.activeSpeaker`): the tile
   * shown highlighted.
   */
  readonly activeSpeaker = signal<string | undefined>(undefined);
  /** Who is speaking now, the own id included (see `Call.speaking`). */
  readonly speaking = signal<ReadonlySet<string>>(new Set());
  /** Text for the polite live region: joins, leaves, messages while the chat is closed. */
  readonly announcement = signal('');

  #chatOpen = false;
  #seen = new Set<string>();
  #noticeId = 0;

  constructor(readonly call: Call) {}

  /** Takes the current state and subscribes to changes. Returns the unsubscribe. */
  connect(): () => void {
    const call = this.call;
    batch(() => {
      this.state.value = call.state;
      this.participants.value = [...call.participants.values()];
      this.#setChat(call.chat, false);
      this.activeSpeaker.value = call.activeSpeaker;
      this.speaking.value = call.speaking;
    });
    const offs = [
      call.on(CallEvent.StateChanged, (state) => {
        this.state.value = state;
      }),
      call.on(CallEvent.ParticipantJoined, (p) => {
        this.#syncParticipants();
        this.#announce(t('joinedAnnouncement', { name: p.name ?? t('guest') }));
      }),
      call.on(CallEvent.ParticipantUpdated, () => this.#syncParticipants()),
      call.on(CallEvent.ParticipantLeft, (p) => {
        this.#syncParticipants(p.id);
        this.#announce(t('leftAnnouncement', { name: p.name ?? t('guest') }));
      }),
      call.on(CallEvent.ChatChanged, (chat) => this.#setChat(chat, true)),
      call.on(CallEvent.Error, (error) => this.#onError(error)),
      call.on(CallEvent.ActiveSpeakerChanged, (id) => {
        this.activeSpeaker.value = id;
      }),
      call.on(CallEvent.SpeakingChanged, (ids) => {
        this.speaking.value = ids;
      }),
    ];
    return () => offs.forEach((off) => off());
  }

  /** The chat panel opened or closed; opening marks everything read. */
  setChatOpen(open: boolean): void {
    this.#chatOpen = open;
    if (open) this.unread.value = 0;
  }

  /** Shows a problem that happened on the app's side of the SDK (e.g. a refused send). */
  report(error: CallError): void {
    this.#onError(error);
  }

  /** Removes a notice (the person dismissed it). */
  dismiss(id: number): void {
    this.notices.value = this.notices.value.filter((n) => n.id !== id);
  }

  #syncParticipants(goneId?: string): void {
    this.participants.value = [...this.call.participants.values()].filter((p) => p.id !== goneId);
  }

  #setChat(chat: readonly ChatEntry[], announce: boolean): void {
    let fresh = 0;
    let last: ChatEntry | undefined;
    for (const entry of chat) {
      const key = `${entry.from}\u0000${entry.id}`;
      if (this.#seen.has(key)) continue;
      this.#seen.add(key);
      if (!entry.mine) {
        fresh++;
        last = entry;
      }
    }
    batch(() => {
      this.chat.value = chat;
      if (!this.#chatOpen) this.unread.value += fresh;
      // The open chat is a role="log" and announces itself.
      if (announce && last && !this.#chatOpen) {
        this.#announce(
          t('newMessageAnnouncement', { name: last.name ?? t('guest'), text: last.text }),
        );
      }
    });
  }

  #onError(error: CallError): void {
    if (FATAL_CODES.has(error.code)) {
      this.endReason.value = error;
      return;
    }
    // A peer that cannot be reached is shown on its tile, not as a notice.
    if (error.code === CallErrorCode.PeerUnreachable) return;
    this.notices.value = [...this.notices.value, { id: ++this.#noticeId, error }].slice(-3);
  }

  #announce(text: string): void {
    // The same text twice in a row would not be re-read; a trailing space makes it new.
    this.announcement.value = this.announcement.value === text ? `${text} ` : text;
  }
}
