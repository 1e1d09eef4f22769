/**
 * Compatibility with the seed protocol: clients that know only the original 8 message types
 * (no subprotocol, no `join`) still get an id, the peer list, relayed offer/answer/ICE and chat —
 * and are never sent a message type they do not know. A browser using the app and a seed client
 * in the same room see each other.
 */
import { SEED_MESSAGE_TYPES } from '@zvonok/protocol';
import { test, expect } from '../support/fixtures.js';
import { joinCall, remoteTiles, tiles } from '../support/app.js';
import { SeedClient } from '../support/seed-client.js';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

test('two seed clients do the whole seed flow in the default room', async ({ startServer }) => {
  // An own server: the default room ("lobby") must be empty at the start.
  const server = await startServer();
  const a = await SeedClient.connect(server.wsUrl);
  const b = await SeedClient.connect(server.wsUrl);
  try {
    const aId = str((await a.next('client-id')).id);
    expect(aId).not.toBe('');
    await a.next('peer-list');
    const bId = str((await b.next('client-id')).id);
    expect(bId).not.toBe('');
    expect(bId).not.toBe(aId);

    // B joined second: its list holds A; A is told about B.
    const bList = await b.next('peer-list');
    expect((bList.peers as { id: string }[]).map((p) => p.id)).toEqual([aId]);
    await a.next('peer-joined', (m) => m.id === bId);

    // offer / answer / ice-candidate are relayed with `from` set by the server.
    b.send({ type: 'offer', to: aId, sdp: 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n' });
    const offer = await a.next('offer');
    expect(offer).toMatchObject({ from: bId, sdp: 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n' });
    a.send({ type: 'answer', to: bId, sdp: 'v=0\r\no=- 2 1 IN IP4 127.0.0.1\r\n' });
    expect(await b.next('answer')).toMatchObject({
      from: aId,
      sdp: 'v=0\r\no=- 2 1 IN IP4 127.0.0.1\r\n',
    });
    const candidate = {
      candidate: 'candidate:1 1 udp 2122260223 192.0.2.10 54321 typ host',
      sdpMid: '0',
      sdpMLineIndex: 0,
    };
    b.send({ type: 'ice-candidate', to: aId, candidate });
    expect(await a.next('ice-candidate')).toMatchObject({ from: bId, candidate });
    a.send({ type: 'ice-candidate', to: bId, candidate: null });
    expect(await b.next('ice-candidate')).toMatchObject({ from: aId, candidate: null });

    // Chat reaches the other one with sender, text, id and time.
    a.send({ type: 'chat', text: 'hello from the seed' });
    const chat = await b.next('chat');
    expect(chat).toMatchObject({ from: aId, text: 'hello from the seed' });
    expect(typeof chat.id).toBe('string');
    expect(typeof chat.ts).toBe('number');

    // B goes away: A is told.
    await b.close();
    await a.next('peer-left', (m) => m.id === bId);

    // Nothing outside the seed's vocabulary was sent to either.
    for (const m of [...a.received, ...b.received]) {
      expect(SEED_MESSAGE_TYPES.has(m.type), `seed client got a '${m.type}' message`).toBe(true);
    }
  } finally {
    await a.close();
    await b.close();
  }
});

test('a browser in the app and a seed client in the same room see each other', async ({
  server,
  room,
  people,
}) => {
  const ann = await people.add('Ann');
  await joinCall(ann, server.url, room);

  const seed = await SeedClient.connect(`${server.wsUrl}?room=${room}`);
  try {
    const seedId = str((await seed.next('client-id')).id);
    const list = await seed.next('peer-list');
    expect(list.peers).toEqual([expect.objectContaining({ name: 'Ann' })]);

    // Ann's grid grows by the seed client's tile (it has no name, but it is there).
    await expect(tiles(ann.page)).toHaveCount(2);
    await expect(remoteTiles(ann.page)).toHaveAttribute('data-peer-id', seedId);

    await seed.close();
    await expect(tiles(ann.page)).toHaveCount(1);
  } finally {
    await seed.close();
  }
});
