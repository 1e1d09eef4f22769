import { CloseCode, ErrorCode, MAX_MESSAGE_BYTES, ROOM_NAME_RULE } from '@zvonok/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerConfig } from '../src/index.js';
import { limits, startServer, TestClient, waitFor, type TestServer } from './helpers.js';

let server: TestServer;
const clients: TestClient[] = [];

async function start(overrides: Partial<ServerConfig> = {}) {
  server = await startServer(overrides);
}
async function member(join: Record<string, unknown> & { room: string }) {
  const result = await TestClient.joined(server, join);
  clients.push(result.client);
  return result;
}
/** An honest pair that proves the server still relays between them. */
async function honestPair(room: string) {
  const { client: a, joined: aj } = await member({ room });
  const { client: b, joined: bj } = await member({ room });
  let n = 0;
  return {
    a,
    b,
    async roundTrip() {
      const sdp = `v=0 probe ${++n}`;
      a.send({ type: 'offer', to: bj.id, sdp });
      const got = await b.nextWhere((m) => m.type === 'offer' && m.sdp === sdp);
      expect(got.from).toBe(aj.id);
    },
  };
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.drop();
  await server?.close();
});

describe('bad input', () => {
  it('answers each bad frame with its code, keeps the connection, and others keep working', async () => {
    await start();
    const pair = await honestPair('room');
    const { client: bad } = await member({ room: 'room' });
    const cases: Array<[string | Buffer, ErrorCode, boolean?]> = [
      ['{not json', ErrorCode.BadJson],
      ['[1,2]', ErrorCode.BadMessage],
      ['"text"', ErrorCode.BadMessage],
      ['{"no":"type"}', ErrorCode.BadMessage],
      ['{"type":"teleport"}', ErrorCode.UnknownType],
      ['{"type":"__proto__"}', ErrorCode.UnknownType],
      ['{"type":"offer","to":5,"sdp":"x"}', ErrorCode.BadMessage],
      ['{"type":"offer","to":"x"}', ErrorCode.BadMessage],
      ['{"type":"ice-candidate","to":"x","candidate":{"candidate":7}}', ErrorCode.BadMessage],
      ['{"type":"state","mic":"yes"}', ErrorCode.BadMessage],
      ['{"type":"join","room":"bad room!"}', ErrorCode.BadMessage],
      ['{"type":"offer","to":"nobody","sdp":"x"}', ErrorCode.UnknownPeer],
      [Buffer.from([1, 2, 3]), ErrorCode.BinaryFrame, true],
      [`{"type":"chat","text":"${'x'.repeat(MAX_MESSAGE_BYTES)}"}`, ErrorCode.MessageTooLarge],
    ];
    for (const [frame, code, binary] of cases) {
      bad.sendRaw(frame, binary ?? false);
      const error = await bad.next('error');
      expect(error.code, String(frame).slice(0, 60)).toBe(code);
      expect(typeof error.message).toBe('string');
      await pair.roundTrip();
    }
    expect(bad.closeCode).toBeNull();
  });

  it('closes with 1009 a frame above the frame limit, without disturbing the room', async () => {
    await start();
    const pair = await honestPair('room');
    const { client: huge } = await member({ room: 'room' });
    huge.sendRaw('x'.repeat(1024 * 1024 + 1));
    expect((await huge.waitClose()).code).toBe(CloseCode.MessageTooBig);
    await pair.roundTrip();
  });

  it('answers INTERNAL when a handler fails and keeps the connection', async () => {
    await start();
    const pair = await honestPair('room');
    const rooms = server.app.signaling.rooms;
    const get = rooms.get.bind(rooms);
    rooms.get = (name: string) => {
      if (name === 'explodes') throw new Error('simulated failure');
      return get(name);
    };
    const c = await TestClient.connect(server, { v1: true });
    clients.push(c);
    c.send({ type: 'join', room: 'explodes' });
    expect(await c.next('error')).toMatchObject({ code: ErrorCode.Internal });
    c.send({ type: 'join', room: 'fine' });
    await c.next('joined');
    await pair.roundTrip();
  });

  it('refuses a seed client with a bad room name', async () => {
    await start();
    const seed = await TestClient.connect(server, { room: 'no spaces allowed' });
    clients.push(seed);
    expect(await seed.next('error')).toMatchObject({
      code: ErrorCode.BadRoomName,
      message: ROOM_NAME_RULE,
    });
    expect((await seed.waitClose()).code).toBe(CloseCode.PolicyViolation);
  });

  it('says the same about a bad room name in a v1 join (one text, from the protocol)', async () => {
    await start();
    const c = await TestClient.connect(server, { v1: true });
    clients.push(c);
    c.send({ type: 'join', room: 'no spaces allowed' });
    const error = await c.next('error');
    expect(error.code).toBe(ErrorCode.BadMessage);
    expect(error.message).toContain(ROOM_NAME_RULE);
    expect(c.closeCode).toBeNull();
  });
});

