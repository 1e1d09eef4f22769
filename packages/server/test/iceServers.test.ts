/**
 * `ice-servers` before joining: what a connectivity check gets without entering a room.
 */
import { createHmac } from 'node:crypto';
import { ErrorCode } from '@zvonok/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig, type ServerConfig } from '../src/index.js';
import { PRE_JOIN_TURN_TTL_SECONDS } from '../src/signaling/ice/TurnCredentials.js';
import { startServer, TestClient, type TestServer } from './helpers.js';

let server: TestServer;
const clients: TestClient[] = [];

async function start(overrides: Partial<ServerConfig> = {}): Promise<void> {
  server = await startServer(overrides);
}

async function unjoined(): Promise<{ client: TestClient; id: string }> {
  const client = await TestClient.connect(server, { v1: true });
  clients.push(client);
  const { id } = await client.next('client-id');
  return { client, id };
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.drop();
  await server?.close();
});

const turn = { urls: ['turn:127.0.0.1:3478?transport=udp'], secret: 'pre-join', ttlSeconds: 120 };

describe('ice-servers before joining', () => {
  it('answers STUN and short-lived TURN credentials of the address’s TURN user, and joins no room', async () => {
    await start({ turn: { ...turn, ttlSeconds: 3600 }, stunUrls: ['stun:127.0.0.1:3478'] });
    const { client, id } = await unjoined();
    const before = Math.floor(Date.now() / 1000);
    client.send({ type: 'ice-servers' });
    const answer = await client.next('ice-servers');
    expect(answer.iceServers[0]).toEqual({ urls: ['stun:127.0.0.1:3478'] });
    const relay = answer.iceServers[1]!;
    const [expiry, user] = relay.username!.split(':');
    expect(user).toMatch(/^[\w-]{16}$/);
    expect(user).not.toBe(id);
    const expected = createHmac('sha1', 'pre-join').update(relay.username!).digest('base64');
    expect(relay.credential).toBe(expected);
    expect(answer.expireAt).toBe(Number(expiry) * 1000);
    // Before joining: minutes, not the configured hour.
    expect(Number(expiry) - before).toBeGreaterThanOrEqual(PRE_JOIN_TURN_TTL_SECONDS);
    expect(Number(expiry) - before).toBeLessThanOrEqual(PRE_JOIN_TURN_TTL_SECONDS * 1.25 + 1);
    expect(server.app.signaling.roomCount).toBe(0);
    expect(server.app.signaling.peerCount).toBe(0);
  });

  it('answers the STUN servers alone, without an error, when no TURN is configured', async () => {
    await start({ stunUrls: ['stun:127.0.0.1:3478'] });
    const { client } = await unjoined();
    client.send({ type: 'ice-servers' });
    const answer = await client.next('ice-servers');
    expect(answer.iceServers).toEqual([{ urls: ['stun:127.0.0.1:3478'] }]);
    expect(answer.expireAt).toBeUndefined();
    expect(client.pending('error')).toEqual([]);
  });

  it('still refuses a member’s refresh with TURN_UNAVAILABLE when no TURN is configured', async () => {
    await start({ stunUrls: ['stun:127.0.0.1:3478'] });
    const { client } = await unjoined();
    client.send({ type: 'join', room: 'r' });
    await client.next('joined');
    client.send({ type: 'ice-servers' });
    expect(await client.next('error')).toMatchObject({
      code: ErrorCode.TurnUnavailable,
      ref: 'ice-servers',
    });
  });

  it('names one TURN user for every connection of an address, before and after joining', async () => {
    await start({ turn });
    const { client: first } = await unjoined();
    const { client: second } = await unjoined();
    const userOf = (servers: { username?: string }[]) => servers[0]?.username?.split(':')[1];
    first.send({ type: 'ice-servers' });
    second.send({ type: 'ice-servers' });
    const users = [
      userOf((await first.next('ice-servers')).iceServers),
      userOf((await second.next('ice-servers')).iceServers),
    ];
    first.send({ type: 'join', room: 'r' });
    users.push(userOf((await first.next('joined')).iceServers));
    first.send({ type: 'ice-servers' });
    users.push(userOf((await first.next('ice-servers')).iceServers));
    expect(new Set(users).size).toBe(1);
    // Within one expiry step, the grants are the very same username: one user for coturn.
    expect(first.received.filter((m) => m.type === 'ice-servers').length).toBe(2);
  });

  it('hands one address only so many credentials, with TURN_RATE_LIMITED beyond', async () => {
    await start({
      turn,
      limits: { ...testConfig().limits, turnGrantsPerAddress: { burst: 3, perSecond: 0.01 } },
    });
    const { client } = await unjoined();
    for (let i = 0; i < 3; i++) {
      client.send({ type: 'ice-servers' });
      await client.next('ice-servers');
    }
    // Another connection from the same address shares the budget.
    const { client: other } = await unjoined();
    other.send({ type: 'ice-servers' });
    expect(await other.next('error')).toMatchObject({
      code: ErrorCode.TurnRateLimited,
      ref: 'ice-servers',
    });
    expect(other.pending('ice-servers')).toEqual([]);
  });
});
