/**
 * `ice-servers` before joining: what a connectivity check gets without entering a room.
 */
import { createHmac } from 'node:crypto';
import { ErrorCode } from '@zvonok/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerConfig } from '../src/index.js';
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
  it('answers STUN and TURN credentials for the connection’s own id, and joins no room', async () => {
    await start({ turn, stunUrls: ['stun:127.0.0.1:3478'] });
    const { client, id } = await unjoined();
    client.send({ type: 'ice-servers' });
    const answer = await client.next('ice-servers');
    expect(answer.iceServers[0]).toEqual({ urls: ['stun:127.0.0.1:3478'] });
    const relay = answer.iceServers[1]!;
    expect(relay.username).toMatch(new RegExp(`^\\d+:${id}$`));
    const expected = createHmac('sha1', 'pre-join').update(relay.username!).digest('base64');
    expect(relay.credential).toBe(expected);
    expect(answer.expireAt).toBe(Number(relay.username!.split(':')[0]) * 1000);
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

  it('hands a joined member credentials in its own (possibly resumed) id', async () => {
    await start({ turn });
    const { client, id } = await unjoined();
    client.send({ type: 'join', room: 'r' });
    const joined = await client.next('joined');
    expect(joined.id).toBe(id);
    client.send({ type: 'ice-servers' });
    const answer = await client.next('ice-servers');
    expect(answer.iceServers[0]?.username).toMatch(new RegExp(`:${joined.id}$`));
  });
});
