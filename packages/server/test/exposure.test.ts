/**
 * What a hostile page or a token left behind could use: `/metrics` on the public port, the
 * Origin check against DNS rebinding, and resume tokens that outlive their session.
 */
import { randomBytes } from 'node:crypto';
import { CloseCode } from '@zvonok/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listenMetrics, loadConfig, type ServerConfig } from '../src/index.js';
import { configProblems, startServer, TestClient, waitFor, type TestServer } from './helpers.js';
import { startRedis, type TestRedis } from './processes.js';

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

/** Waits until `token` (genuine) is past its lifetime, as the server itself judges it. */
async function tokenExpired(server: TestServer, token: string) {
  const tokens = server.app.signaling.tokens;
  expect(tokens.read(token, ['resume'])).not.toBeNull();
  await waitFor(() => tokens.verify(token) === null, 3000, 'the resume token expired');
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.drop();
  for (const s of servers.splice(0)) await s.close();
});

describe('/metrics', () => {
  const token = 'a-metrics-token-of-at-least-32-characters';

  it('is off on the public port unless configured', async () => {
    const server = await start({ metrics: { token: null, port: null, host: '127.0.0.1' } });
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toMatch(/zvonok_/);
  });

  it('with METRICS_TOKEN answers only a request that carries it', async () => {
    const server = await start({ metrics: { token, port: null, host: '127.0.0.1' } });
    for (const authorization of [undefined, 'Bearer wrong', `Basic ${token}`, `Bearer ${token}x`]) {
      const res = await fetch(`${server.url}/metrics`, {
        headers: authorization === undefined ? {} : { authorization },
      });
      expect(res.status, authorization).toBe(401);
      expect(await res.text()).not.toMatch(/zvonok_/);
    }
    const res = await fetch(`${server.url}/metrics`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^zvonok_connections 0$/m);
  });

  it('with METRICS_PORT is served on a listener of its own, and not on the public port', async () => {
    const server = await start({ metrics: { token: null, port: 0, host: '127.0.0.1' } });
    const at = await listenMetrics(server.app, server.config);
    expect(at).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const { client } = await member(server, { room: 'm' });
    expect(client).toBeDefined();
    const res = await fetch(`${at}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^zvonok_peers 1$/m);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
  });

  it('is read from METRICS_TOKEN, METRICS_PORT and METRICS_HOST', () => {
    expect(loadConfig({}).metrics).toEqual({ token: null, port: null, host: '127.0.0.1' });
    expect(loadConfig({ METRICS_PORT: '9464', METRICS_HOST: '10.0.0.2' }).metrics).toEqual({
      token: null,
      port: 9464,
      host: '10.0.0.2',
    });
    expect(loadConfig({ METRICS_TOKEN: token }).metrics.token).toBe(token);
    expect(configProblems({ METRICS_TOKEN: 'short' })[0]).toMatch(/METRICS_TOKEN/);
    expect(configProblems({ METRICS_HOST: '10.0.0.2' })[0]).toMatch(/METRICS_PORT/);
  });
});

describe('the Origin check without ALLOWED_ORIGINS', () => {
  it('refuses a rebound DNS name even when Origin equals Host', async () => {
    const server = await start();
    const port = new URL(server.url).port;
    const rebound = TestClient.connect(server, {
      headers: { origin: `http://evil.example:${port}`, host: `evil.example:${port}` },
    });
    await expect(rebound).rejects.toThrow(/403/);
  });

  it('accepts loopback names and an address typed as such (a phone on the LAN)', async () => {
    const server = await start();
    const port = new URL(server.url).port;
    const cases: Array<Record<string, string>> = [
      { origin: `http://localhost:${port}`, host: `localhost:${port}` },
      { origin: `http://app.localhost:${port}`, host: `app.localhost:${port}` },
      { origin: `http://127.0.0.1:${port}` },
      { origin: `http://[::1]:${port}`, host: `[::1]:${port}` },
      { origin: `https://192.168.1.20:8443`, host: '192.168.1.20:8443' },
    ];
    for (const headers of cases) {
      clients.push(await TestClient.connect(server, { headers }));
    }
    // An address, but not the one the request was sent to: a page of another server.
    await expect(
      TestClient.connect(server, {
        headers: { origin: 'https://192.168.1.20:8443', host: '192.168.1.21:8443' },
      }),
    ).rejects.toThrow(/403/);
  });
});

