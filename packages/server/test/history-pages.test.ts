/**
 * History larger than one client frame reaches a late joiner whole, in pages the SDK accepts,
 * with a real server and real sockets, in memory and over a real redis-server; relayed frames a
 * few bytes over the client limit once `from` is added still parse on the receiving side.
 */
import { randomBytes } from 'node:crypto';
import {
  CHAT_HISTORY_PAGE_BYTES,
  MAX_MESSAGE_BYTES,
  MAX_SERVER_MESSAGE_BYTES,
  parseServerMessage,
  type ServerMessageOf,
} from '@zvonok/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ServerConfig } from '../src/index.js';
import { startServer, TestClient, type TestServer } from './helpers.js';
import { startRedis, type TestRedis } from './processes.js';

const servers: TestServer[] = [];
const clients: TestClient[] = [];
let redis: TestRedis | undefined;

afterEach(async () => {
  for (const c of clients.splice(0)) c.drop();
  for (const s of servers.splice(0)) await s.close();
});
afterAll(async () => {
  await redis?.stop();
});

/** A v1 client that keeps every raw text frame it receives, joined to `room`. */
async function rawMember(server: TestServer, join: Record<string, unknown> & { room: string }) {
  const client = await TestClient.connect(server, { v1: true });
  clients.push(client);
  const frames: string[] = [];
  client.ws.on('message', (data: Buffer) => frames.push(data.toString()));
  await client.next('client-id');
  client.send({ type: 'join', ...join });
  const joined = await client.next('joined');
  return { client, joined, frames };
}

/** Posts `count` chats of 4,000 characters, waiting for each ack; returns the last ack. */
async function postLongChats(client: TestClient, count: number, tag: string) {
  let last: ServerMessageOf<'chat-ack'> | undefined;
  for (let i = 0; i < count; i++) {
    const id = `${tag}${i}`;
    client.send({ type: 'chat', id, text: `${id} `.padEnd(4000, 'x') });
    last = (await client.nextWhere(
      (m) => m.type === 'chat-ack' && m.id === id,
    )) as ServerMessageOf<'chat-ack'>;
  }
  return last as ServerMessageOf<'chat-ack'>;
}

/** Every `chat-history` frame the client got, parsed as the SDK parses them. */
function historyPages(frames: readonly string[]): ServerMessageOf<'chat-history'>[] {
  return frames
    .filter((f) => f.startsWith('{"type":"chat-history"'))
    .map((f) => {
      expect(Buffer.byteLength(f)).toBeLessThanOrEqual(MAX_SERVER_MESSAGE_BYTES);
      const parsed = parseServerMessage(f);
      if (!parsed.ok) throw new Error(parsed.error.message);
      return parsed.message as ServerMessageOf<'chat-history'>;
    });
}

async function waitForLastPage(client: TestClient, frames: readonly string[]) {
  for (;;) {
    const page = await client.next('chat-history');
    if (page.more !== true) return historyPages(frames);
  }
}

function suite(name: string, config: () => Partial<ServerConfig>) {
  describe(name, () => {
    async function server() {
      const s = await startServer(config());
      servers.push(s);
      return s;
    }

    it('sends 80 KB of history to a late joiner whole, in pages, and only what it missed after', async () => {
      const s = await server();
      const { client: ann } = await rawMember(s, { room: 'big' });
      const first = await postLongChats(ann, 10, 'a');
      await postLongChats(ann, 10, 'b');

      const { client: cid, frames } = await rawMember(s, { room: 'big' });
      const pages = await waitForLastPage(cid, frames);
      expect(pages.length).toBeGreaterThan(1);
      for (const page of pages.slice(0, -1)) expect(page.more).toBe(true);
      expect(pages.at(-1)?.more).toBeUndefined();
      const ids = pages.flatMap((p) => p.messages.map((m) => m.id));
      expect(ids).toEqual(
        [...Array(10).keys()]
          .flatMap((i) => [`a${i}`])
          .concat([...Array(10).keys()].map((i) => `b${i}`)),
      );
      expect(pages.flatMap((p) => p.messages).every((m) => m.text.length === 4000)).toBe(true);
      for (const f of frames.filter((f) => f.startsWith('{"type":"chat-history"'))) {
        // A page is one message over the target at most.
        expect(Buffer.byteLength(f)).toBeLessThan(CHAT_HISTORY_PAGE_BYTES + 5000);
      }

      // A client that had the first ten asks for what came after them only.
      const { client: dan, frames: danFrames } = await rawMember(s, {
        room: 'big',
        chatSince: first.seq,
      });
      const since = await waitForLastPage(dan, danFrames);
      expect(since.flatMap((p) => p.messages.map((m) => m.id))).toEqual(
        [...Array(10).keys()].map((i) => `b${i}`),
      );
    });

    it('sends an empty history as one page', async () => {
      const s = await server();
      const { client, frames } = await rawMember(s, { room: 'empty' });
      const pages = await waitForLastPage(client, frames);
      expect(pages).toEqual([{ type: 'chat-history', messages: [] }]);
    });

    it('relays an offer a few bytes over the client frame limit once `from` is added', async () => {
      const s = await server();
      const { client: ann } = await rawMember(s, { room: 'relay' });
      const { client: bob, joined: bj, frames } = await rawMember(s, { room: 'relay' });
      const head = JSON.stringify({ type: 'offer', to: bj.id, sdp: '' });
      // 'é' is two bytes: the frame is exactly MAX_MESSAGE_BYTES.
      const room = MAX_MESSAGE_BYTES - head.length - 'v=0 '.length;
      const sdp = `v=0 ${'a'.repeat(room % 2)}${'é'.repeat(Math.floor(room / 2))}`;
      const frame = JSON.stringify({ type: 'offer', to: bj.id, sdp });
      expect(Buffer.byteLength(frame)).toBe(MAX_MESSAGE_BYTES);
      ann.sendRaw(frame);
      const offer = await bob.next('offer');
      expect(offer.sdp).toBe(sdp);
      const relayed = frames.find((f) => f.startsWith('{"type":"offer"')) as string;
      expect(Buffer.byteLength(relayed)).toBeGreaterThan(MAX_MESSAGE_BYTES);
      const parsed = parseServerMessage(relayed);
      expect(parsed.ok && parsed.message.type).toBe('offer');
    });
  });
}

suite('in memory', () => ({}));

describe('over Redis', () => {
  beforeAll(async () => {
    redis = await startRedis();
  });
  const inner = () => ({
    redis: {
      url: (redis as TestRedis).url,
      prefix: `h${randomBytes(4).toString('hex')}:`,
      presenceTtlMs: 1000,
      commandTimeoutMs: 1000,
    },
    resumeSecret: 'a-secret-shared-by-every-instance-of-the-test',
  });
  suite('one instance', inner);
});
