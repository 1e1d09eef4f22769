import { afterEach, beforeEach, vi } from 'vitest';
import { Call } from '../Call.js';
import { LocalMedia } from '../media/LocalMedia.js';
import { DefaultReconnectPolicy } from '../signaling/DefaultReconnectPolicy.js';
import type { CallOptions, PeerConnectionConstructor, WebSocketConstructor } from '../types.js';
import { FakeMediaDevices, installFakeMediaGlobals } from './fakeMedia.js';
import { FakePeerConnection } from './FakePeerConnection.js';
import { InMemorySignalBus } from './InMemorySignalBus.js';

installFakeMediaGlobals();

/** Poll `condition` until it holds; fail with `what` after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean,
  what: string,
  timeoutMs = 3_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/**
 * With fake timers (vi.useFakeTimers): advance the clock `stepMs` at a time, running what falls
 * due, until `condition` holds; fail with `what` after `maxMs` of fake time.
 */
export async function advanceUntil(
  condition: () => boolean,
  what: string,
  maxMs = 3_000,
  stepMs = 1,
): Promise<void> {
  for (let elapsed = 0; !condition(); elapsed += stepMs) {
    if (elapsed > maxMs) throw new Error(`not within ${maxMs} ms of fake time: ${what}`);
    await vi.advanceTimersByTimeAsync(stepMs);
  }
}

/** Let every pending 0-ms timer and microtask run (a few rounds). */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0));
}

/** A fast reconnect policy for tests. */
export const fastPolicy = (): DefaultReconnectPolicy =>
  new DefaultReconnectPolicy({ initialDelayMs: 5, maxDelayMs: 20 });

/** One person: fake devices, LocalMedia and a Call on the bus. */
export interface Person {
  call: Call;
  media: LocalMedia;
  devices: FakeMediaDevices;
}

/** How {@link makePerson} equips a person: devices, whether media starts, call options. */
export type PersonOptions = {
  audio?: boolean;
  video?: boolean;
  withMedia?: boolean;
} & Partial<CallOptions>;

/**
 * Make a person with camera and mic (unless told otherwise), media started, whose call signals
 * through `bus` (or any server with a WebSocket constructor: pass its `signalingUrl` in options).
 */
export async function makePerson(
  bus: { readonly WebSocket: WebSocketConstructor },
  options: PersonOptions = {},
): Promise<Person> {
  const devices = new FakeMediaDevices();
  devices.devices = { audio: options.audio ?? true, video: options.video ?? true };
  const media = new LocalMedia({ mediaDevices: devices });
  const { audio: _a, video: _v, withMedia, ...rest } = options;
  if (withMedia !== false && (devices.devices.audio || devices.devices.video)) {
    await media.start({ audio: devices.devices.audio, video: devices.devices.video });
  }
  const call = new Call({
    signalingUrl: 'ws://test/ws',
    WebSocket: bus.WebSocket,
    RTCPeerConnection: FakePeerConnection as unknown as PeerConnectionConstructor,
    reconnectPolicy: fastPolicy(),
    ...(withMedia !== false && { media }),
    ...rest,
  });
  return { call, media, devices };
}

/** The fake peer connection a call has to a peer. */
export function fakePc(call: Call, peerId: string): FakePeerConnection {
  const pc = call.getPeerConnection(peerId);
  if (!pc) throw new Error(`no peer connection to ${peerId}`);
  return pc as unknown as FakePeerConnection;
}

/** Every remote participant of every call is connected to every other call. */
export function fullyConnected(calls: readonly Call[]): boolean {
  return calls.every(
    (c) =>
      c.participants.size === calls.length - 1 &&
      [...c.participants.values()].every((p) => p.connectionState === 'connected'),
  );
}

/** One test's signaling bus and the people on it; see {@link useCallBed}. */
export interface CallBed {
  /** The bus of the running test (a new one for each test). */
  readonly bus: InMemorySignalBus;
  /** The people of the running test: each of them leaves after it. */
  readonly people: Person[];
  /** A person on this test's bus (see {@link makePerson}) who leaves after the test. */
  person(options?: PersonOptions): Promise<Person>;
  /** Two people, A (made with `aOptions`) and B, joined to room `r` and connected to each other. */
  pair(aOptions?: PersonOptions): Promise<[Person, Person]>;
}

/**
 * Gives every test of the calling file a fresh {@link InMemorySignalBus} and makes everyone in
 * {@link CallBed.people} leave after the test, so no call outlives its test. Call it at the top
 * level of a test file (it registers `beforeEach` and `afterEach` there).
 */
export function useCallBed(): CallBed {
  let bus = new InMemorySignalBus();
  let people: Person[] = [];
  beforeEach(() => {
    bus = new InMemorySignalBus();
    people = [];
  });
  afterEach(async () => {
    for (const p of people) await p.call.leave();
  });
  const bed: CallBed = {
    get bus() {
      return bus;
    },
    get people() {
      return people;
    },
    async person(options = {}) {
      const p = await makePerson(bus, options);
      people.push(p);
      return p;
    },
    async pair(aOptions = {}) {
      const a = await makePerson(bus, aOptions);
      const b = await makePerson(bus);
      people.push(a, b);
      await a.call.join({ room: 'r', name: 'A' });
      await b.call.join({ room: 'r', name: 'B' });
      await waitFor(() => fullyConnected([a.call, b.call]), 'connected');
      return [a, b];
    },
  };
  return bed;
}
