import { createHmac } from 'node:crypto';
import { CloseCode, ErrorCode, PROTOCOL_V1, type ServerMessageOf } from '@zvonok/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerConfig } from '../src/index.js';
import { limits, startServer, TestClient, waitFor, type TestServer } from './helpers.js';

let server: TestServer;
const clients: TestClient[] = [];

async function start(overrides: Partial<ServerConfig> = {}) {
  server = await startServer(overrides);
}
async function member(join: Record<string, unknown> & { room: string }) {
  const { client, joined } = await TestClient.joined(server, join);
  clients.push(client);
  return { client, joined };
}
async function connect(v1 = true) {
  const client = await TestClient.connect(server, { v1 });
  clients.push(client);
  await client.next('client-id');
  return client;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.drop();
  await server?.close();
});

describe('join (protocol v1)', () => {
  it('answers joined, then peer-list, then chat-history, and tells the room peer-joined', async () => {
    await start();
    const { client: a, joined: aj } = await member({ room: 'r1', name: 'Ann' });
    expect(a.ws.protocol).toBe(PROTOCOL_V1);
    const b = await connect();
    const bId = b.received[0]!.id;
    b.send({ type: 'join', room: 'r1', name: ' Bob ', state: { mic: true, camera: false } });
    const types = () => b.received.map((m) => m.type);
    await b.next('chat-history');
    await b.next('room-state');
    expect(types()).toEqual(['client-id', 'joined', 'peer-list', 'chat-history', 'room-state']);
    const joined = await b.next('joined');
    expect(joined).toMatchObject({
      id: bId,
      room: 'r1',
      resumed: false,
      capacity: 8,
      iceServers: [],
    });
    expect(typeof joined.resumeToken).toBe('string');
    expect((await b.next('peer-list')).peers).toEqual([{ id: aj.id, name: 'Ann' }]);
    expect(await a.next('peer-joined')).toEqual({
      type: 'peer-joined',
      id: bId,
      name: 'Bob',
      mic: true,
      camera: false,
    });
  });

  it('refuses a second join with ALREADY_JOINED and messages before join with NOT_JOINED', async () => {
    await start();
    const c = await connect();
    // `ice-servers` is allowed before joining (connectivity checks): see iceServers.test.ts.
    for (const type of ['chat', 'state', 'leave']) {
      c.send(type === 'chat' ? { type, text: 'x' } : { type });
      expect(await c.next('error')).toMatchObject({ code: ErrorCode.NotJoined, ref: type });
    }
    c.send({ type: 'offer', to: 'someone', sdp: 'x' });
    expect(await c.next('error')).toMatchObject({ code: ErrorCode.NotJoined, ref: 'offer' });
    c.send({ type: 'join', room: 'r' });
    await c.next('joined');
    c.send({ type: 'join', room: 'other' });
    expect(await c.next('error')).toMatchObject({ code: ErrorCode.AlreadyJoined });
  });

  it('closes a v1 connection that does not join in time with 4010', async () => {
    await start({ joinTimeoutMs: 200 });
    const c = await connect();
    expect((await c.waitClose(3000)).code).toBe(CloseCode.JoinTimeout);
  });

  it('lets a client leave and join another room on the same connection', async () => {
    await start();
    const { client: a } = await member({ room: 'one' });
    const { client: b, joined: bj } = await member({ room: 'one' });
    await a.next('peer-joined');
    b.send({ type: 'leave' });
    expect((await a.next('peer-left')).id).toBe(bj.id);
    b.send({ type: 'join', room: 'two' });
    expect((await b.next('joined')).room).toBe('two');
    expect(server.app.signaling.rooms.get('one')?.members.size).toBe(1);
  });
});

describe('state', () => {
  it('broadcasts peer-state to v1 members and shows state in peer-list', async () => {
    await start();
    const { client: a, joined: aj } = await member({ room: 's', state: { mic: true } });
    const { client: b } = await member({ room: 's' });
    await a.next('peer-joined');
    a.send({ type: 'state', mic: false, hand: true });
    expect(await b.next('peer-state')).toEqual({
      type: 'peer-state',
      id: aj.id,
      mic: false,
      hand: true,
    });
    const { client: c } = await member({ room: 's' });
    const list = await c.next('peer-list');
    expect(list.peers).toContainEqual({
      id: aj.id,
      mic: false,
      hand: true,
      handAt: expect.any(Number) as number,
    });
  });
});

