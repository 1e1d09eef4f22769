/**
 * Chat in the Redis mode against a real redis-server: text a client could poison it with, and
 * the per-room byte budget, kept by the chat script without ever decoding a message.
 */
import { randomBytes } from 'node:crypto';
import { ErrorCode } from '@zvonok/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testConfig, type ServerConfig } from '../src/index.js';
import { startServer, TestClient, waitFor, type TestServer } from './helpers.js';
import { redisCommand, startRedis, type TestRedis } from './processes.js';

let redis: TestRedis;
let prefix: string;
const servers: TestServer[] = [];
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
});

/** The smallest per-room budget, so that a few long messages make the script trim. */
const ROOM_BYTES = 32 * 1024;

async function instance(overrides: Partial<ServerConfig> = {}) {
  const server = await startServer({
    redis: { url: redis.url, prefix, presenceTtlMs: 1000, commandTimeoutMs: 300 },
    resumeSecret: 'a-secret-shared-by-every-instance-of-the-test',
    limits: {
      ...testConfig().limits,
      chatBytesPerRoom: ROOM_BYTES,
      chat: { burst: 1000, perSecond: 1000 },
    },
    ...overrides,
  });
  servers.push(server);
  return server;
}

async function member(at: TestServer, join: Record<string, unknown> & { room: string }) {
  const { client, joined } = await TestClient.joined(at, join);
  clients.push(client);
  return { client, joined };
}

describe('chat in the Redis mode', () => {
  it('refuses a lone surrogate with BAD_TEXT; every honest message after it is delivered live, across instances, while the script trims', async () => {
    prefix = `t${randomBytes(4).toString('hex')}:`;
    const one = await instance();
    const two = await instance();
    const { client: ann } = await member(one, { room: 'poison', name: 'Ann' });
    const { client: bob } = await member(two, { room: 'poison', name: 'Bob' });
    await ann.next('peer-joined');

    // What JSON.stringify makes of a lone surrogate: the escape cjson cannot decode.
    ann.sendRaw('{"type":"chat","text":"poison \\ud800","id":"bad"}');
    expect(await ann.next('error')).toMatchObject({ code: ErrorCode.BadText, ref: 'chat' });

    // 4000 characters each: about eight fill the room's budget, so the script trims all along.
    const count = 24;
    for (let i = 0; i < count; i++) {
      const sender = i % 2 === 0 ? ann : bob;
      sender.send({ type: 'chat', text: `${i} ${'x'.repeat(3990)}`, id: `h${i}` });
    }
    const liveAt = (c: TestClient, from: TestClient) =>
      c.received.filter((m) => m.type === 'chat' && clientsMessage(m, from)).length;
    const clientsMessage = (m: Record<string, unknown>, from: TestClient) =>
      from === ann ? String(m.id).match(/^h\d*[02468]$/) : String(m.id).match(/^h\d*[13579]$/);
    await waitFor(() => liveAt(bob, ann) === count / 2 && liveAt(ann, bob) === count / 2, 5000);
    expect(ann.received.filter((m) => m.type === 'chat-ack')).toHaveLength(count / 2);
    expect(bob.received.filter((m) => m.type === 'chat-ack')).toHaveLength(count / 2);

    // What is kept: the newest messages, within the budget as stored, numbered without gaps.
    const { client: late } = await member(one, { room: 'poison' });
    const history = (await late.next('chat-history')).messages;
    const bytes = history.reduce((n, m) => n + Buffer.byteLength(JSON.stringify(m)), 0);
    expect(bytes).toBeLessThanOrEqual(ROOM_BYTES);
    expect(history.length).toBeGreaterThanOrEqual(6);
    expect(history.at(-1)?.id).toBe(`h${count - 1}`);
    const seqs = history.map((m) => m.seq!);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
    // Trimmed messages leave nothing behind in the resend lookup.
    const lookups = await redisCommand(redis.port, ['HLEN', `${prefix}room:poison:chatkeys`]);
    expect(lookups).toBe(`:${2 * history.length}`);
  });

  it('trims an entry the script cannot decode (stored before text was checked) and delivers the next messages', async () => {
    prefix = `t${randomBytes(4).toString('hex')}:`;
    const one = await instance();
    const { client: ann } = await member(one, { room: 'old', name: 'Ann' });
    const { client: bob } = await member(one, { room: 'old', name: 'Bob' });
    ann.send({ type: 'chat', text: 'first', id: 'f' });
    const first = (await bob.next('chat')).seq!;
    // A message kept by an older version: its text is an escape cjson refuses.
    const poisoned = `{"type":"chat","from":"x","id":"p","text":"\\ud800","ts":1,"seq":${first + 1}}`;
    await redisCommand(redis.port, ['RPUSH', `${prefix}room:old:chat`, poisoned]);
    await redisCommand(redis.port, ['HINCRBY', `${prefix}room:old:meta`, 'seq', '1']);
    await redisCommand(redis.port, ['HSET', `${prefix}room:old:chatkeys`, 'x\np', poisoned]);
    // Past the 100 kept, the first messages are trimmed: the poisoned one among them.
    for (let i = 0; i < 110; i++) ann.send({ type: 'chat', text: `n${i}`, id: `n${i}` });
    await waitFor(() => bob.received.filter((m) => m.type === 'chat').length === 111, 5000);
    const errors = ann.received.filter((m) => m.type === 'error');
    expect(errors).toEqual([]);
    const kept = await redisCommand(redis.port, ['LRANGE', `${prefix}room:old:chat`, '0', '0']);
    expect(kept).not.toContain('\\ud800');
  });
});
