import { DEFAULT_ROOM, SEED_MESSAGE_TYPES } from '@zvonok/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, TestClient, type TestServer } from './helpers.js';

let server: TestServer;
const clients: TestClient[] = [];
async function seed(room?: string): Promise<TestClient> {
  const c = await TestClient.connect(server, room === undefined ? {} : { room });
  clients.push(c);
  return c;
}

beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.drop();
  await server.close();
});

describe('seed dialect', () => {
  it('gives a client-id first, then a peer-list of the others in the default room', async () => {
    const a = await seed();
    const aId = await a.next('client-id');
    expect(a.received[0]?.type).toBe('client-id');
    expect(aId.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect((await a.next('peer-list')).peers).toEqual([]);

    const b = await seed();
    const bId = await b.next('client-id');
    expect((await b.next('peer-list')).peers).toEqual([{ id: aId.id }]);
    expect(await a.next('peer-joined')).toEqual({ type: 'peer-joined', id: bId.id });
    expect(server.app.signaling.rooms.get(DEFAULT_ROOM)?.members.size).toBe(2);
  });

  it('relays offer, answer and ice-candidate with the server-set from', async () => {
    const a = await seed();
    const aId = (await a.next('client-id')).id;
    const b = await seed();
    const bId = (await b.next('client-id')).id;
    await a.next('peer-joined');

    a.send({ type: 'offer', to: bId, sdp: 'v=0 offer' });
    expect(await b.next('offer')).toEqual({ type: 'offer', from: aId, sdp: 'v=0 offer' });
    b.send({ type: 'answer', to: aId, sdp: 'v=0 answer' });
    expect(await a.next('answer')).toEqual({ type: 'answer', from: bId, sdp: 'v=0 answer' });
    const candidate = { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0' };
    a.send({ type: 'ice-candidate', to: bId, candidate });
    expect(await b.next('ice-candidate')).toEqual({ type: 'ice-candidate', from: aId, candidate });
    a.send({ type: 'ice-candidate', to: bId, candidate: null });
    expect(await b.next('ice-candidate')).toEqual({
      type: 'ice-candidate',
      from: aId,
      candidate: null,
    });
  });

  it('ignores a client-chosen from', async () => {
    const a = await seed();
    const aId = (await a.next('client-id')).id;
    const b = await seed();
    const bId = (await b.next('client-id')).id;
    a.send({ type: 'offer', to: bId, from: 'mallory', sdp: 'x' });
    expect((await b.next('offer')).from).toBe(aId);
    a.send({ type: 'chat', text: 'hi', from: 'mallory' });
    expect((await b.next('chat')).from).toBe(aId);
  });

  it('delivers chat to the others with from, id, ts, and not back to the sender', async () => {
    const a = await seed();
    const aId = (await a.next('client-id')).id;
    const b = await seed();
    await b.next('peer-list');
    const before = Date.now();
    a.send({ type: 'chat', text: 'hello' });
    const got = await b.next('chat');
    expect(got).toMatchObject({ type: 'chat', from: aId, text: 'hello' });
    expect(typeof got.seq).toBe('number');
    expect(typeof got.id).toBe('string');
    expect(got.ts).toBeGreaterThanOrEqual(before);
    // The sender gets no echo: a later message from b arrives first at a.
    b.send({ type: 'chat', text: 'back' });
    expect((await a.next('chat')).text).toBe('back');
    expect(a.received.filter((m) => m.type === 'chat')).toHaveLength(1);
  });

  it('sends a late joiner the history as plain chat messages', async () => {
    const a = await seed('history');
    await a.next('peer-list');
    a.send({ type: 'chat', text: 'one' });
    a.send({ type: 'chat', text: 'two' });
    const probe = await seed('history');
    await probe.next('chat');
    await probe.next('chat');
    const late = await seed('history');
    await late.next('peer-list');
    expect((await late.next('chat')).text).toBe('one');
    expect((await late.next('chat')).text).toBe('two');
  });

  it('tells the room peer-left when a client goes', async () => {
    const a = await seed();
    await a.next('peer-list');
    const b = await seed();
    const bId = (await b.next('client-id')).id;
    await a.next('peer-joined');
    b.close();
    expect(await a.next('peer-left')).toEqual({ type: 'peer-left', id: bId });
  });

  it('never sends a seed client an extension message type', async () => {
    const a = await seed();
    await a.next('peer-list');
    const v1 = await TestClient.connect(server, { v1: true });
    clients.push(v1);
    await v1.next('client-id');
    v1.send({ type: 'join', room: DEFAULT_ROOM, name: 'Ann', state: { mic: true } });
    await v1.next('joined');
    await a.next('peer-joined');
    v1.send({ type: 'state', camera: false });
    v1.send({ type: 'chat', text: 'from v1', id: 'm1' });
    await a.next('chat');
    a.send({ type: 'chat', text: 'from seed' });
    await v1.next('chat');
    v1.close();
    await a.next('peer-left');
    a.send({ type: 'nonsense' });
    await a.next('error');
    for (const m of a.received) {
      expect(SEED_MESSAGE_TYPES.has(m.type) || m.type === 'error').toBe(true);
    }
  });
});

describe('rooms', () => {
  it('keeps rooms apart: lists, relay and chat never cross', async () => {
    const a = await seed('alpha');
    const aId = (await a.next('client-id')).id;
    const b = await seed('beta');
    const bId = (await b.next('client-id')).id;
    expect((await b.next('peer-list')).peers).toEqual([]);
    a.send({ type: 'offer', to: bId, sdp: 'x' });
    expect(await a.next('error')).toMatchObject({ code: 'SIG_ERR_UNKNOWN_PEER', ref: 'offer' });
    a.send({ type: 'chat', text: 'alpha only' });
    const a2 = await seed('alpha');
    await a2.next('chat');
    b.send({ type: 'offer', to: aId, sdp: 'x' });
    await b.next('error');
    expect(b.received.filter((m) => m.type === 'chat' || m.type === 'peer-joined')).toEqual([]);
  });
});
