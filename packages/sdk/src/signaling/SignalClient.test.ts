import { CloseCode, PROTOCOL_V1, type ServerMessageOf } from '@zvonok/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallErrorCode } from '../errors.js';
import { FakeWebSocket, InMemorySignalBus } from '../test/InMemorySignalBus.js';
import { advanceUntil, waitFor } from '../test/helpers.js';
import type { WebSocketConstructor } from '../types.js';
import type { ReconnectContext } from './ReconnectPolicy.js';
import { SignalClient, SignalState, type DisconnectInfo } from './SignalClient.js';

let bus: InMemorySignalBus;
const clients: SignalClient[] = [];

beforeEach(() => {
  bus = new InMemorySignalBus();
});
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
  vi.useRealTimers();
});

/** Joins room `r` with the clock faked (vi.useFakeTimers): the clock runs until it is in. */
async function joinOnFakeClock(c: SignalClient): Promise<ServerMessageOf<'joined'>> {
  const joining = c.join(() => ({ room: 'r' }));
  await advanceUntil(() => c.state === SignalState.Joined, 'joined');
  return joining;
}

/** A policy that records what it was asked and answers with a fixed small delay. */
function recordingPolicy(delay: number | null = 5): {
  nextRetryDelayMs: (c: ReconnectContext) => number | null;
  asked: ReconnectContext[];
} {
  const asked: ReconnectContext[] = [];
  return {
    asked,
    nextRetryDelayMs: (c) => {
      asked.push(c);
      return delay;
    },
  };
}

function client(
  options: Partial<ConstructorParameters<typeof SignalClient>[0]> = {},
): SignalClient {
  const c = new SignalClient({
    url: 'ws://test/ws',
    WebSocket: bus.WebSocket,
    reconnectPolicy: recordingPolicy(),
    ...options,
  });
  clients.push(c);
  return c;
}

describe('SignalClient: joining', () => {
  it('opens with the zvonok.v1 subprotocol, joins, and emits typed messages', async () => {
    const c = client();
    const lists: unknown[] = [];
    c.on('peer-list', (m) => lists.push(m.peers));
    const joined = await c.join(() => ({ room: 'r', name: 'Ann' }));
    expect(joined).toMatchObject({ type: 'joined', room: 'r', resumed: false });
    expect(c.state).toBe(SignalState.Joined);
    expect(c.id).toBe(joined.id);
    const socket = bus.socketOf(joined.id);
    expect(socket?.protocol).toBe(PROTOCOL_V1);
    expect(socket?.sent[0]).toEqual({ type: 'join', room: 'r', name: 'Ann' });
    await waitFor(() => lists.length === 1, 'peer-list');
  });

  it('drops invalid frames without throwing and keeps going', async () => {
    const c = client();
    const joined = await c.join(() => ({ room: 'r' }));
    const socket = bus.socketOf(joined.id);
    const seen: string[] = [];
    c.on('peer-left', (m) => seen.push(m.id));
    socket?.deliver('not json');
    socket?.deliver(JSON.stringify({ type: 'peer-left' })); // missing id
    socket?.deliver(JSON.stringify({ type: 'no-such-type' }));
    socket?.deliver({ type: 'peer-left', id: 'p9' });
    await waitFor(() => seen.length === 1, 'the valid one');
    expect(seen).toEqual(['p9']);
    expect(c.state).toBe(SignalState.Joined);
  });

  it('maps join refusals to CallError codes and ends Closed', async () => {
    bus.capacity = 1;
    await client().join(() => ({ room: 'r' }));
    const c = client();
    await expect(c.join(() => ({ room: 'r' }))).rejects.toMatchObject({
      code: CallErrorCode.RoomFull,
    });
    expect(c.state).toBe(SignalState.Closed);
  });

  it.each([
    [CloseCode.TooManyConnections, CallErrorCode.TooManyConnections],
    [CloseCode.TryAgainLater, CallErrorCode.ServerBusy],
  ])(
    'turns a connection refused with close code %i into %s, without retrying',
    async (closeCode, errorCode) => {
      // The server closes the socket as soon as it opens, before client-id (as it does on a limit).
      bus.onOpen = (socket) => socket.serverClose(closeCode, 'limit');
      const policy = recordingPolicy();
      const c = client({ reconnectPolicy: policy, initialAttempts: 3 });
      const failure = await c.join(() => ({ room: 'r' })).catch((err: unknown) => err);
      expect(failure).toMatchObject({ code: errorCode });
      expect(c.state).toBe(SignalState.Closed);
      expect(policy.asked).toEqual([]);
    },
  );

  it('fails with ServerUnreachable after the first attempts when nothing answers', async () => {
    bus.down = true;
    const policy = recordingPolicy();
    const c = client({ reconnectPolicy: policy, initialAttempts: 3 });
    await expect(c.join(() => ({ room: 'r' }))).rejects.toMatchObject({
      code: CallErrorCode.ServerUnreachable,
    });
    expect(policy.asked.map((a) => a.attempt)).toEqual([0, 1]);
    expect(c.state).toBe(SignalState.Closed);
  });

  it('retries a socket that opens but never answers the join', async () => {
    const Silent = class extends (bus.WebSocket as unknown as typeof EventTarget) {
      readyState = 0;
      constructor() {
        super();
        setTimeout(() => {
          this.readyState = 1;
          this.dispatchEvent(new Event('open'));
        }, 0);
      }
      send(): void {}
      close(): void {
        this.readyState = 3;
      }
    };
    let made = 0;
    const Counting = function (this: unknown, url: string, protocols?: string | string[]) {
      made++;
      return made === 1
        ? new Silent()
        : new (bus.WebSocket as unknown as new (u: string, p?: string | string[]) => object)(
            url,
            protocols,
          );
    } as unknown as WebSocketConstructor;
    // Long enough that the second (answering) socket never times out on a loaded machine.
    const c = client({ WebSocket: Counting, joinTimeoutMs: 500 });
    await c.join(() => ({ room: 'r' }));
    expect(made).toBe(2);
  });
});

