import {
  CallError,
  CallErrorCode,
  CallEvent,
  CallState,
  PeerLinkState,
  type Call,
  type CallEventCallbacks,
  type ChatEntry,
  type Participant,
} from '@zvonok/sdk';
import { beforeEach, describe, expect, it } from 'vitest';
import { locale } from '../i18n/i18n';
import { CallStore } from './CallStore';

/** Just enough of a Call: state, participants, chat and a typed `on`. */
class FakeCall {
  state = CallState.Connected;
  participants = new Map<string, Participant>();
  chat: ChatEntry[] = [];
  listeners = new Map<string, Set<(...args: unknown[]) => void>>();

  on<K extends keyof CallEventCallbacks>(event: K, listener: CallEventCallbacks[K]): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as (...args: unknown[]) => void);
    this.listeners.set(event, set);
    return () => set.delete(listener as (...args: unknown[]) => void);
  }

  emit<K extends keyof CallEventCallbacks>(event: K, ...args: Parameters<CallEventCallbacks[K]>) {
    for (const l of this.listeners.get(event) ?? []) l(...args);
  }

  listenerCount(): number {
    let n = 0;
    for (const s of this.listeners.values()) n += s.size;
    return n;
  }
}

const person = (id: string, name: string): Participant => ({
  id,
  name,
  mic: true,
  camera: true,
  screen: false,
  recording: false,
  hand: false,
  stream: {} as MediaStream,
  screenStream: {} as MediaStream,
  connectionState: 'connected',
  link: PeerLinkState.Connected,
});

const message = (id: string, from: string, text: string, mine = false): ChatEntry => ({
  id,
  from,
  name: from,
  text,
  ts: 0,
  mine,
  status: 'sent',
});

describe('CallStore', () => {
  let call: FakeCall;
  let store: CallStore;
  let off: () => void;

  beforeEach(() => {
    locale.value = 'en';
    call = new FakeCall();
    call.participants.set('a', person('a', 'Ann'));
    call.chat = [message('1', 'Ann', 'history')];
    store = new CallStore(call as unknown as Call);
    off = store.connect();
  });

  it('starts from the current snapshot, history counted as unread', () => {
    expect(store.state.value).toBe(CallState.Connected);
    expect(store.participants.value.map((p) => p.name)).toEqual(['Ann']);
    expect(store.unread.value).toBe(1);
  });

  it('follows joins and leaves and announces them', () => {
    call.participants.set('b', person('b', 'Bob'));
    call.emit(CallEvent.ParticipantJoined, person('b', 'Bob'));
    expect(store.participants.value.map((p) => p.id)).toEqual(['a', 'b']);
    expect(store.announcement.value).toBe('Bob joined');
    // The SDK may still list a leaver while emitting: the store drops it anyway.
    call.emit(CallEvent.ParticipantLeft, person('a', 'Ann'));
    expect(store.participants.value.map((p) => p.id)).toEqual(['b']);
    expect(store.announcement.value).toBe('Ann left');
  });

  it('counts messages from others while the chat is closed, not own ones or acks', () => {
    call.chat = [...call.chat, message('2', 'Ann', 'hi'), message('3', 'me', 'yo', true)];
    call.emit(CallEvent.ChatChanged, call.chat);
    expect(store.unread.value).toBe(2);
    // An ack re-emits the same messages: nothing new.
    call.emit(CallEvent.ChatChanged, [...call.chat]);
    expect(store.unread.value).toBe(2);
    store.setChatOpen(true);
    expect(store.unread.value).toBe(0);
    call.chat = [...call.chat, message('4', 'Ann', 'while open')];
    call.emit(CallEvent.ChatChanged, call.chat);
    expect(store.unread.value).toBe(0);
  });

  it('keeps call-ending errors as the end reason and others as notices', () => {
    call.emit(CallEvent.Error, new CallError(CallErrorCode.Replaced, 'x'));
    expect(store.endReason.value?.code).toBe(CallErrorCode.Replaced);
    call.emit(CallEvent.Error, new CallError(CallErrorCode.PeerUnreachable, 'x'));
    expect(store.notices.value).toHaveLength(0);
    call.emit(CallEvent.Error, new CallError(CallErrorCode.Protocol, 'x'));
    expect(store.notices.value.map((n) => n.error.code)).toEqual([CallErrorCode.Protocol]);
    store.dismiss(store.notices.value[0]!.id);
    expect(store.notices.value).toHaveLength(0);
  });

  it('removes every listener on disconnect', () => {
    expect(call.listenerCount()).toBeGreaterThan(0);
    off();
    expect(call.listenerCount()).toBe(0);
  });
});
