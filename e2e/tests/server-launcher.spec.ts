/**
 * The server launcher works for the fault suites: kill -9 drops every connection, restart comes
 * back on the same port, SIGSTOP freezes the server (connections open, nothing answers) and
 * SIGCONT thaws it. Checked with plain seed WebSocket clients (no browser).
 */
import { test, expect } from '../support/fixtures.js';
import { SeedClient } from '../support/seed-client.js';

test('own server: env is applied, kill -9 and restart on the same port, freeze and thaw', async ({
  startServer,
}) => {
  const server = await startServer({ env: { ROOM_CAPACITY: '2' } });
  expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  const health = await fetch(`${server.url}/healthz`);
  expect(health.ok).toBe(true);

  // ROOM_CAPACITY=2 reached the process: a third seed client in the default room is not admitted.
  const a = await SeedClient.connect(server.wsUrl);
  const b = await SeedClient.connect(server.wsUrl);
  await a.next('client-id');
  await b.next('peer-list');
  const c = await SeedClient.connect(server.wsUrl).catch(() => undefined);
  if (c) {
    await expect(c.next('peer-list', () => true, 1500)).rejects.toThrow();
    await c.close();
  }

  await server.kill();
  expect(server.running()).toBe(false);
  await expect(a.next('never', () => true, 3000)).rejects.toThrow(/socket closed/);
  await expect(SeedClient.connect(server.wsUrl, 1000)).rejects.toThrow();

  await server.restart();
  expect(server.running()).toBe(true);
  const d = await SeedClient.connect(server.wsUrl);
  await d.next('peer-list');

  server.pause();
  // Frozen: the kernel still accepts the TCP connection, but no WebSocket handshake answers.
  await expect(SeedClient.connect(server.wsUrl, 1000)).rejects.toThrow(/no connection/);
  server.resume();
  // Another room: the frozen attempt may still be let in by the thawed server for a moment.
  const e = await SeedClient.connect(`${server.wsUrl}?room=after-thaw`);
  await e.next('peer-list');
  for (const client of [a, b, d, e]) await client.close();
});