describe('chat', () => {
  it('acks the sender, numbers messages, and delivers name and id to the others', async () => {
    await start();
    const { client: a, joined: aj } = await member({ room: 'c', name: 'Ann' });
    const { client: b } = await member({ room: 'c' });
    a.send({ type: 'chat', text: 'hello', id: 'msg-1' });
    const before = Date.now();
    const ack = await a.next('chat-ack');
    expect(ack).toMatchObject({ type: 'chat-ack', id: 'msg-1' });
    // A room numbers its chat from its creation time in ms (see ChatHistory).
    expect(ack.seq).toBeGreaterThan(before - 60_000);
    expect(await b.next('chat')).toEqual({
      type: 'chat',
      from: aj.id,
      name: 'Ann',
      id: 'msg-1',
      text: 'hello',
      ts: ack.ts,
      seq: ack.seq,
    });
    a.send({ type: 'chat', text: 'again', id: 'msg-2' });
    expect((await a.next('chat-ack')).seq).toBe(ack.seq + 1);
  });

  it('re-acks a resent message without delivering it twice', async () => {
    await start();
    const { client: a } = await member({ room: 'c' });
    const { client: b } = await member({ room: 'c' });
    a.send({ type: 'chat', text: 'once', id: 'dup' });
    const first = await a.next('chat-ack');
    a.send({ type: 'chat', text: 'once', id: 'dup' });
    expect(await a.next('chat-ack')).toEqual(first);
    a.send({ type: 'chat', text: 'next', id: 'other' });
    await b.next('chat');
    expect((await b.next('chat')).text).toBe('next');
    expect(b.received.filter((m) => m.type === 'chat').map((m) => m.text)).toEqual([
      'once',
      'next',
    ]);
  });

  it('refuses empty and over-long text', async () => {
    await start();
    const { client: a } = await member({ room: 'c' });
    a.send({ type: 'chat', text: '' });
    expect(await a.next('error')).toMatchObject({ code: ErrorCode.BadMessage, ref: 'chat' });
    a.send({ type: 'chat', text: 'x'.repeat(4001) });
    expect(await a.next('error')).toMatchObject({ code: ErrorCode.BadMessage, ref: 'chat' });
    a.send({ type: 'chat', text: 'x'.repeat(4000) });
    await a.next('chat-ack');
  });

  it('sends history since chatSince, and keeps only the last 100', async () => {
    // More chat at once than the chat limit lets through.
    await start({ limits: limits() });
    const { client: a } = await member({ room: 'h' });
    for (let i = 1; i <= 105; i++) a.send({ type: 'chat', text: `m${i}`, id: `id${i}` });
    const last = (await a.nextWhere(
      (m) => m.type === 'chat-ack' && m.id === 'id105',
    )) as ServerMessageOf<'chat-ack'>;
    // Numbers are contiguous from the room's base.
    const base = last.seq - 105;
    const { client: all } = await member({ room: 'h' });
    const history = (await all.next('chat-history')).messages;
    expect(history).toHaveLength(100);
    expect(history[0]).toMatchObject({ text: 'm6', seq: base + 6 });
    expect(history[99]).toMatchObject({ text: 'm105', seq: base + 105 });
    const { client: since } = await member({ room: 'h', chatSince: base + 103 });
    expect((await since.next('chat-history')).messages.map((m) => m.seq)).toEqual([
      base + 104,
      base + 105,
    ]);
    // A seq from an earlier life of the room (below this life's base) gets everything kept.
    const { client: older } = await member({ room: 'h', chatSince: 42 });
    expect((await older.next('chat-history')).messages).toHaveLength(100);
    // So does one beyond the newest (a clock that went back).
    const { client: stale } = await member({ room: 'h', chatSince: base + 5000 });
    expect((await stale.next('chat-history')).messages).toHaveLength(100);
  });

  it('resend of a message that left the history is delivered again', async () => {
    // More chat at once than the chat limit lets through.
    await start({ limits: limits() });
    const { client: a } = await member({ room: 'h2' });
    a.send({ type: 'chat', text: 'old', id: 'old' });
    const first = (await a.nextWhere(
      (m) => m.type === 'chat-ack' && m.id === 'old',
    )) as ServerMessageOf<'chat-ack'>;
    for (let i = 0; i < 100; i++) a.send({ type: 'chat', text: `f${i}`, id: `f${i}` });
    await a.nextWhere((m) => m.type === 'chat-ack' && m.id === 'f99');
    a.send({ type: 'chat', text: 'old', id: 'old' });
    expect(
      (await a.nextWhere((m) => m.type === 'chat-ack' && m.id === 'old' && m.seq !== first.seq))
        .seq,
    ).toBe(first.seq + 101);
  });
});

