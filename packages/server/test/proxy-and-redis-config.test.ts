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
  it('reads off, a hop count (true: one) or a list of proxy addresses', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    // Once "believe any X-Forwarded-For"; now the one proxy in front, as documented.
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
    ]);
    expect(configProblems({ TRUST_PROXY: 'proxy.example.com' })[0]).toMatch(/TRUST_PROXY/);
    expect(configProblems({ TRUST_PROXY: '1000' })[0]).toMatch(/TRUST_PROXY/);
  });

  // The client wrote "198.51.100.66" itself; the proxy at 127.0.0.1 appended the address it saw.
  const forwarded = '198.51.100.66, 203.0.113.7';

  it.each([
    ['no proxy trusted', '127.0.0.1', false],
    ['one hop (TRUST_PROXY=true)', '203.0.113.7', loadConfig({ TRUST_PROXY: 'true' }).trustProxy],
    ['the proxy by address', '203.0.113.7', ['127.0.0.1']],
    ['two hops: the proxy and one before it', '198.51.100.66', 2],
  ] as const)(
    'with %s, a connection through a proxy counts as coming from %s',
    async (_what, expected, trustProxy) => {
      const server = await startServer(
        { trustProxy: typeof trustProxy === 'object' ? [...trustProxy] : trustProxy },
        { captureLogs: true },
      );
      try {
        const client = await TestClient.connect(server, {
          v1: true,
          headers: { 'X-Forwarded-For': forwarded },
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
