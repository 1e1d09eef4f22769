import { ErrorCode, validateServerMessage } from '@zvonok/protocol';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limits, startServer, TestClient, type TestServer } from './helpers.js';

const CODES = new Set<string>(Object.values(ErrorCode));
const TYPES = ['join', 'leave', 'offer', 'answer', 'ice-candidate', 'chat', 'state', 'ice-servers'];

/** Frames that look like messages: right types with random fields, and random JSON. */
const frame = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.json({ maxDepth: 3 }),
  fc
    .record(
      {
        type: fc.oneof(fc.constantFrom(...TYPES), fc.string({ maxLength: 12 })),
        to: fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.constant(null)),
        room: fc.oneof(fc.stringMatching(/^[a-z]{1,8}$/), fc.string({ maxLength: 70 })),
        text: fc.oneof(fc.string({ maxLength: 50 }), fc.integer(), fc.constant('')),
        sdp: fc.oneof(fc.string({ maxLength: 50 }), fc.object()),
        candidate: fc.oneof(fc.constant(null), fc.object(), fc.record({ candidate: fc.string() })),
        id: fc.oneof(fc.string({ maxLength: 70 }), fc.integer()),
        mic: fc.oneof(fc.boolean(), fc.string()),
        chatSince: fc.oneof(fc.integer(), fc.double()),
        password: fc.string({ maxLength: 140 }),
        resumeToken: fc.string({ maxLength: 100 }),
        from: fc.string({ maxLength: 10 }),
      },
      { requiredKeys: ['type'] },
    )
    .map((m) => JSON.stringify(m)),
);

let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    rateLimit: { burst: 100_000, perSecond: 100_000, closeAfterDropped: 100_000 },
    limits: limits(),
  });
});
afterAll(async () => {
  await server.close();
});

describe('fuzzing', () => {
  it('answers thousands of random frames with valid messages or coded errors; an honest pair keeps relaying', async () => {
    const { client: a, joined: aj } = await TestClient.joined(server, { room: 'honest' });
    const { client: b, joined: bj } = await TestClient.joined(server, { room: 'honest' });
    const fuzzers = await Promise.all(
      [1, 2, 3].map(async (i) => {
        const c = await TestClient.connect(server, { v1: i !== 3 });
        if (i === 2) c.send({ type: 'join', room: 'honest' });
        return c;
      }),
    );
    const samples = fc.sample(frame, 3000);
    let n = 0;
    for (const [i, raw] of samples.entries()) {
      fuzzers[i % fuzzers.length]!.sendRaw(raw);
      if (i % 300 === 0) {
        const sdp = `probe ${++n}`;
        a.send({ type: 'offer', to: bj.id, sdp });
        expect((await b.nextWhere((m) => m.type === 'offer' && m.sdp === sdp, 5000)).from).toBe(
          aj.id,
        );
      }
    }
    // Let the server work through everything, then check it still answers.
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    b.send({ type: 'answer', to: aj.id, sdp: 'final' });
    await a.nextWhere((m) => m.type === 'answer' && m.sdp === 'final', 5000);
    for (const fuzzer of fuzzers) {
      for (const message of fuzzer.received) {
        expect(validateServerMessage(message).ok, JSON.stringify(message)).toBe(true);
        if (message.type === 'error') expect(CODES.has(message.code as string)).toBe(true);
      }
      expect(fuzzer.received.some((m) => m.type === 'error')).toBe(true);
    }
    for (const c of [a, b, ...fuzzers]) c.drop();
  });
});
