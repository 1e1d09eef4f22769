/** REDIS_* and TRUST_PROXY: how they are read, and what TRUST_PROXY changes for a connection. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/index.js';
import { configProblems, startServer, TestClient, waitFor } from './helpers.js';

describe('REDIS_URL and friends', () => {
  it('keep everything in memory when REDIS_URL is not set', () => {
    expect(loadConfig({}).redis).toBeNull();
  });

  it('read the URL, the key prefix and the presence lifetime', () => {
    expect(
      loadConfig({
        REDIS_URL: 'redis://:pw@redis.internal:6380/2',
        REDIS_PREFIX: 'calls:',
        REDIS_PRESENCE_TTL_MS: '8000',
      }).redis,
    ).toEqual({
      url: 'redis://:pw@redis.internal:6380/2',
      prefix: 'calls:',
      presenceTtlMs: 8000,
      commandTimeoutMs: 2000,
    });
    expect(loadConfig({ REDIS_URL: 'rediss://r:6379' }).redis).toMatchObject({
      prefix: 'zvonok:',
      presenceTtlMs: 5000,
    });
  });

  it('name each mistake, without echoing a password', () => {
    const found = configProblems({
      REDIS_URL: 'http://user:hunter2@r:6379',
      REDIS_PREFIX: 'has space',
      REDIS_PRESENCE_TTL_MS: '10',
    });
    expect(found).toHaveLength(3);
    expect(found.join('\n')).toMatch(/REDIS_URL .* is not a Redis URL/);
    expect(found.join('\n')).not.toContain('hunter2');
    expect(found.join('\n')).toMatch(/REDIS_PREFIX/);
    expect(found.join('\n')).toMatch(/REDIS_PRESENCE_TTL_MS/);
  });
});

describe('TRUST_PROXY', () => {
  it('reads off, on, a hop count or a list of proxy addresses', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
    ]);
    expect(configProblems({ TRUST_PROXY: 'proxy.example.com' })[0]).toMatch(/TRUST_PROXY/);
  });

  it.each([
    [false, '127.0.0.1'],
    [['127.0.0.1'], '203.0.113.7'],
  ] as const)(
    'with %j, a connection through a proxy counts as coming from %s',
    async (trustProxy, expected) => {
      const server = await startServer(
        { trustProxy: trustProxy === false ? false : [...trustProxy] },
        { captureLogs: true },
      );
      try {
        const client = await TestClient.connect(server, {
          v1: true,
          headers: { 'X-Forwarded-For': '203.0.113.7' },
        });
        await client.next('client-id');
        const connected = () =>
          server.logs
            .map((l) => JSON.parse(l) as Record<string, unknown>)
            .find((l) => l.msg === 'connected');
        await waitFor(() => connected() !== undefined, 3000, 'connected log line');
        expect(connected()?.address).toBe(expected);
        client.drop();
      } finally {
        await server.close();
      }
    },
  );
});