describe('SignalClient: reconnect and resume', () => {
  it('after a drop, backs off per the policy, rejoins with the resume token and keeps the id', async () => {
    const policy = recordingPolicy(5);
    let since = 0;
    const c = client({ reconnectPolicy: policy });
    const first = await c.join(() => ({ room: 'r', chatSince: since }));
    const states: SignalState[] = [];
    c.on('stateChanged', (s) => states.push(s));
    since = 7;
    bus.down = true;
    bus.drop(first.id);
    await waitFor(() => policy.asked.length >= 2, 'two retries refused');
    bus.down = false;
    await waitFor(() => c.state === SignalState.Joined, 'rejoined');
    expect(states[0]).toBe(SignalState.Reconnecting);
    expect(states.at(-1)).toBe(SignalState.Joined);
    expect(c.id).toBe(first.id);
    expect(policy.asked.slice(0, 2).map((a) => a.attempt)).toEqual([0, 1]);
    const rejoin = bus.socketOf(first.id)?.sent[0];
    expect(rejoin).toEqual({
      type: 'join',
      room: 'r',
      chatSince: 7,
      resumeToken: first.resumeToken,
    });
  });

  it('queues relay messages while reconnecting and sends them after the rejoin, in order', async () => {
    const a = client();
    const b = client();
    const aJoined = await a.join(() => ({ room: 'r' }));
    const bJoined = await b.join(() => ({ room: 'r' }));
    const got: string[] = [];
    b.on('offer', (m) => got.push(m.sdp));
    bus.down = true;
    bus.drop(aJoined.id);
    await waitFor(() => a.state === SignalState.Reconnecting, 'reconnecting');
    expect(a.send({ type: 'offer', to: bJoined.id, sdp: 'one' })).toBe(false);
    expect(a.send({ type: 'offer', to: bJoined.id, sdp: 'two' })).toBe(false);
    // Not relay: dropped rather than queued (its owner re-sends it).
    expect(a.send({ type: 'chat', text: 'x', id: 'm1' }, { queue: false })).toBe(false);
    expect(a.queuedCount).toBe(2);
    bus.down = false;
    await waitFor(() => got.length === 2, 'delivered');
    expect(got).toEqual(['one', 'two']);
    expect(a.queuedCount).toBe(0);
  });

  it('does not reconnect after a final close code (replaced) and says why', async () => {
    const policy = recordingPolicy();
    const c = client({ reconnectPolicy: policy });
    const joined = await c.join(() => ({ room: 'r' }));
    const infos: DisconnectInfo[] = [];
    c.on('disconnected', (i) => infos.push(i));
    bus.socketOf(joined.id)?.serverClose(CloseCode.Replaced, 'replaced');
    await waitFor(() => c.state === SignalState.Closed, 'closed');
    expect(infos).toHaveLength(1);
    expect(infos[0]).toMatchObject({ code: CloseCode.Replaced, willReconnect: false });
    expect(infos[0]?.error?.code).toBe(CallErrorCode.Replaced);
    expect(policy.asked).toEqual([]);
  });

  it('gives up when the policy returns null', async () => {
    const c = client({ reconnectPolicy: recordingPolicy(null) });
    const joined = await c.join(() => ({ room: 'r' }));
    const infos: DisconnectInfo[] = [];
    c.on('disconnected', (i) => infos.push(i));
    bus.drop(joined.id);
    await waitFor(() => c.state === SignalState.Closed, 'closed');
    expect(infos.at(-1)?.error?.code).toBe(CallErrorCode.ServerUnreachable);
  });

  it('follows a going-away hint for the next delay', async () => {
    vi.useFakeTimers();
    const policy = recordingPolicy(10_000);
    const c = client({ reconnectPolicy: policy });
    const joined = await joinOnFakeClock(c);
    const socket = bus.socketOf(joined.id);
    socket?.deliver({ type: 'going-away', reconnectInMs: 1_000 });
    await vi.advanceTimersByTimeAsync(1);
    socket?.serverClose(CloseCode.ServiceRestart, 'restart', false);
    // The hint says 1 s, spread by up to half of it: not back before it, and back long before
    // the policy's 10 s.
    await vi.advanceTimersByTimeAsync(990);
    expect(c.state).toBe(SignalState.Reconnecting);
    await advanceUntil(
      () => c.state === SignalState.Joined && bus.socketOf(joined.id) !== socket,
      'back after the hinted delay',
      600,
    );
    expect(policy.asked).toEqual([]);
  });

  it('close() sends leave, closes with 1000 and leaves no listener', async () => {
    const c = client();
    const joined = await c.join(() => ({ room: 'r' }));
    const socket = bus.socketOf(joined.id);
    c.close();
    expect(socket?.sent.at(-1)).toEqual({ type: 'leave' });
    expect(socket?.listenerCount).toBe(0);
    expect(c.state).toBe(SignalState.Closed);
    await waitFor(() => bus.members('r').length === 0, 'left the room');
  });
});

