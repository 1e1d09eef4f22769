import { CallError, CallErrorCode, CallEvent, type Call, type ChatEntry } from '@zvonok/sdk';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { describeInCallMedia } from './mediaProblemInCall';
import { hintDue, MUTED_HINT_PAUSE_MS, MUTED_SPEECH_MS } from './mutedSpeech';
import { MAX_TOASTS, preview, PREVIEW_CHARS, TOAST_MS, ToastController } from './ToastController';

/** Just enough of a Call for the toasts: its chat and a typed `on`. */
class FakeCall {
  chat: ChatEntry[] = [];
  listeners = new Map<string, Set<(arg: unknown) => void>>();
  on(event: string, listener: (arg: unknown) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener);
    this.listeners.set(event, set);
    return () => set.delete(listener);
  }
  emit(event: CallEvent, arg: unknown): void {
    for (const l of this.listeners.get(event) ?? []) l(arg);
  }
  say(id: string, from: string, text: string, mine = false): void {
    this.chat = [...this.chat, { id, from, name: from, text, ts: 0, mine, status: 'sent' }];
    this.emit(CallEvent.ChatChanged, this.chat);
  }
}

describe('ToastController', () => {
  let call: FakeCall;
  let chatOpen: boolean;
  let chimes: string[];
  let toasts: ToastController;
  let off: () => void;
  beforeEach(() => {
    vi.useFakeTimers();
    call = new FakeCall();
    call.say('old', 'Bob', 'before I came');
    chatOpen = false;
    chimes = [];
    toasts = new ToastController(call as unknown as Call, {
      chatOpen: () => chatOpen,
      guest: () => 'Guest',
      chime: (c) => chimes.push(c),
    });
    off = toasts.connect();
  });
  afterEach(() => {
    off();
    vi.useRealTimers();
  });

  it('shows joins and leaves with a chime each, for a few seconds', () => {
    call.emit(CallEvent.ParticipantJoined, { id: 'b', name: 'Bob' });
    call.emit(CallEvent.ParticipantLeft, { id: 'c' });
    expect(toasts.toasts.value.map((t) => [t.kind, t.name])).toEqual([
      ['joined', 'Bob'],
      ['left', 'Guest'],
    ]);
    expect(chimes).toEqual(['joined', 'left']);
    vi.advanceTimersByTime(TOAST_MS);
    expect(toasts.toasts.value).toEqual([]);
  });

  it('keeps at most a few, dropping the oldest', () => {
    for (let i = 0; i < MAX_TOASTS + 2; i++) {
      call.emit(CallEvent.ParticipantJoined, { id: `p${i}`, name: `P${i}` });
    }
    expect(toasts.toasts.value.map((t) => t.name)).toEqual(['P2', 'P3', 'P4']);
  });

  it('previews a new message from someone else while the chat is closed; one at a time', () => {
    call.say('1', 'Me', 'mine', true);
    expect(toasts.toasts.value).toEqual([]);
    call.say('2', 'Bob', 'hello');
    call.say('3', 'Cy', 'and me');
    expect(toasts.toasts.value).toMatchObject([{ kind: 'chat', name: 'Cy', text: 'and me' }]);
    toasts.chatOpened();
    expect(toasts.toasts.value).toEqual([]);
    chatOpen = true;
    call.say('4', 'Bob', 'seen in the open chat');
    expect(toasts.toasts.value).toEqual([]);
    expect(chimes).toEqual([]);
  });

  it('shortens a long message on a character boundary', () => {
    const long = '😀'.repeat(PREVIEW_CHARS + 5);
    expect([...preview(long)]).toHaveLength(PREVIEW_CHARS);
    expect(preview(long).endsWith('…')).toBe(true);
    expect(preview(' a \n b ')).toBe('a b');
  });
});

describe('hintDue', () => {
  it('wants speech that lasts, and a pause since the last hint', () => {
    expect(hintDue(1000, null, -Infinity)).toBe(false);
    expect(hintDue(1000, 1000 - MUTED_SPEECH_MS + 1, -Infinity)).toBe(false);
    expect(hintDue(1000, 1000 - MUTED_SPEECH_MS, -Infinity)).toBe(true);
    expect(hintDue(50_000, 40_000, 50_000 - MUTED_HINT_PAUSE_MS + 1)).toBe(false);
    expect(hintDue(50_000, 40_000, 50_000 - MUTED_HINT_PAUSE_MS)).toBe(true);
  });
});

describe('describeInCallMedia', () => {
  it('says why the camera or microphone did not turn on', () => {
    const err = (code: CallErrorCode) => new CallError(code, 'x');
    expect(describeInCallMedia('video', err(CallErrorCode.MediaPermissionDenied)).title).toBe(
      'cameraBlockedTitle',
    );
    expect(describeInCallMedia('video', err(CallErrorCode.MediaDeviceBusy)).title).toBe(
      'cameraBusyTitle',
    );
    expect(describeInCallMedia('audio', err(CallErrorCode.MediaNotFound)).title).toBe('noMicTitle');
    expect(describeInCallMedia('audio', new Error('?')).title).toBe('micFailedTitle');
  });
});