describe('capacity', () => {
  it('refuses a v1 joiner of a full room with ROOM_FULL and keeps the connection', async () => {
    await start({ roomCapacity: 2 });
    const { client: a } = await member({ room: 'full' });
    await member({ room: 'full' });
    const c = await connect();
    c.send({ type: 'join', room: 'full' });
    expect(await c.next('error')).toMatchObject({ code: ErrorCode.RoomFull, ref: 'join' });
    a.close();
    await waitFor(() => server.app.signaling.rooms.get('full')?.members.size === 1);
    c.send({ type: 'join', room: 'full' });
    await c.next('joined');
  });

  it('closes a seed client auto-joined into a full room with ROOM_FULL and 4009', async () => {
    await start({ roomCapacity: 2 });
    await member({ room: 'lobby' });
    await member({ room: 'lobby' });
    const seed = await TestClient.connect(server);
    clients.push(seed);
    expect(await seed.next('error')).toMatchObject({ code: ErrorCode.RoomFull });
    expect((await seed.waitClose()).code).toBe(CloseCode.RoomFull);
  });
});

describe('passwords', () => {
  it('is set by the first joiner and required from the others', async () => {
    await start();
    await member({ room: 'p', password: 'sesame' });
    const c = await connect();
    c.send({ type: 'join', room: 'p' });
    expect(await c.next('error')).toMatchObject({ code: ErrorCode.PasswordRequired });
    c.send({ type: 'join', room: 'p', password: 'wrong' });
    expect(await c.next('error')).toMatchObject({ code: ErrorCode.WrongPassword });
    c.send({ type: 'join', room: 'p', password: 'sesame' });
    await c.next('joined');
  });

  it('refuses a seed client of a room with a password', async () => {
    await start();
    await member({ room: 'locked', password: 'sesame' });
    const seed = await TestClient.connect(server, { room: 'locked' });
    clients.push(seed);
    expect(await seed.next('error')).toMatchObject({ code: ErrorCode.PasswordRequired });
    expect((await seed.waitClose()).code).toBe(CloseCode.PolicyViolation);
  });

  it('is forgotten with the room when it empties', async () => {
    await start();
    const { client: a } = await member({ room: 'gone', password: 'sesame' });
    a.close();
    await waitFor(() => server.app.signaling.rooms.get('gone') === undefined);
    const { joined } = await member({ room: 'gone' });
    expect(joined.room).toBe('gone');
  });

  it('slows down and then refuses repeated wrong guesses on a connection', async () => {
    await start({
      passwordAttempts: {
        perConnection: {
          freeAttempts: 2,
          baseDelayMs: 300,
          maxDelayMs: 300,
          maxFailures: 4,
          windowMs: 60_000,
        },
        perAddress: {
          freeAttempts: 100,
          baseDelayMs: 1,
          maxDelayMs: 1,
          maxFailures: 100,
          windowMs: 60_000,
        },
        perRoom: {
          freeAttempts: 100,
          baseDelayMs: 1,
          maxDelayMs: 1,
          maxFailures: 100,
          windowMs: 60_000,
        },
      },
    });
    await member({ room: 'p', password: 'sesame' });
    const c = await connect();
    const attempt = async (password: string) => {
      c.send({ type: 'join', room: 'p', password });
      return (await c.nextWhere((m) => m.type === 'error' || m.type === 'joined')) as {
        type: string;
        code?: string;
      };
    };
    expect((await attempt('a')).code).toBe(ErrorCode.WrongPassword);
    expect((await attempt('b')).code).toBe(ErrorCode.WrongPassword);
    expect((await attempt('c')).code).toBe(ErrorCode.WrongPassword);
    // Slowed: right after the third failure even the right password is not looked at.
    expect((await attempt('sesame')).code).toBe(ErrorCode.TooManyAttempts);
    await new Promise((r) => setTimeout(r, 350));
    expect((await attempt('d')).code).toBe(ErrorCode.WrongPassword);
    await new Promise((r) => setTimeout(r, 350));
    // Refused: the maximum was reached, waiting no longer helps.
    expect((await attempt('sesame')).code).toBe(ErrorCode.TooManyAttempts);
    // A new connection from the same address is not limited per connection.
    const fresh = await connect();
    fresh.send({ type: 'join', room: 'p', password: 'sesame' });
    await fresh.next('joined');
  });

  it('refuses guesses per address across connections', async () => {
    await start({
      passwordAttempts: {
        perConnection: {
          freeAttempts: 100,
          baseDelayMs: 1,
          maxDelayMs: 1,
          maxFailures: 100,
          windowMs: 60_000,
        },
        perAddress: {
          freeAttempts: 3,
          baseDelayMs: 60_000,
          maxDelayMs: 60_000,
          maxFailures: 3,
          windowMs: 60_000,
        },
        perRoom: {
          freeAttempts: 100,
          baseDelayMs: 1,
          maxDelayMs: 1,
          maxFailures: 100,
          windowMs: 60_000,
        },
      },
    });
    await member({ room: 'p', password: 'sesame' });
    for (let i = 0; i < 3; i++) {
      const c = await connect();
      c.send({ type: 'join', room: 'p', password: `guess${i}` });
      expect(await c.next('error')).toMatchObject({ code: ErrorCode.WrongPassword });
      c.close();
    }
    const c = await connect();
    c.send({ type: 'join', room: 'p', password: 'sesame' });
    const error = await c.next('error');
    expect(error.code).toBe(ErrorCode.TooManyAttempts);
    expect(error.message).toMatch(/try again in \d+ s/);
  });
});

