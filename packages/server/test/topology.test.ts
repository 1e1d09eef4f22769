import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, type ServerConfig } from '../src/index.js';
import { nextTopology } from '../src/sfu/topologyPolicy.js';
import { startServer, TestClient, waitFor, type TestServer } from './helpers.js';

describe('nextTopology', () => {
  it('moves to the SFU past MESH_MAX, back to the mesh only at two', () => {
    expect(nextTopology('mesh', 4, 4)).toBe('mesh');
    expect(nextTopology('mesh', 5, 4)).toBe('sfu');
    expect(nextTopology('sfu', 4, 4)).toBe('sfu');
    expect(nextTopology('sfu', 3, 4)).toBe('sfu');
    expect(nextTopology('sfu', 2, 4)).toBe('mesh');
  });

  it('never moves without an SFU', () => {
    expect(nextTopology('mesh', 50, null)).toBe('mesh');
  });
});

describe('ROOM_CAPACITY with an SFU', () => {
  it('defaults to 50 with JANUS_URL and stays 8 without; ROOM_CAPACITY still decides', () => {
    expect(loadConfig({ JANUS_URL: 'ws://127.0.0.1:8188' }).roomCapacity).toBe(50);
    expect(loadConfig({}).roomCapacity).toBe(8);
    expect(loadConfig({ JANUS_URL: 'ws://127.0.0.1:8188', ROOM_CAPACITY: '12' }).roomCapacity).toBe(
      12,
    );
  });
});

let server: TestServer;
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.drop();
  await server?.close();
});

/** A Janus nobody listens on: moves are decided by the signaling server alone. */
function janus(meshMax: number): Partial<ServerConfig> {
  return { janus: { urls: ['ws://127.0.0.1:9'], apiSecret: null, adminKey: null, meshMax } };
}

async function join(name: string) {
  const { client, joined } = await TestClient.joined(server, { room: 'grow', name });
  clients.push(client);
  return { client, joined };
}

const topologies = (c: TestClient) =>
  c.received.filter((m) => m.type === 'topology').map((m) => m.topology);

describe('a growing room', () => {
  it('moves to the SFU when a joiner makes it larger than MESH_MAX, back to the mesh at two', async () => {
    server = await startServer(janus(3));
    const first = await join('Ann');
    expect(first.joined.topology).toBeUndefined();
    const others = [await join('Bob'), await join('Cid')];
    expect(topologies(first.client)).toEqual([]);

    // The fourth person: the room moves; the joiner learns it from `joined`, the others from
    // `topology` (before `peer-joined`, so nobody offers peer to peer to the newcomer).
    const dee = await join('Dee');
    expect(dee.joined.topology).toBe('sfu');
    for (const { client } of [first, ...others]) {
      await client.next('topology');
      const kinds = client.received.map((m) => m.type);
      expect(kinds.lastIndexOf('topology')).toBeLessThan(kinds.lastIndexOf('peer-joined'));
    }
    expect(topologies(first.client)).toEqual(['sfu']);
    expect(topologies(dee.client)).toEqual([]);

    // Down to three: still on the SFU (no flapping around MESH_MAX).
    dee.client.send({ type: 'leave' });
    await first.client.next('peer-left');
    others[1]!.client.send({ type: 'leave' });
    await first.client.next('peer-left');
    // Down to two: peer to peer again, after `peer-left`.
    await first.client.next('topology');
    expect(topologies(first.client)).toEqual(['sfu', 'mesh']);
    await waitFor(() => topologies(others[0]!.client).length === 2);
    expect(topologies(others[0]!.client)).toEqual(['sfu', 'mesh']);
    // Chat and state were never touched by the moves.
    first.client.send({ type: 'chat', text: 'still here', id: 'c1' });
    expect((await others[0]!.client.next('chat')).text).toBe('still here');
  });

  it('stays a pure mesh without JANUS_URL, however large', async () => {
    server = await startServer({ roomCapacity: 8 });
    const all = [];
    for (const name of ['A', 'B', 'C', 'D', 'E', 'F']) all.push(await join(name));
    expect(all.map((p) => p.joined.topology)).toEqual(Array(6).fill(undefined));
    expect(all.flatMap((p) => topologies(p.client))).toEqual([]);
  });
});
