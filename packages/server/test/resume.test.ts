import { CloseCode } from '@zvonok/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerConfig } from '../src/index.js';
import { startServer, tempDir, TestClient, waitFor, type TestServer } from './helpers.js';

const servers: TestServer[] = [];
const clients: TestClient[] = [];

async function start(overrides: Partial<ServerConfig> = {}) {
  const server = await startServer(overrides);
  servers.push(server);
  return server;
}
async function member(server: TestServer, join: Record<string, unknown> & { room: string }) {
  const result = await TestClient.joined(server, join);
  clients.push(result.client);
  return result;
}
/** Proof of silence: a marker message sent after the window arrives, and nothing else before. */
async function expectNothingBut(client: TestClient, sender: TestClient, types: string[]) {
  sender.send({ type: 'chat', text: 'marker', id: `marker-${Math.random()}` });
  await client.nextWhere((m) => m.type === 'chat' && m.text === 'marker');
  const seen = client.received.map((m) => m.type).filter((t) => types.includes(t));
  expect(seen).toEqual([]);
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.drop();
  for (const s of servers.splice(0)) await s.close();
});

describe('resume', () => {
  it('gives the same id back after a drop, silently for the others', async () => {
    const server = await start({ resumeGraceMs: 5000 });
    const { client: a, joined } = await member(server, { room: 'r', name: 'Ann' });
    const { client: b } = await member(server, { room: 'r' });
    await a.next('peer-joined');
    a.drop();
    // The room keeps the seat during the grace.
    const seat = () => server.app.signaling.rooms.get('r')?.members.get(joined.id);
    await waitFor(() => seat() !== undefined && seat()!.conn === null, 3000, 'server saw the drop');
    const { client: a2, joined: again } = await member(server, {
      room: 'r',
      resumeToken: joined.resumeToken,
    });
    expect(again).toMatchObject({ id: joined.id, resumed: true });
    expect(again.resumeToken).not.toBe('');
    expect((await a2.next('peer-list')).peers).toHaveLength(1);
    await expectNothingBut(b, a2, ['peer-left', 'peer-joined']);
  });

  it('tells the room peer-left when the grace passes without a resume', async () => {
    const server = await start({ resumeGraceMs: 200 });
    const { client: a, joined } = await member(server, { room: 'r' });
    const { client: b } = await member(server, { room: 'r' });
    await a.next('peer-joined');
    const dropped = Date.now();
    a.drop();
    expect((await b.next('peer-left')).id).toBe(joined.id);
    expect(Date.now() - dropped).toBeGreaterThanOrEqual(150);
  });

  it('removes a peer at once when it closes normally (1000) or leaves', async () => {
    const server = await start({ resumeGraceMs: 60_000 });
    const { client: a, joined } = await member(server, { room: 'r' });
    const { client: b } = await member(server, { room: 'r' });
    a.close(1000);
    expect((await b.next('peer-left', 1000)).id).toBe(joined.id);
  });

  it('keeps relays for a dropped peer and delivers them on resume', async () => {
    const server = await start({ resumeGraceMs: 5000 });
    const { client: a, joined } = await member(server, { room: 'q' });
    const { client: b, joined: bj } = await member(server, { room: 'q' });
    a.drop();
    const seat = () => server.app.signaling.rooms.get('q')?.members.get(joined.id);
    await waitFor(() => seat() !== undefined && seat()!.conn === null, 3000, 'server saw the drop');
    b.send({ type: 'ice-candidate', to: joined.id, candidate: { candidate: 'c1' } });
    b.send({ type: 'chat', text: 'while away', id: 'w1' });
    await b.next('chat-ack');
    const { client: a2 } = await member(server, {
      room: 'q',
      resumeToken: joined.resumeToken,
      chatSince: 0,
    });
    expect(await a2.next('ice-candidate')).toMatchObject({
      from: bj.id,
      candidate: { candidate: 'c1' },
    });
    expect((await a2.next('chat-history')).messages.map((m) => m.text)).toEqual(['while away']);
  });

  it('closes a still-open old connection of the resumed id with 4001', async () => {
    const server = await start();
    const { client: a, joined } = await member(server, { room: 'r' });
    const { client: b } = await member(server, { room: 'r' });
    const { client: a2, joined: again } = await member(server, {
      room: 'r',
      resumeToken: joined.resumeToken,
    });
    expect(again.id).toBe(joined.id);
    expect((await a.waitClose()).code).toBe(CloseCode.Replaced);
    await expectNothingBut(b, a2, ['peer-left']);
    expect(server.app.signaling.rooms.get('r')?.members.size).toBe(2);
  });

  it('treats an invalid, tampered or other-room token as none: a new id', async () => {
    const server = await start();
    const { joined } = await member(server, { room: 'r' });
    const [id, room, expiry, sig] = joined.resumeToken.split('.');
    const tampered = `${id}.${room}.${expiry}.${sig!.slice(0, -2)}AA`;
    for (const [token, targetRoom] of [
      ['garbage', 'r'],
      [tampered, 'r'],
      [joined.resumeToken, 'elsewhere'],
    ] as const) {
      const { joined: other } = await member(server, { room: targetRoom, resumeToken: token });
      expect(other.resumed).toBe(false);
      expect(other.id).not.toBe(joined.id);
    }
  });

  it('works after a server restart: the id comes back and the others get peer-joined', async () => {
    const dataDir = tempDir();
    const first = await start({ dataDir });
    const { joined: aj } = await member(first, { room: 'z' });
    const { joined: bj } = await member(first, { room: 'z' });
    await first.close();
    servers.splice(servers.indexOf(first), 1);

    const second = await start({ dataDir });
    const { client: a2, joined: aj2 } = await member(second, {
      room: 'z',
      resumeToken: aj.resumeToken,
    });
    expect(aj2).toMatchObject({ id: aj.id, resumed: true });
    const { client: b2, joined: bj2 } = await member(second, {
      room: 'z',
      resumeToken: bj.resumeToken,
    });
    expect(bj2.id).toBe(bj.id);
    expect((await b2.next('peer-list')).peers).toEqual([{ id: aj.id }]);
    expect((await a2.next('peer-joined')).id).toBe(bj.id);
  });

  it('after a restart, chat of the new room life numbers above the old; an old chatSince gets it all', async () => {
    // Issue 6, E2E 2 found it: with numbering from 1 again, Bob resuming first and resending
    // three messages took numbers 1-3, and Ann's chatSince from before the restart (1) hid the
    // first of them from her.
    const dataDir = tempDir();
    const first = await start({ dataDir });
    const { client: a, joined: aj } = await member(first, { room: 'cz' });
    const { joined: bj } = await member(first, { room: 'cz' });
    a.send({ type: 'chat', text: 'before', id: 'a-0' });
    const before = await a.next('chat-ack');
    await first.close();
    servers.splice(servers.indexOf(first), 1);

    const second = await start({ dataDir });
    const { client: b2 } = await member(second, { room: 'cz', resumeToken: bj.resumeToken });
    const acks = [];
    for (let i = 1; i <= 3; i++) {
      b2.send({ type: 'chat', text: `bob ${i}`, id: `b-${i}` });
      acks.push(await b2.next('chat-ack'));
    }
    expect(acks[0]!.seq).toBeGreaterThan(before.seq);
    const { client: a2 } = await member(second, {
      room: 'cz',
      resumeToken: aj.resumeToken,
      chatSince: before.seq,
    });
    const history = (await a2.next('chat-history')).messages;
    expect(history.map((m) => m.text)).toEqual(['bob 1', 'bob 2', 'bob 3']);
  });

  it('honours a configured RESUME_SECRET across servers with different data directories', async () => {
    const resumeSecret = 'x'.repeat(40);
    const first = await start({ resumeSecret, dataDir: tempDir() });
    const { joined } = await member(first, { room: 'k' });
    const second = await start({ resumeSecret, dataDir: tempDir() });
    const { joined: again } = await member(second, { room: 'k', resumeToken: joined.resumeToken });
    expect(again).toMatchObject({ id: joined.id, resumed: true });
    const third = await start({ dataDir: tempDir() });
    const { joined: other } = await member(third, { room: 'k', resumeToken: joined.resumeToken });
    expect(other.resumed).toBe(false);
  });
});

