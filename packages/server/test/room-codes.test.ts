import { ErrorCode } from '@zvonok/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerConfig } from '../src/index.js';
import { limits, startServer, TestClient, type TestServer } from './helpers.js';

let server: TestServer | undefined;
const clients: TestClient[] = [];
async function start(overrides: Partial<ServerConfig> = {}) {
  server = await startServer(overrides);
  return server;
}
afterEach(async () => {
  for (const c of clients.splice(0)) c.drop();
  await server?.close();
  server = undefined;
});

describe('room codes', () => {
  it('joins a readable code (abc-defg-hij) and an older 22-character one alike', async () => {
    const s = await start();
    for (const room of ['abc-defg-hij', 'WfNs3eCciM9b8O7_M6kScA']) {
      const a = await TestClient.joined(s, { room, name: 'Ann' });
      const b = await TestClient.joined(s, { room, name: 'Bob' });
      clients.push(a.client, b.client);
      await a.client.next('peer-joined');
    }
  });

  it('room-info takes from the join budget: codes cannot be tried faster by asking', async () => {
    const s = await start({
      limits: limits({ joinsPerConnection: { burst: 3, perSecond: 0.01 } }),
    });
    const guesser = await TestClient.connect(s, { v1: true });
    clients.push(guesser);
    await guesser.next('client-id');
    for (let i = 0; i < 3; i++) {
      guesser.send({ type: 'room-info', room: `abc-defg-hi${String.fromCharCode(97 + i)}` });
      expect(await guesser.next('room-info')).toMatchObject({ exists: false });
    }
    guesser.send({ type: 'room-info', room: 'abc-defg-hiz' });
    expect(await guesser.next('error')).toMatchObject({
      code: ErrorCode.TooManyJoins,
      ref: 'room-info',
    });
    // The same budget: a join now is refused too.
    guesser.send({ type: 'join', room: 'abc-defg-hiz' });
    expect(await guesser.next('error')).toMatchObject({ code: ErrorCode.TooManyJoins });
  });
});
