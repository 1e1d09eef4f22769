import {
  CallError,
  CallErrorCode,
  CallEvent,
  ScreenShareResult,
  type Call,
  type CallEventCallbacks,
  type Participant,
} from '@zvonok/sdk';
import { beforeEach, describe, expect, it } from 'vitest';
import { locale } from '../i18n/i18n';
import { OWN_SCREEN, ScreenShareController } from './ScreenShareController';

const stream = (id: string): MediaStream => ({ id }) as unknown as MediaStream;

/** Just enough of a Call for screen sharing: participants, own state and a typed `on`. */
class FakeCall {
  participants = new Map<string, Participant>();
  localState = { mic: true, camera: true, screen: false, recording: false, hand: false };
  screenStream: MediaStream | null = null;
  canShareScreen = true;
  /** What the next startScreenShare() does. */
  next: ScreenShareResult | CallError = ScreenShareResult.Started;
  listeners = new Map<string, Set<() => void>>();

  on<K extends keyof CallEventCallbacks>(event: K, listener: CallEventCallbacks[K]): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as () => void);
    this.listeners.set(event, set);
    return () => set.delete(listener as () => void);
  }

  emit(event: CallEvent): void {
    for (const l of this.listeners.get(event) ?? []) l();
  }

  startScreenShare(): Promise<ScreenShareResult> {
    const next = this.next;
    if (next instanceof CallError) return Promise.reject(next);
    if (next === ScreenShareResult.Started) {
      this.localState = { ...this.localState, screen: true };
      this.screenStream = stream('own-screen');
      this.emit(CallEvent.LocalStateChanged);
    }
    return Promise.resolve(next);
  }

  stopScreenShare(): void {
    this.localState = { ...this.localState, screen: false };
    this.screenStream = null;
    this.emit(CallEvent.LocalStateChanged);
  }

  /** A remote participant starts or stops sharing. */
  share(id: string, name: string, on: boolean): void {
    this.participants.set(id, {
      id,
      name,
      screen: on,
      stream: stream(`${id}-camera`),
      screenStream: stream(`${id}-screen`),
    } as unknown as Participant);
    this.emit(CallEvent.ParticipantUpdated);
  }
}

let call: FakeCall;
let screen: ScreenShareController;

beforeEach(() => {
  locale.value = 'en';
  call = new FakeCall();
  screen = new ScreenShareController(call as unknown as Call, () => 'Ann');
  screen.connect();
});

const ids = (): string[] => screen.screens.value.map((s) => s.id);

describe('ScreenShareController', () => {
  it('lists shared screens newest first and shows the newest large', () => {
    call.share('bob', 'Bob', true);
    expect(screen.spotlight.value).toMatchObject({ id: 'bob', label: "Bob's screen" });
    expect(screen.spotlight.value?.stream).toBe(call.participants.get('bob')?.screenStream);
    call.share('cy', 'Cy', true);
    expect(ids()).toEqual(['cy', 'bob']);
    expect(screen.spotlight.value?.id).toBe('cy');
    expect(screen.announcement.value).toBe('Cy started sharing their screen');
  });

  it('a picked screen stays large until it stops; then the newest is large again', () => {
    call.share('bob', 'Bob', true);
    call.share('cy', 'Cy', true);
    screen.pick('bob');
    expect(screen.spotlight.value?.id).toBe('bob');
    call.share('bob', 'Bob', false);
    expect(ids()).toEqual(['cy']);
    expect(screen.picked.value).toBeNull();
    expect(screen.spotlight.value?.id).toBe('cy');
    expect(screen.announcement.value).toBe('Bob stopped sharing their screen');
  });

  it('own sharing: the toggle starts and stops it; the own screen is never shown large to its sharer', async () => {
    await screen.toggle();
    expect(screen.sharing.value).toBe(true);
    expect(screen.ownScreen.value).toMatchObject({
      id: OWN_SCREEN,
      label: 'Your screen',
      own: true,
    });
    expect(screen.spotlight.value).toBeUndefined();
    // Someone else's screen goes large beside it; a pick made before sharing stays.
    call.share('bob', 'Bob', true);
    call.share('cy', 'Cy', true);
    screen.pick('bob');
    await screen.toggle();
    await screen.toggle();
    expect(screen.spotlight.value?.id).toBe('bob');
    expect(ids()).toEqual([OWN_SCREEN, 'cy', 'bob']);
    await screen.toggle();
    expect(screen.sharing.value).toBe(false);
    expect(screen.ownScreen.value).toBeUndefined();
    expect(ids()).toEqual(['cy', 'bob']);
  });

  it('a closed picker changes nothing and shows no problem', async () => {
    call.next = ScreenShareResult.Cancelled;
    await screen.start();
    expect(screen.sharing.value).toBe(false);
    expect(screen.problem.value).toBeNull();
    expect(screen.starting.value).toBe(false);
  });

  it('a real failure is shown in words', async () => {
    call.next = new CallError(CallErrorCode.MediaDeviceBusy, 'screen: NotReadableError');
    await screen.start();
    expect(screen.problem.value).toContain('could not be captured');
    call.next = new CallError(CallErrorCode.MediaFailed, 'screen: boom');
    await screen.start();
    expect(screen.problem.value).toBe('Your screen could not be shared: screen: boom');
  });

  it('follows the language', () => {
    locale.value = 'ru';
    call.share('bob', 'Bob', true);
    expect(screen.spotlight.value?.label).toBe('Экран: Bob');
  });
});
