// @vitest-environment happy-dom
import type { CallEvent } from '@zvonok/sdk';
import type { Call, LocalMedia, Participant } from '@zvonok/sdk';
import type { RecordingSource } from '@zvonok/recorder';
import { CallRecorder } from '@zvonok/recorder/call-recorder';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { locale } from '../i18n/i18n';
import { RecordingController } from './RecordingController';

const stream = (id: string): MediaStream => ({ id }) as unknown as MediaStream;

/** A Call with listeners, participants and own screen state; `change()` fires an update. */
function fakeCall() {
  const listeners = new Set<() => void>();
  const call = {
    participants: new Map<string, Participant>(),
    localState: { screen: false },
    screenStream: null as MediaStream | null,
    on: (_event: CallEvent, listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setRecording: vi.fn(),
    change: () => listeners.forEach((l) => l()),
  };
  return call;
}

const person = (id: string, screen: boolean): Participant =>
  ({
    id,
    name: id.toUpperCase(),
    camera: true,
    screen,
    stream: stream(`${id}-cam`),
    screenStream: stream(`${id}-screen`),
  }) as unknown as Participant;

let sources: RecordingSource[][];

beforeEach(() => {
  locale.value = 'en';
  sources = [];
  vi.spyOn(CallRecorder.prototype, 'setSources').mockImplementation((s) => {
    sources.push([...s]);
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

const last = (): { id: string; isScreen?: boolean; name: string }[] =>
  (sources.at(-1) ?? []).map(({ id, isScreen, name }) => ({
    id,
    name,
    ...(isScreen && { isScreen }),
  }));

describe('RecordingController: shared screens', () => {
  it('records shared screens as screen sources, the newest first (drawn large)', async () => {
    const call = fakeCall();
    const media = { on: () => () => undefined, stream: stream('own'), cameraEnabled: true };
    const controller = new RecordingController(call as unknown as Call, {
      room: 'r',
      media: media as unknown as LocalMedia,
      ownName: () => 'Ann',
    });
    controller.connect();
    await controller.preload();
    call.participants.set('bob', person('bob', true));
    call.change();
    expect(last()).toEqual([
      { id: 'bob:screen', name: "BOB's screen", isScreen: true },
      { id: 'local', name: 'Ann' },
      { id: 'bob', name: 'BOB' },
    ]);
    expect(sources.at(-1)?.[0]?.stream).toBe(call.participants.get('bob')?.screenStream);

    // Ann shares too: hers is newer, so it goes first.
    call.localState = { screen: true };
    call.screenStream = stream('own-screen');
    call.change();
    expect(last().map((s) => s.id)).toEqual(['local:screen', 'bob:screen', 'local', 'bob']);

    // Both stop: people only.
    call.localState = { screen: false };
    call.participants.set('bob', person('bob', false));
    call.change();
    expect(last().map((s) => s.id)).toEqual(['local', 'bob']);
  });
});
