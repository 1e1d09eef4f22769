/**
 * The abuse limits against real sockets, configured low so that the attacks of issue reports
 * run at small scale: what one address (or everyone) can make the server hold, and how fast it
 * can make it work. Each refusal is coded; two honest people behind the same address still call.
 */
import { CloseCode, ErrorCode } from '@zvonok/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerConfig } from '../src/index.js';
import { MemoryRoom } from '../src/signaling/rooms/MemoryRoom.js';
import { limits, startServer, TestClient, waitFor, type TestServer } from './helpers.js';

let server: TestServer;
const clients: TestClient[] = [];

async function start(overrides: Partial<ServerConfig['limits']>, more: Partial<ServerConfig> = {}) {
  server = await startServer({ limits: limits(overrides), ...more });
}

async function connect(): Promise<TestClient> {
  const client = await TestClient.connect(server, { v1: true });
  clients.push(client);
  return client;
}

async function member(join: Record<string, unknown> & { room: string }) {
  const client = await connect();
  await client.next('client-id');
  client.send({ type: 'join', ...join });
  const joined = await client.next('joined');
  return { client, joined };
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.drop();
  await server?.close();
});

describe('connections', () => {
  it('closes connections beyond MAX_CONNECTIONS_PER_ADDRESS with 4029, and two honest people from the same address still call', async () => {
    await start({ maxConnectionsPerAddress: 6 });
    // The attacker (the test runs on one address: 127.0.0.1) takes four of the six.
    const attackers = await Promise.all([0, 1, 2, 3].map(() => connect()));
    for (const a of attackers) await a.next('client-id');
    // Ann and Bob, in the same office, behind the same address, have the other two.
    const { client: ann } = await member({ room: 'office', name: 'Ann' });
    const { client: bob, joined: bobJoined } = await member({ room: 'office', name: 'Bob' });
    await ann.next('peer-joined');
    // One more from the address is refused before anything is sent to it.
    const extra = await connect();
    expect((await extra.waitClose()).code).toBe(CloseCode.TooManyConnections);
    expect(extra.received).toEqual([]);
    // Ann and Bob call and chat as usual.
    ann.send({ type: 'offer', to: bobJoined.id, sdp: 'v=0 office' });
    expect(await bob.next('offer')).toMatchObject({ sdp: 'v=0 office' });
    bob.send({ type: 'chat', text: 'hi Ann', id: 'b1' });
    expect(await ann.next('chat')).toMatchObject({ text: 'hi Ann', name: 'Bob' });
    // A connection that closes frees its place.
    attackers[0]!.close();
    await attackers[0]!.waitClose();
    await waitFor(() => server.app.signaling.addresses.connections('127.0.0.1') === 5);
    const again = await connect();
    await again.next('client-id');
    expect(again.closeCode).toBeNull();
  });

  it('closes connections beyond MAX_CONNECTIONS in all with 1013 (try again later)', async () => {
    await start({ maxConnections: 3 });
    for (let i = 0; i < 3; i++) await (await connect()).next('client-id');
    const fourth = await connect();
    expect((await fourth.waitClose()).code).toBe(CloseCode.TryAgainLater);
    expect(server.app.signaling.connectionCount).toBe(3);
  });
});

describe('rooms', () => {
  it('refuses to open a room beyond MAX_ROOMS with SERVER_BUSY; existing rooms can still be joined', async () => {
    await start({ maxRooms: 2 });
    await member({ room: 'one' });
    await member({ room: 'two' });
    const third = await connect();
    await third.next('client-id');
    third.send({ type: 'join', room: 'three' });
    expect(await third.next('error')).toMatchObject({ code: ErrorCode.ServerBusy, ref: 'join' });
    expect(third.closeCode).toBeNull();
    third.send({ type: 'join', room: 'one' });
    await third.next('joined');
    expect(server.app.signaling.roomCount).toBe(2);
  });
});