describe('replace', () => {
  it('makes the old session leave at once (peer-left, 4001) and joins with a new id', async () => {
    const server = await start({ resumeGraceMs: 60_000 });
    const { client: a, joined } = await member(server, { room: 'r' });
    const { client: b } = await member(server, { room: 'r' });
    await a.next('peer-joined');
    const { joined: fresh } = await member(server, { room: 'r', replaceToken: joined.resumeToken });
    expect(fresh.id).not.toBe(joined.id);
    expect(fresh.resumed).toBe(false);
    expect((await b.next('peer-left')).id).toBe(joined.id);
    expect((await b.next('peer-joined')).id).toBe(fresh.id);
    expect((await a.waitClose()).code).toBe(CloseCode.Replaced);
  });

  it('removes a session waiting in its grace (page reload after a drop)', async () => {
    const server = await start({ resumeGraceMs: 60_000 });
    const { client: a, joined } = await member(server, { room: 'r' });
    const { client: b } = await member(server, { room: 'r' });
    a.drop();
    await member(server, { room: 'r', replaceToken: joined.resumeToken });
    expect((await b.next('peer-left')).id).toBe(joined.id);
    expect(server.app.signaling.rooms.get('r')?.members.size).toBe(2);
  });

  it('frees the seat of the replaced session in a full room', async () => {
    const server = await start({ roomCapacity: 2 });
    const { joined } = await member(server, { room: 'r' });
    await member(server, { room: 'r' });
    const { joined: fresh } = await member(server, { room: 'r', replaceToken: joined.resumeToken });
    expect(fresh.type).toBe('joined');
  });
});
