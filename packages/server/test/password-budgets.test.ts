/**
 * The wrong-password budgets beyond one connection: per room (guesses from many addresses),
 * per address with IPv6 counted per /64, and both shared through a real redis-server when
 * instances share rooms. Addresses are set the way a reverse proxy would (X-Forwarded-For from a
 * trusted loopback proxy).
 */
import { randomBytes } from 'node:crypto';
import { ErrorCode } from '@zvonok/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AttemptPolicy, ServerConfig } from '../src/index.js';
import { startServer, TestClient, type TestServer } from './helpers.js';
import { startRedis, type TestRedis } from './processes.js';

const servers: TestServer[] = [];
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.drop();
  for (const s of servers.splice(0)) await s.close();
});

/** A budget that never gets in the way. */
const LOOSE: AttemptPolicy = {
  freeAttempts: 1000,
  baseDelayMs: 1,
  maxDelayMs: 1,
  maxFailures: 1000,
  windowMs: 60_000,
};

/** `max` wrong guesses free, then refused for the rest of the minute. */
function strict(max: number): AttemptPolicy {
  return {
    freeAttempts: max,
    baseDelayMs: 60_000,
    maxDelayMs: 60_000,
    maxFailures: max,
    windowMs: 60_000,
  };
}

async function start(overrides: Partial<ServerConfig>): Promise<TestServer> {
  const server = await startServer({ trustProxy: ['127.0.0.1'], ...overrides });
  servers.push(server);
  return server;
}

/** A v1 connection that the server counts as coming from `address`. */
async function from(server: TestServer, address: string): Promise<TestClient> {
  const client = await TestClient.connect(server, {
    v1: true,
    headers: { 'X-Forwarded-For': address },
  });
  clients.push(client);
  await client.next('client-id');
  return client;
}

/** Joins `room` with `password` from a new connection at `address`; the answer's code or 'joined'. */
async function attempt(
  server: TestServer,
  address: string,
  room: string,
  password: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const client = await from(server, address);
  client.send({ type: 'join', room, password, ...extra });
  const answer = await client.nextWhere((m) => m.type === 'error' || m.type === 'joined');
  return answer.type === 'joined' ? 'joined' : String(answer.code);
}

describe('the password budget per room', () => {
  it('refuses guesses from many addresses once the room’s budget is spent, exempts the room’s own people, and leaves other rooms alone', async () => {
    const server = await start({
      passwordAttempts: { perConnection: LOOSE, perAddress: LOOSE, perRoom: strict(4) },
    });
    const owner = await from(server, '198.51.100.1');
    owner.send({ type: 'join', room: 'vault', password: 'sesame' });
    const { resumeToken } = await owner.next('joined');
    for (let i = 0; i < 4; i++) {
      expect(await attempt(server, `203.0.113.${i + 1}`, 'vault', `guess${i}`)).toBe(
        ErrorCode.WrongPassword,
      );
    }
    // A fifth address, even with the right password: the room has had enough guesses.
    expect(await attempt(server, '203.0.113.50', 'vault', 'sesame')).toBe(
      ErrorCode.TooManyAttempts,
    );
    // The owner reloading the page (its token of this room) is not locked out.
    expect(
      await attempt(server, '198.51.100.1', 'vault', 'sesame', { replaceToken: resumeToken }),
    ).toBe('joined');
    // Another room's budget is its own.
    await from(server, '198.51.100.2').then((c) => {
      c.send({ type: 'join', room: 'other', password: 'pw' });
      return c.next('joined');
    });
    expect(await attempt(server, '203.0.113.60', 'other', 'pw')).toBe('joined');
  });
});