describe('chat history bytes', () => {
  it('holds the flood of many lonely rooms within the total, each room within its own, counted as stored', async () => {
    const perRoom = 32 * 1024;
    const total = 96 * 1024;
    await start({ chatBytesPerRoom: perRoom, chatBytesTotal: total });
    // The attack, scaled down: connections alone in their own rooms, each posting long
    // messages of control characters (stored JSON-escaped, six bytes each).
    const rooms = 6;
    const perConnection = 10;
    const text = '\u0001'.repeat(4000);
    const flooders = await Promise.all(
      Array.from({ length: rooms }, (_, r) => member({ room: `flood${r}` })),
    );
    for (const { client } of flooders) {
      for (let i = 0; i < perConnection; i++) client.send({ type: 'chat', text, id: `f${i}` });
    }
    for (const { client } of flooders) {
      await client.nextWhere((m) => m.type === 'chat-ack' && m.id === `f${perConnection - 1}`);
    }
    const budget = server.app.signaling.chatBudget!;
    // 60 messages of ~24 KB were sent; what is kept is bounded by the budgets.
    expect(budget.totalBytes).toBeLessThanOrEqual(total);
    expect(budget.totalBytes).toBeGreaterThan(0);
    for (const room of server.app.signaling.rooms) {
      // In memory (no REDIS_URL) every room is a MemoryRoom with its own history.
      if (!(room instanceof MemoryRoom)) throw new Error('expected in-memory rooms');
      expect(room.chat.keptBytes).toBeLessThanOrEqual(perRoom);
    }

    // An honest room posts afterwards: its recent chat is kept and reaches a late joiner whole.
    const { client: ann } = await member({ room: 'honest', name: 'Ann' });
    ann.send({ type: 'chat', text: 'see you at ten', id: 'a1' });
    await ann.next('chat-ack');
    const { client: late } = await member({ room: 'honest' });
    const history = (await late.next('chat-history')).messages;
    expect(history.map((m) => m.text)).toEqual(['see you at ten']);
    expect(budget.totalBytes).toBeLessThanOrEqual(total);
    // A late joiner of a flooded room gets the newest messages, as many as fit.
    const { client: lateFlood } = await member({ room: 'flood5' });
    const kept = (await lateFlood.next('chat-history')).messages;
    expect(kept.at(-1)?.id).toBe(`f${perConnection - 1}`);
    const keptBytes = kept.reduce((n, m) => n + Buffer.byteLength(JSON.stringify(m)), 0);
    expect(keptBytes).toBeLessThanOrEqual(perRoom);
  });

  it('gives a room’s bytes back when it closes', async () => {
    await start({});
    const { client } = await member({ room: 'short' });
    client.send({ type: 'chat', text: 'bye', id: 'x' });
    await client.next('chat-ack');
    expect(server.app.signaling.chatBudget!.totalBytes).toBeGreaterThan(0);
    client.send({ type: 'leave' });
    await waitFor(() => server.app.signaling.roomCount === 0);
    expect(server.app.signaling.chatBudget!.totalBytes).toBe(0);
    expect(server.app.signaling.chatBudget!.keptMessages).toBe(0);
  });
});

describe('join rate', () => {
  it('refuses a join/leave loop with TOO_MANY_JOINS once the connection’s budget is spent', async () => {
    await start({ joinsPerConnection: { burst: 3, perSecond: 0.01 } });
    const { client: other } = await member({ room: 'loop' });
    other.send({ type: 'chat', text: 'history to replay', id: 'h' });
    await other.next('chat-ack');
    const looper = await connect();
    await looper.next('client-id');
    for (let i = 0; i < 3; i++) {
      looper.send({ type: 'join', room: 'loop' });
      await looper.next('chat-history');
      looper.send({ type: 'leave' });
    }
    looper.send({ type: 'join', room: 'loop' });
    const error = await looper.next('error');
    expect(error).toMatchObject({ code: ErrorCode.TooManyJoins, ref: 'join' });
    expect(error.message).toMatch(/wait/);
    expect(looper.pending('chat-history')).toEqual([]);
    // Nobody else is affected.
    const { client: newcomer } = await member({ room: 'loop' });
    expect((await newcomer.next('chat-history')).messages).toHaveLength(1);
  });

  it('counts the joins of every connection from one address together', async () => {
    await start({ joinsPerAddress: { burst: 4, perSecond: 0.01 } });
    for (let i = 0; i < 4; i++) await member({ room: `r${i}` });
    const fifth = await connect();
    await fifth.next('client-id');
    fifth.send({ type: 'join', room: 'r0' });
    expect(await fifth.next('error')).toMatchObject({ code: ErrorCode.TooManyJoins });
    // A seed client's connect is its join: refused the same way, and closed.
    const seed = await TestClient.connect(server, { room: 'r0' });
    clients.push(seed);
    expect(await seed.next('error')).toMatchObject({ code: ErrorCode.TooManyJoins });
    expect((await seed.waitClose()).code).toBe(CloseCode.PolicyViolation);
  });
});

describe('chat rate', () => {
  it('refuses chat beyond its own budget with CHAT_RATE_LIMITED, delivers none of it, and takes chat again later', async () => {
    await start({ chat: { burst: 5, perSecond: 10 } });
    const { client: ann } = await member({ room: 'c' });
    const { client: bob } = await member({ room: 'c' });
    for (let i = 0; i < 8; i++) ann.send({ type: 'chat', text: `m${i}`, id: `m${i}` });
    const error = await ann.next('error');
    expect(error).toMatchObject({ code: ErrorCode.ChatRateLimited, ref: 'chat' });
    await waitFor(() => ann.received.filter((m) => m.type === 'chat-ack').length === 5);
    // Other messages are not held back by the chat limit.
    ann.send({ type: 'state', mic: true });
    await bob.next('peer-state');
    expect(bob.received.filter((m) => m.type === 'chat').map((m) => m.text)).toEqual([
      'm0',
      'm1',
      'm2',
      'm3',
      'm4',
    ]);
    // Refilled (10 per second): a refused message sent again is taken.
    await new Promise((r) => setTimeout(r, 300));
    ann.send({ type: 'chat', text: 'm5', id: 'm5' });
    await bob.nextWhere((m) => m.type === 'chat' && m.text === 'm5', 2000);
  });
});