describe('SignalClient: liveness', () => {
  it('pings a quiet server and stays on the connection while it answers', async () => {
    vi.useFakeTimers();
    const c = client({ pingIntervalMs: 30, pingTimeoutMs: 100 });
    const drops: DisconnectInfo[] = [];
    c.on('disconnected', (d) => drops.push(d));
    const joined = await joinOnFakeClock(c);
    const socket = bus.socketOf(joined.id);
    // Many times the ping timeout: every ping was answered, so the connection stays.
    await advanceUntil(
      () => (socket?.sent.filter((m) => m.type === 'ping').length ?? 0) >= 10,
      'ten pings',
      2_000,
    );
    expect(drops).toEqual([]);
    expect(c.state).toBe(SignalState.Joined);
    expect(bus.socketOf(joined.id)).toBe(socket);
  });

  it('a frozen server (open socket, no answer): drops it with 4000, resumes, the room never hears of it', async () => {
    vi.useFakeTimers();
    const other = client();
    await joinOnFakeClock(other);
    const left: string[] = [];
    other.on('peer-left', (m) => left.push(m.id));
    const states: string[] = [];
    other.on('peer-state', (m) => states.push(m.id));
    const c = client({ pingIntervalMs: 30, pingTimeoutMs: 100 });
    const drops: DisconnectInfo[] = [];
    c.on('disconnected', (d) => drops.push(d));
    const joined = await joinOnFakeClock(c);
    const socket = bus.socketOf(joined.id);

    bus.freeze();
    // One ping interval and one ping timeout of silence.
    await advanceUntil(
      () => c.state === SignalState.Reconnecting,
      'gave the silent socket up',
      131,
    );
    expect(drops).toEqual([
      { code: CloseCode.Reconnecting, reason: 'no answer to ping', willReconnect: true },
    ]);
    expect(socket?.sent.some((m) => m.type === 'ping')).toBe(true);
    expect([FakeWebSocket.CLOSING, FakeWebSocket.CLOSED]).toContain(socket?.readyState);

    // The server catches up: it reads the old socket's close (4000: not a leave) and the new
    // connection's resume, in that order.
    bus.thaw();
    await advanceUntil(() => c.state === SignalState.Joined, 'resumed');
    expect(c.id).toBe(joined.id);
    expect(bus.socketOf(joined.id)).not.toBe(socket);
    // The server relays in order: once a later message from c reached the other, a peer-left
    // sent before it would have too.
    c.send({ type: 'state', mic: false });
    await advanceUntil(() => states.length === 1, 'a later message from c');
    expect(left).toEqual([]);
    expect(bus.members('r')).toContain(joined.id);
  });
});
