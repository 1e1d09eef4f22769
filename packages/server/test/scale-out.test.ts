/**
 * Several instances sharing rooms through a real redis-server (started here on a free loopback
 * port): two instances in this process (built with build(), like every other suite) or one in a
 * child process where it must die for real.
 */
import { randomBytes } from 'node:crypto';
import { CloseCode, ErrorCode, PROTOCOL_V1 } from '@zvonok/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ServerConfig } from '../src/index.js';
import { startServer, TestClient, waitFor, type TestServer } from './helpers.js';
import {
  redisCommand,
  spawnServer,
  startRedis,
  type ChildServer,
  type TestRedis,
} from './processes.js';

/** Presence lifetime in these tests: a dead instance's peers leave within this + a heartbeat. */
const PRESENCE_TTL_MS = 1000;
const HEARTBEAT_MS = PRESENCE_TTL_MS / 5;

let redis: TestRedis;
let prefix: string;
const servers: TestServer[] = [];
const children: ChildServer[] = [];
const clients: TestClient[] = [];

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.drop();
  for (const s of servers.splice(0)) await s.close();
  for (const c of children.splice(0)) await c.kill();
  redis.resume();
});

/** A fresh key prefix per test: tests never see each other's rooms. */
function freshPrefix(): string {
  prefix = `t${randomBytes(4).toString('hex')}:`;
  return prefix;
}

async function instance(overrides: Partial<ServerConfig> = {}) {
  const server = await startServer({
    redis: {
      url: redis.url,
      prefix,
      presenceTtlMs: PRESENCE_TTL_MS,
      commandTimeoutMs: 300,
    },
    resumeSecret: 'a-secret-shared-by-every-instance-of-the-test',
    ...overrides,
  });
  servers.push(server);
  return server;
}

/** Two instances on one Redis. */
async function pair(overrides: Partial<ServerConfig> = {}) {
  freshPrefix();
  return [await instance(overrides), await instance(overrides)] as const;
}

async function member(at: TestServer | string, join: Record<string, unknown> & { room: string }) {
  const client = await TestClient.connect(at, { v1: true });
  clients.push(client);
  await client.next('client-id');
  client.send({ type: 'join', ...join });
  const joined = await client.next('joined');
  return { client, joined };
}