describe('the password budget per address', () => {
  it('counts an IPv6 address by its /64: other addresses of the same network share it, another network does not', async () => {
    const server = await start({
      passwordAttempts: { perConnection: LOOSE, perAddress: strict(2), perRoom: LOOSE },
    });
    const owner = await from(server, '198.51.100.1');
    owner.send({ type: 'join', room: 'v6', password: 'sesame' });
    await owner.next('joined');
    expect(await attempt(server, '2001:db8:1:2::1', 'v6', 'a')).toBe(ErrorCode.WrongPassword);
    expect(await attempt(server, '2001:db8:1:2::ffff', 'v6', 'b')).toBe(ErrorCode.WrongPassword);
    expect(await attempt(server, '2001:db8:1:2:abcd:1:2:3', 'v6', 'sesame')).toBe(
      ErrorCode.TooManyAttempts,
    );
    expect(await attempt(server, '2001:db8:1:3::1', 'v6', 'sesame')).toBe('joined');
  });

  it('lets two people from one office address in after one of them mistyped', async () => {
    const server = await start({});
    const owner = await from(server, '198.51.100.1');
    owner.send({ type: 'join', room: 'office', password: 'sesame' });
    await owner.next('joined');
    const ann = await from(server, '192.0.2.10');
    for (const typo of ['sesam', 'Sesame']) {
      ann.send({ type: 'join', room: 'office', password: typo });
      expect(await ann.next('error')).toMatchObject({ code: ErrorCode.WrongPassword });
    }
    ann.send({ type: 'join', room: 'office', password: 'sesame' });
    await ann.next('joined');
    expect(await attempt(server, '192.0.2.10', 'office', 'sesame')).toBe('joined');
  });
});

describe('with instances sharing rooms through Redis', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  async function pair(passwordAttempts: ServerConfig['passwordAttempts']) {
    const prefix = `t${randomBytes(4).toString('hex')}:`;
    const config: Partial<ServerConfig> = {
      redis: { url: redis.url, prefix, presenceTtlMs: 1000, commandTimeoutMs: 300 },
      resumeSecret: 'a-secret-shared-by-every-instance-of-the-test',
      passwordAttempts,
    };
    return [await start(config), await start(config)] as const;
  }

  it('shares the budget per address: guesses on one instance count on the other', async () => {
    const [one, two] = await pair({ perConnection: LOOSE, perAddress: strict(3), perRoom: LOOSE });
    const owner = await from(one, '198.51.100.1');
    owner.send({ type: 'join', room: 'shared', password: 'sesame' });
    await owner.next('joined');
    expect(await attempt(one, '2001:db8:7:7::1', 'shared', 'a')).toBe(ErrorCode.WrongPassword);
    expect(await attempt(two, '2001:db8:7:7::2', 'shared', 'b')).toBe(ErrorCode.WrongPassword);
    expect(await attempt(one, '2001:db8:7:7::3', 'shared', 'c')).toBe(ErrorCode.WrongPassword);
    expect(await attempt(two, '2001:db8:7:7::4', 'shared', 'sesame')).toBe(
      ErrorCode.TooManyAttempts,
    );
    expect(await attempt(one, '2001:db8:7:7::5', 'shared', 'sesame')).toBe(
      ErrorCode.TooManyAttempts,
    );
    // Another address is not held back.
    expect(await attempt(two, '192.0.2.77', 'shared', 'sesame')).toBe('joined');
  });

  it('shares the budget per room: many addresses spread over instances meet one budget', async () => {
    const [one, two] = await pair({ perConnection: LOOSE, perAddress: LOOSE, perRoom: strict(4) });
    const owner = await from(one, '198.51.100.1');
    owner.send({ type: 'join', room: 'botnet', password: 'sesame' });
    const { resumeToken } = await owner.next('joined');
    for (let i = 0; i < 4; i++) {
      const at = i % 2 === 0 ? one : two;
      expect(await attempt(at, `203.0.113.${i + 1}`, 'botnet', `guess${i}`)).toBe(
        ErrorCode.WrongPassword,
      );
    }
    expect(await attempt(two, '203.0.113.99', 'botnet', 'sesame')).toBe(ErrorCode.TooManyAttempts);
    expect(await attempt(one, '203.0.113.98', 'botnet', 'sesame')).toBe(ErrorCode.TooManyAttempts);
    expect(
      await attempt(two, '198.51.100.1', 'botnet', 'sesame', { replaceToken: resumeToken }),
    ).toBe('joined');
  });
});