describe('TURN credentials', () => {
  const turn = { urls: ['turn:127.0.0.1:3478'], secret: 'turn-secret', ttlSeconds: 600 };

  it('gives each joined client TURN REST credentials of its address’s user, verifiable with the secret', async () => {
    await start({ turn, stunUrls: ['stun:127.0.0.1:3478'] });
    const before = Math.floor(Date.now() / 1000);
    const { client: a, joined } = await member({ room: 't' });
    expect(joined.iceServers[0]).toEqual({ urls: ['stun:127.0.0.1:3478'] });
    const relay = joined.iceServers[1]!;
    expect(relay.urls).toEqual(['turn:127.0.0.1:3478']);
    const [expiry, user] = relay.username!.split(':');
    expect(user).toMatch(/^[\w-]{16}$/);
    expect(Number(expiry)).toBeGreaterThanOrEqual(before + 600);
    // Rounded up to a quarter of the lifetime, so that one address gets one username at a time.
    expect(Number(expiry)).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 600 + 150);
    const expected = createHmac('sha1', 'turn-secret').update(relay.username!).digest('base64');
    expect(relay.credential).toBe(expected);
    expect(joined.iceServersExpireAt).toBe(Number(expiry) * 1000);

    a.send({ type: 'ice-servers' });
    const fresh = await a.next('ice-servers');
    expect(fresh.iceServers[1]?.username).toMatch(new RegExp(`^\\d+:${user}$`));
    expect(fresh.expireAt).toBeGreaterThanOrEqual(joined.iceServersExpireAt!);
  });

  it('answers ice-servers with TURN_UNAVAILABLE when no TURN is configured', async () => {
    await start();
    const { client: a } = await member({ room: 't' });
    a.send({ type: 'ice-servers' });
    expect(await a.next('error')).toMatchObject({ code: ErrorCode.TurnUnavailable });
  });

  it('never hands out TURN credentials over HTTP', async () => {
    await start({ turn });
    for (const path of ['/', '/healthz', '/metrics', '/ice-servers', '/api/ice-servers']) {
      const res = await server.app.inject({ url: path });
      expect(res.body).not.toContain('turn-secret');
      expect(res.body).not.toMatch(/turn:127\.0\.0\.1/);
    }
  });
});