async function health(server: TestServer) {
  const response = await fetch(`${server.url}/healthz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function metric(server: TestServer, name: string): Promise<number> {
  const text = await server.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return Number(line?.split(' ')[1]);
}

/** Proof of silence: a marker chat sent after the window arrives, and nothing else before. */
async function expectNothingBut(
  client: TestClient,
  sender: TestClient,
  types: string[],
  before = client.received.length,
) {
  const marker = `marker-${Math.random()}`;
  sender.send({ type: 'chat', text: marker, id: marker });
  await client.nextWhere((m) => m.type === 'chat' && m.text === marker, 5000);
  const after = client.received.slice(before).map((m) => m.type);
  expect(after.filter((t) => types.includes(t))).toEqual([]);
}

describe('two instances, one Redis', () => {
  it('puts people on different instances in one room: peer list, joined, state, left', async () => {
    const [one, two] = await pair();
    const { client: ann, joined: aj } = await member(one, {
      room: 'r',
      name: 'Ann',
      state: { mic: true },
    });
    const { client: bob, joined: bj } = await member(two, { room: 'r', name: 'Bob' });
    expect((await bob.next('peer-list')).peers).toEqual([{ id: aj.id, name: 'Ann', mic: true }]);
    expect(await ann.next('peer-joined')).toMatchObject({ id: bj.id, name: 'Bob' });

    bob.send({ type: 'state', camera: false });
    expect(await ann.next('peer-state')).toMatchObject({ id: bj.id, camera: false });
    // A late joiner on either instance sees the state as it is now.
    const { client: cid } = await member(one, { room: 'r', name: 'Cid' });
    const list = (await cid.next('peer-list')).peers;
    expect(list).toHaveLength(2);
    expect(list).toContainEqual({ id: bj.id, name: 'Bob', camera: false });

    bob.send({ type: 'leave' });
    expect((await ann.next('peer-left')).id).toBe(bj.id);
    expect((await cid.next('peer-left')).id).toBe(bj.id);
    expect(one.app.signaling.rooms.get('r')?.members.size).toBe(2);
    await waitFor(() => two.app.signaling.rooms.get('r') === undefined, 3000, 'room released');
  });

  it('relays offers, answers and candidates both ways between instances', async () => {
    const [one, two] = await pair();
    const { client: ann, joined: aj } = await member(one, { room: 'relay' });
    const { client: bob, joined: bj } = await member(two, { room: 'relay' });
    // As a client does: offer to Bob once told he is here (Ann's instance learns it from Redis).
    expect((await ann.next('peer-joined')).id).toBe(bj.id);
    ann.send({ type: 'offer', to: bj.id, sdp: 'v=0 offer' });
    expect(await bob.next('offer')).toEqual({ type: 'offer', from: aj.id, sdp: 'v=0 offer' });
    bob.send({ type: 'answer', to: aj.id, sdp: 'v=0 answer' });
    expect(await ann.next('answer')).toEqual({ type: 'answer', from: bj.id, sdp: 'v=0 answer' });
    bob.send({ type: 'ice-candidate', to: aj.id, candidate: { candidate: 'c1' } });
    expect((await ann.next('ice-candidate')).candidate).toEqual({ candidate: 'c1' });
    // Unknown targets are still refused.
    ann.send({ type: 'offer', to: 'nobody', sdp: 'x' });
    expect(await ann.next('error')).toMatchObject({ code: ErrorCode.UnknownPeer });
  });

  it('numbers chat across instances, acks, never doubles a resend, and keeps the history', async () => {
    const [one, two] = await pair();
    const { client: ann } = await member(one, { room: 'chat', name: 'Ann' });
    const { client: bob } = await member(two, { room: 'chat', name: 'Bob' });
    await ann.next('peer-joined');
    ann.send({ type: 'chat', text: 'hello', id: 'm1' });
    const got = await bob.next('chat');
    expect(got).toMatchObject({ text: 'hello', id: 'm1', name: 'Ann' });
    // Numbered from the room's creation time, as in memory, and one by one from there.
    const first = got.seq!;
    expect(Math.abs(first - Date.now())).toBeLessThan(60_000);
    expect(await ann.next('chat-ack')).toMatchObject({ id: 'm1', seq: first });
    bob.send({ type: 'chat', text: 'hi', id: 'm2' });
    expect(await ann.next('chat')).toMatchObject({ text: 'hi', seq: first + 1 });
    // A resend after a reconnect: acked again with the same number, not delivered again.
    ann.send({ type: 'chat', text: 'hello', id: 'm1' });
    expect(await ann.next('chat-ack')).toMatchObject({ id: 'm1', seq: first });
    await expectNothingBut(bob, ann, []);
    expect(bob.received.filter((m) => m.type === 'chat' && m.id === 'm1')).toHaveLength(1);
    // Late joiners get the history on either instance, and only what they missed.
    const { client: late } = await member(one, { room: 'chat' });
    const history = (await late.next('chat-history')).messages;
    expect(history.map((m) => m.id).slice(0, 2)).toEqual(['m1', 'm2']);
    const { client: later } = await member(two, { room: 'chat', chatSince: first });
    const missed = (await later.next('chat-history')).messages;
    expect(missed.map((m) => m.id)).toEqual(['m2', ...missed.slice(1).map((m) => m.id)]);
    expect(missed[0]).toMatchObject({ id: 'm2', seq: first + 1 });
  });

  it('resumes an id on the other instance, silently for the room, with relays still flowing', async () => {
    const [one, two] = await pair({ resumeGraceMs: 10_000 });
    const { client: ann, joined: aj } = await member(one, { room: 'move' });
    const { client: bob, joined: bj } = await member(two, { room: 'move', name: 'Bob' });
    await ann.next('peer-joined');
    const mark = ann.received.length;
    bob.drop();
    const seat = () => two.app.signaling.rooms.get('move')?.members.get(bj.id);
    await waitFor(() => seat()?.conn === null, 3000, 'instance two saw the drop');
    // Relayed while Bob is away: kept on instance two, handed over with the seat.
    ann.send({ type: 'ice-candidate', to: bj.id, candidate: { candidate: 'while-away' } });
    await waitFor(() => (seat()?.queue?.length ?? 0) === 1, 3000, 'queued on instance two');

    const { client: back, joined: again } = await member(one, {
      room: 'move',
      resumeToken: bj.resumeToken,
    });
    expect(again).toMatchObject({ id: bj.id, resumed: true });
    expect((await back.next('peer-list')).peers).toEqual([{ id: aj.id }]);
    expect((await back.next('ice-candidate')).candidate).toEqual({ candidate: 'while-away' });
    await waitFor(() => two.app.signaling.rooms.get('move') === undefined, 3000, 'seat moved');
    ann.send({ type: 'offer', to: bj.id, sdp: 'after' });
    expect(await back.next('offer')).toMatchObject({ from: aj.id, sdp: 'after' });
    await expectNothingBut(ann, back, ['peer-left', 'peer-joined'], mark);
  });

  it('replaces a session held by the other instance (a reload that lands elsewhere), even in a full room', async () => {
    const [one, two] = await pair({ roomCapacity: 2 });
    const { client: ann, joined: aj } = await member(one, { room: 'reload' });
    const { client: bob } = await member(two, { room: 'reload' });
    await ann.next('peer-joined');
    const { joined: fresh } = await member(two, {
      room: 'reload',
      replaceToken: aj.resumeToken,
    });
    expect(fresh.id).not.toBe(aj.id);
    expect((await bob.next('peer-left')).id).toBe(aj.id);
    expect((await bob.next('peer-joined')).id).toBe(fresh.id);
    expect((await ann.waitClose()).code).toBe(CloseCode.Replaced);
    await waitFor(() => one.app.signaling.rooms.get('reload') === undefined, 3000, 'seat gone');
  });

  it('holds passwords and capacity across instances', async () => {
    const [one, two] = await pair({ roomCapacity: 2 });
    await member(one, { room: 'locked', password: 'secret' });
    const probe = await TestClient.connect(two, { v1: true });
    clients.push(probe);
    await probe.next('client-id');
    probe.send({ type: 'join', room: 'locked' });
    expect(await probe.next('error')).toMatchObject({ code: ErrorCode.PasswordRequired });
    probe.send({ type: 'join', room: 'locked', password: 'guess' });
    expect(await probe.next('error')).toMatchObject({ code: ErrorCode.WrongPassword });
    probe.send({ type: 'join', room: 'locked', password: 'secret' });
    await probe.next('joined');
    const { client: third } = await TestClient.joined(one, { room: 'other' }).then((r) => {
      clients.push(r.client);
      return r;
    });
    third.send({ type: 'leave' });
    third.send({ type: 'join', room: 'locked', password: 'secret' });
    expect(await third.next('error')).toMatchObject({ code: ErrorCode.RoomFull });
  });

  it('lets a seed client on one instance and a v1 client on the other meet', async () => {
    const [one, two] = await pair();
    const seed = await TestClient.connect(two, { room: 'mixed' });
    clients.push(seed);
    await seed.next('peer-list');
    const { client: v1, joined } = await member(one, { room: 'mixed', name: 'Vi' });
    expect(v1.ws.protocol).toBe(PROTOCOL_V1);
    expect(await seed.next('peer-joined')).toMatchObject({ id: joined.id, name: 'Vi' });
    v1.send({ type: 'chat', text: 'to seed' });
    expect(await seed.next('chat')).toMatchObject({ text: 'to seed', from: joined.id });
  });
});

describe('an instance that dies', () => {
  it(`has its peers announced as left on the others within ${PRESENCE_TTL_MS} ms + a heartbeat, and nothing of them left in Redis`, async () => {
    freshPrefix();
    const survivor = await instance();
    const doomed = await spawnServer({
      REDIS_URL: redis.url,
      REDIS_PREFIX: prefix,
      REDIS_PRESENCE_TTL_MS: String(PRESENCE_TTL_MS),
      RESUME_SECRET: 'a-secret-shared-by-every-instance-of-the-test',
    });
    children.push(doomed);
    const { client: ann } = await member(survivor, { room: 'doom' });
    const { joined: bj } = await member(doomed.wsUrl, { room: 'doom' });
    const { joined: cj } = await member(doomed.wsUrl, { room: 'doom' });
    await ann.next('peer-joined');
    await ann.next('peer-joined');
    // The survivor reaps only after a whole presence lifetime of health: let that pass first.
    await new Promise((r) => setTimeout(r, PRESENCE_TTL_MS));

    const killed = Date.now();
    await doomed.kill();
    const gone = [(await ann.next('peer-left', 5000)).id, (await ann.next('peer-left', 5000)).id];
    const took = Date.now() - killed;
    expect(gone.sort()).toEqual([bj.id, cj.id].sort());
    expect(took).toBeLessThanOrEqual(PRESENCE_TTL_MS + 2 * HEARTBEAT_MS + 1000);
    const members = await redisCommand(redis.port, ['HKEYS', `${prefix}room:doom:members`]);
    expect(members).not.toContain(bj.id);
    expect(members).not.toContain(cj.id);
    expect(await metric(survivor, 'zvonok_backplane_reaped_total')).toBe(2);
  }, 60_000);
});

describe('Redis outage', () => {
  it('keeps local calls going, reports unhealthy, refuses joins, and recovers by itself', async () => {
    const [one, two] = await pair();
    const { client: ann, joined: aj } = await member(one, { room: 'out' });
    const { client: amy, joined: amyj } = await member(one, { room: 'out' });
    const { client: bob, joined: bj } = await member(two, { room: 'out' });
    expect((await health(one)).status).toBe(200);
    expect(await metric(one, 'zvonok_backplane_up')).toBe(1);

    redis.pause();
    let h = await health(one);
    for (const deadline = Date.now() + 5000; h.status === 200 && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 100));
      h = await health(one);
    }
    expect(h.status).toBe(503);
    expect(h.body).toMatchObject({ status: 'unhealthy' });
    expect(String(h.body.reason)).toMatch(/^redis: /);
    expect(await metric(one, 'zvonok_backplane_up')).toBe(0);
    // Members of the same instance still reach each other.
    ann.send({ type: 'offer', to: amyj.id, sdp: 'local' });
    expect(await amy.next('offer')).toMatchObject({ from: aj.id, sdp: 'local' });
    // New joins are refused with a code, not left hanging.
    const late = await TestClient.connect(one, { v1: true });
    clients.push(late);
    await late.next('client-id');
    late.send({ type: 'join', room: 'out' });
    expect(await late.next('error', 3000)).toMatchObject({ code: ErrorCode.Internal });

    redis.resume();
    for (const deadline = Date.now() + 5000; h.status !== 200 && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 100));
      h = await health(one);
    }
    expect(h.status).toBe(200);
    expect(await metric(one, 'zvonok_backplane_outages_total')).toBeGreaterThanOrEqual(1);
    ann.send({ type: 'offer', to: bj.id, sdp: 'across again' });
    expect(await bob.next('offer', 5000)).toMatchObject({ from: aj.id });
    late.send({ type: 'join', room: 'out' });
    expect((await late.next('peer-list', 5000)).peers).toHaveLength(3);
    // Nobody was announced as gone by the outage.
    expect(ann.received.filter((m) => m.type === 'peer-left')).toEqual([]);
    expect(bob.received.filter((m) => m.type === 'peer-left')).toEqual([]);
  });

  it('after Redis restarts empty, resyncs every instance’s members so rooms are whole again', async () => {
    const [one, two] = await pair();
    const { client: ann, joined: aj } = await member(one, { room: 'phoenix', password: 'pw' });
    const { client: bob, joined: bj } = await member(two, { room: 'phoenix', password: 'pw' });
    await ann.next('peer-joined');

    await redis.kill();
    await waitFor(() => !one.app.signaling.health().ok, 5000, 'instance one notices');
    await redis.start();
    await waitFor(
      () => one.app.signaling.health().ok && two.app.signaling.health().ok,
      8000,
      'both instances healthy again',
    );
    // The room is rebuilt from both instances, password included.
    const { client: cid } = await member(two, { room: 'phoenix', password: 'pw' }).catch(
      async () => {
        // A resync may still be under way: give it a heartbeat and try once more.
        await new Promise((r) => setTimeout(r, 500));
        return member(two, { room: 'phoenix', password: 'pw' });
      },
    );
    const ids = (await cid.next('peer-list')).peers.map((p) => p.id).sort();
    expect(ids).toEqual([aj.id, bj.id].sort());
    ann.send({ type: 'offer', to: bj.id, sdp: 'reborn' });
    expect(
      await bob.next('offer', 5000).catch((err: Error) => {
        throw new Error(`${err.message}; Ann got ${JSON.stringify(ann.received.slice(-4))}`);
      }),
    ).toMatchObject({ from: aj.id });
    // Nobody was told that someone left: the instances rebuilt the room, they did not lose it.
    await expectNothingBut(ann, bob, ['peer-left'], 0);
    const wrong = await TestClient.connect(one, { v1: true });
    clients.push(wrong);
    await wrong.next('client-id');
    wrong.send({ type: 'join', room: 'phoenix' });
    expect(await wrong.next('error')).toMatchObject({ code: ErrorCode.PasswordRequired });
  });
});