describe('resume tokens', () => {
  it('are revoked on leave: the token neither brings the id back nor ends a later session', async () => {
    const server = await start({ resumeGraceMs: 60_000 });
    const { client: ann, joined } = await member(server, { room: 'r', name: 'Ann' });
    const { client: bob } = await member(server, { room: 'r' });
    ann.send({ type: 'leave' });
    expect((await bob.next('peer-left')).id).toBe(joined.id);
    const { joined: again } = await member(server, { room: 'r', resumeToken: joined.resumeToken });
    expect(again.resumed).toBe(false);
    expect(again.id).not.toBe(joined.id);
    // Whoever finds the old tokens later cannot end the person's new session.
    for (const token of [joined.resumeToken, joined.takeoverToken]) {
      await member(server, { room: 'r', replaceToken: token });
    }
    expect(server.app.signaling.rooms.get('r')?.members.has(again.id)).toBe(true);
  });

  it('are revoked when the connection closes normally (hang-up)', async () => {
    const server = await start({ resumeGraceMs: 60_000 });
    const { client: ann, joined } = await member(server, { room: 'r' });
    await member(server, { room: 'r' });
    ann.close(1000);
    await waitFor(() => server.app.signaling.rooms.get('r')?.members.size === 1);
    const { joined: again } = await member(server, { room: 'r', resumeToken: joined.resumeToken });
    expect(again.id).not.toBe(joined.id);
  });

  it('live an hour by default', () => {
    expect(loadConfig({}).resumeTokenTtlMs).toBe(60 * 60 * 1000);
  });

  it('past their lifetime still take back a seat that exists (a long call)', async () => {
    const server = await start({ resumeGraceMs: 60_000, resumeTokenTtlMs: 200 });
    const { client: ann, joined } = await member(server, { room: 'long' });
    const { client: bob } = await member(server, { room: 'long' });
    await ann.next('peer-joined');
    await tokenExpired(server, joined.resumeToken);
    ann.drop();
    const { joined: back } = await member(server, {
      room: 'long',
      resumeToken: joined.resumeToken,
    });
    expect(back).toMatchObject({ id: joined.id, resumed: true });
    expect(bob.received.some((m) => m.type === 'peer-left')).toBe(false);
  });

  it('past their lifetime make nothing once the seat is gone', async () => {
    const server = await start({ resumeGraceMs: 50, resumeTokenTtlMs: 200 });
    const { client: ann, joined } = await member(server, { room: 'gone' });
    await member(server, { room: 'gone' });
    await tokenExpired(server, joined.resumeToken);
    ann.drop();
    await waitFor(() => server.app.signaling.rooms.get('gone')?.members.size === 1);
    const { joined: later } = await member(server, {
      room: 'gone',
      resumeToken: joined.resumeToken,
    });
    expect(later.resumed).toBe(false);
    expect(later.id).not.toBe(joined.id);
  });

  it('of the takeover kind end the session (another tab) but never resume it', async () => {
    const server = await start({ resumeGraceMs: 60_000 });
    const { client: ann, joined } = await member(server, { room: 't' });
    const { client: bob } = await member(server, { room: 't' });
    await ann.next('peer-joined');
    expect(typeof joined.takeoverToken).toBe('string');
    expect(joined.takeoverToken).not.toBe(joined.resumeToken);
    const { joined: stranger } = await member(server, {
      room: 't',
      resumeToken: joined.takeoverToken,
    });
    expect(stranger.resumed).toBe(false);
    expect(stranger.id).not.toBe(joined.id);
    const { joined: tab } = await member(server, { room: 't', replaceToken: joined.takeoverToken });
    expect(tab.id).not.toBe(joined.id);
    expect((await ann.waitClose()).code).toBe(CloseCode.Replaced);
    expect((await bob.nextWhere((m) => m.type === 'peer-left' && m.id === joined.id)).id).toBe(
      joined.id,
    );
  });
});

describe('resume tokens with instances sharing rooms', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('revoked on one instance are refused on the other', async () => {
    const config: Partial<ServerConfig> = {
      redis: {
        url: redis.url,
        prefix: `t${randomBytes(4).toString('hex')}:`,
        presenceTtlMs: 1000,
        commandTimeoutMs: 300,
      },
      resumeSecret: 'a-secret-shared-by-every-instance-of-the-test',
      resumeGraceMs: 60_000,
    };
    const one = await start(config);
    const two = await start(config);
    const { client: ann, joined } = await member(one, { room: 'x' });
    const { client: bob } = await member(two, { room: 'x' });
    await ann.next('peer-joined');
    ann.send({ type: 'leave' });
    expect((await bob.next('peer-left')).id).toBe(joined.id);
    const { joined: again } = await member(two, { room: 'x', resumeToken: joined.resumeToken });
    expect(again.resumed).toBe(false);
    expect(again.id).not.toBe(joined.id);
    await member(two, { room: 'x', replaceToken: joined.takeoverToken });
    expect(two.app.signaling.rooms.get('x')?.members.has(again.id)).toBe(true);
  });
});