describe('rate limit', () => {
  // How much the flood delays the pair is measured by `npm run bench:flood`, not asserted here.
  it('drops a flood with one RATE_LIMITED, then closes it with 1008, while an honest pair in the same room goes on', async () => {
    // The chat limit of its own is for another test: here the general budget is flooded.
    await start({
      rateLimit: { burst: 50, perSecond: 20, closeAfterDropped: 300 },
      limits: limits(),
    });
    const pair = await honestPair('room');
    const { client: flood, joined } = await member({ room: 'room' });
    await pair.roundTrip();
    // Flood with chat: what gets through reaches the pair, so the pair feels it if anything does.
    for (let i = 0; i < 400; i++) flood.send({ type: 'chat', text: `spam ${i}`, id: `s${i}` });
    for (let i = 0; i < 10; i++) await pair.roundTrip();
    expect((await flood.waitClose()).code).toBe(CloseCode.PolicyViolation);
    const errors = flood.received.filter((m) => m.type === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.code).toBe(ErrorCode.RateLimited);
    // Only the burst (plus refill) went through to the room.
    const spam = pair.a.received.filter((m) => m.type === 'chat' && m.from === joined.id);
    expect(spam.length).toBeGreaterThanOrEqual(45);
    expect(spam.length).toBeLessThan(80);
    // The flooder leaves at once, no grace.
    expect((await pair.a.next('peer-left')).id).toBe(joined.id);
  });

  it('lets a client that slows down again continue', async () => {
    await start({ rateLimit: { burst: 5, perSecond: 50, closeAfterDropped: 100 } });
    const pair = await honestPair('room');
    for (let i = 0; i < 10; i++) pair.a.send({ type: 'state', mic: i % 2 === 0 });
    expect((await pair.a.next('error')).code).toBe(ErrorCode.RateLimited);
    await new Promise((r) => setTimeout(r, 200));
    await pair.roundTrip();
    expect(pair.a.closeCode).toBeNull();
  });
});

describe('heartbeat', () => {
  it('terminates a client that stops answering pings; the room gets peer-left', async () => {
    await start({ heartbeatIntervalMs: 150, resumeGraceMs: 100 });
    const { client: a } = await member({ room: 'hb' });
    const { client: silent, joined } = await member({ room: 'hb' });
    // The client stops reading its socket, so it never sees a ping and never answers (as if its
    // network vanished without a FIN).
    (silent.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    expect((await a.next('peer-left', 3000)).id).toBe(joined.id);
  });

  it('answers a client ping with pong, before and after joining', async () => {
    await start();
    const early = await TestClient.connect(server, { v1: true });
    await early.next('client-id');
    early.send({ type: 'ping' });
    expect(await early.next('pong')).toEqual({ type: 'pong' });
    early.close();
    const { client: a } = await member({ room: 'pp' });
    a.send({ type: 'ping' });
    a.send({ type: 'ping' });
    await a.next('pong');
    await a.next('pong');
    expect(a.received.filter((m) => m.type === 'error')).toEqual([]);
  });

  it('keeps clients that answer', async () => {
    await start({ heartbeatIntervalMs: 100 });
    const { client: a } = await member({ room: 'hb' });
    // Each heartbeat judges the answer to the one before: after five, an answering client has
    // been judged four times (ws answers pings by itself).
    let pings = 0;
    a.ws.on('ping', () => pings++);
    await waitFor(() => pings >= 5 || a.closeCode !== null, 3000, 'five heartbeats');
    expect(a.closeCode).toBeNull();
    expect(server.app.signaling.connectionCount).toBe(1);
  });
});
