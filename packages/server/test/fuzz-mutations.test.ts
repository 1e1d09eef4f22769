/**
 * Property-based fuzzing of a live server with fast-check: valid messages with mutated fields,
 * random JSON, deep nesting, huge numbers, prototype keys, truncated and binary frames, thrown at
 * it from several connections (v1 joined, v1 not joined, seed) while an honest pair in the same
 * room keeps relaying. For every run:
 * - every frame the protocol's own parser refuses is answered with exactly that coded error;
 * - no handler fails (no SIG_ERR_INTERNAL), no fuzzer is disconnected, every message anyone
 *   receives is a valid server message;
 * - every message of the honest pair arrives, in order, and nothing reaches them unvalidated.
 * Frames that end a connection by design (above the frame limit, invalid UTF-8) are thrown on
 * throwaway connections, and the server must stay up.
 */
import {
  ErrorCode,
  MAX_CANDIDATE_LENGTH,
  MAX_CHAT_ID_LENGTH,
  MAX_CHAT_TEXT_LENGTH,
  MAX_DISPLAY_NAME_LENGTH,
  MAX_FRAME_BYTES,
  MAX_MESSAGE_BYTES,
  MAX_SDP_LENGTH,
  parseClientMessage,
  validateServerMessage,
} from '@zvonok/protocol';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limits, startServer, TestClient, waitFor, type TestServer } from './helpers.js';

/** Errors the parser gives: each refused frame gets exactly one of them. */
const PARSE_CODES = new Set<string>([
  ErrorCode.BadJson,
  ErrorCode.BadMessage,
  ErrorCode.UnknownType,
  ErrorCode.MessageTooLarge,
  ErrorCode.BinaryFrame,
  ErrorCode.BadText,
]);
const ALL_CODES = new Set<string>(Object.values(ErrorCode));
const TYPES = ['join', 'leave', 'offer', 'answer', 'ice-candidate', 'chat', 'state', 'ice-servers'];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];
/** Number texts JSON.stringify cannot produce. */
const HUGE_NUMBERS = [
  '1e400',
  '-1e400',
  `1${'0'.repeat(400)}`,
  `0.${'0'.repeat(400)}1`,
  '123456789012345678901234567890',
  '-0',
  '1.7976931348623157e308',
  '5e-324',
];

/** A frame to throw: text (possibly refused by the parser) or binary. */
type Frame = { text: string } | { binary: Uint8Array };

/** Ids that make relays land somewhere (filled in once the honest pair has joined). */
const targets: string[] = [];
const anyTarget = fc.oneof(
  fc.constantFrom(...(['a', 'b'] as const)).map((k) => targets[k === 'a' ? 0 : 1] ?? k),
  fc.string({ maxLength: 30 }),
);

const candidate = fc.record(
  {
    candidate: fc.constantFrom(
      'candidate:1 1 udp 2122260223 192.0.2.1 54321 typ host generation 0',
      '',
    ),
    sdpMid: fc.option(fc.constantFrom('0', '1'), { nil: null }),
    sdpMLineIndex: fc.option(fc.nat(3), { nil: null }),
    usernameFragment: fc.option(fc.string({ maxLength: 8 }), { nil: null }),
  },
  { requiredKeys: ['candidate'] },
);

/** Messages a client may really send, with plausible field values. */
const validMessage: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record(
    {
      type: fc.constant('join'),
      room: fc.constantFrom('honest', 'other', 'r1'),
      name: fc.string({ minLength: 1, maxLength: 20 }),
      password: fc.string({ minLength: 1, maxLength: 20 }),
      resumeToken: fc.string({ maxLength: 40 }),
      chatSince: fc.nat(),
      state: fc.record({ mic: fc.boolean(), camera: fc.boolean() }),
    },
    { requiredKeys: ['type', 'room'] },
  ),
  fc.constant({ type: 'leave' }),
  fc.record({
    type: fc.constantFrom('offer', 'answer'),
    to: anyTarget,
    sdp: fc.string({ minLength: 1, maxLength: 80 }),
  }),
  fc.record({
    type: fc.constant('ice-candidate'),
    to: anyTarget,
    candidate: fc.option(candidate, { nil: null }),
  }),
  fc.record(
    {
      type: fc.constant('chat'),
      text: fc.string({ minLength: 1, maxLength: 60 }),
      id: fc.string({ minLength: 1, maxLength: 20 }),
    },
    { requiredKeys: ['type', 'text'] },
  ),
  fc.record(
    { type: fc.constant('state'), mic: fc.boolean(), camera: fc.boolean(), hand: fc.boolean() },
    { requiredKeys: ['type'] },
  ),
  fc.constant({ type: 'ice-servers' }),
);

/** Placeholder in an object that becomes raw JSON text (a huge number, deep nesting). */
const RAW = '\u0000raw\u0000';
const rawValue = fc.oneof(
  fc.constantFrom(...HUGE_NUMBERS),
  fc.integer({ min: 50, max: 5_000 }).map((d) => `${'['.repeat(d)}${']'.repeat(d)}`),
  fc.integer({ min: 50, max: 5_000 }).map((d) => `${'{"a":'.repeat(d)}1${'}'.repeat(d)}`),
);

/** A field value of any JSON type, or a raw text value. */
const fieldValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, true, 0, -1, 1.5, '', 'x'.repeat(5000), [], {}),
  fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -(2 ** 64), 1e308),
  rawValue.map((raw) => ({ [RAW]: raw })),
);

/** Serializes, turning raw placeholders into their raw text. */
function serialize(value: unknown): string {
  const raws: string[] = [];
  const json = JSON.stringify(value, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && Object.hasOwn(v, RAW)) {
      raws.push((v as Record<string, string>)[RAW]!);
      return `${RAW}${raws.length - 1}`;
    }
    return v;
  });
  return json.replace(/"\\u0000raw\\u0000(\d+)"/g, (_m, i: string) => raws[Number(i)]!);
}

/** A frame of exactly `bytes` bytes: a ping padded with a key the schema drops. */
function pingOf(bytes: number): string {
  const bare = '{"type":"ping","pad":""}';
  return `{"type":"ping","pad":"${'p'.repeat(bytes - bare.length)}"}`;
}

/**
 * Text the protocol must refuse or keep exactly, and frames at and just over each limit: lone
 * surrogates (as the JSON escapes a browser's JSON.stringify writes) in every kind of field,
 * non-BMP text (surrogate pairs count as two characters), and each size bound and one past it.
 */
const TEXT_AND_LIMIT_FRAMES = [
  '{"type":"chat","text":"\\ud800"}',
  '{"type":"chat","text":"ok \\udfff tail","id":"lone-low"}',
  '{"type":"chat","text":"x","id":"\\udbff"}',
  '{"type":"join","room":"fuzz","name":"Ann\\ud83d"}',
  '{"type":"offer","to":"x","sdp":"v=0\\ud800"}',
  '{"type":"ice-candidate","to":"x","candidate":{"candidate":"c","usernameFragment":"\\udc00"}}',
  '{"type":"state","mic":true,"\\ud800":1}',
  JSON.stringify({ type: 'chat', text: '😀𝄞'.repeat(1000) }), // 4000 UTF-16 units: at the limit
  JSON.stringify({ type: 'chat', text: `${'😀'.repeat(2000)}x` }), // one over
  JSON.stringify({ type: 'chat', text: 'x'.repeat(MAX_CHAT_TEXT_LENGTH) }),
  JSON.stringify({ type: 'chat', text: 'x'.repeat(MAX_CHAT_TEXT_LENGTH + 1) }),
  JSON.stringify({ type: 'chat', text: '\u0001'.repeat(MAX_CHAT_TEXT_LENGTH) }), // 6 bytes each stored
  JSON.stringify({ type: 'chat', text: 'hi', id: 'i'.repeat(MAX_CHAT_ID_LENGTH) }),
  JSON.stringify({ type: 'chat', text: 'hi', id: 'i'.repeat(MAX_CHAT_ID_LENGTH + 1) }),
  JSON.stringify({ type: 'join', room: 'r'.repeat(64), name: 'n'.repeat(MAX_DISPLAY_NAME_LENGTH) }),
  JSON.stringify({ type: 'join', room: 'r', name: 'n'.repeat(MAX_DISPLAY_NAME_LENGTH + 1) }),
  JSON.stringify({ type: 'join', room: 'r', name: '👩‍💻 Ann' }),
  JSON.stringify({ type: 'join', room: 'r', name: 'Ann\u202Egnp' }),
  JSON.stringify({ type: 'offer', to: 'x', sdp: 's'.repeat(MAX_SDP_LENGTH) }),
  JSON.stringify({ type: 'offer', to: 'x', sdp: 's'.repeat(MAX_SDP_LENGTH + 1) }),
  JSON.stringify({
    type: 'ice-candidate',
    to: 'x',
    candidate: { candidate: 'c'.repeat(MAX_CANDIDATE_LENGTH + 1) },
  }),
  pingOf(MAX_MESSAGE_BYTES),
  pingOf(MAX_MESSAGE_BYTES + 1),
];

/** A valid message, changed in one way. */
const mutated: fc.Arbitrary<string> = fc
  .tuple(
    validMessage,
    fc.nat(),
    fc.nat(6),
    fieldValue,
    fc.constantFrom(...PROTO_KEYS, 'from', 'type', 'x'),
  )
  .map(([message, pick, how, value, extraKey]) => {
    const keys = Object.keys(message);
    const key = keys[pick % keys.length]!;
    const m: Record<string, unknown> = { ...message };
    switch (how) {
      case 0: // a field gets a value of another type, a huge number, or deep nesting
        m[key] = value;
        return serialize(m);
      case 1: // a field goes missing
        delete m[key];
        return serialize(m);
      case 2: // a prototype (or server-only) key is added, as own JSON text
        return serialize(m).replace(/^\{/, `{${JSON.stringify(extraKey)}:${serialize(value)},`);
      case 3: {
        // the type is almost right
        const type = String(m.type);
        const near = [type.toUpperCase(), ` ${type}`, `${type}\u0000`, ...PROTO_KEYS];
        m.type = near[pick % near.length];
        return serialize(m);
      }
      case 4: // the JSON is cut short
        return serialize(m).slice(0, Math.max(1, pick % serialize(m).length));
      case 5: // wrapped in an array or another object
        return pick % 2 === 0 ? serialize([m]) : serialize({ message: m });
      default: // a duplicate key: the last one wins in JSON.parse
        return serialize(m).replace(
          /\}$/,
          `,"type":${JSON.stringify(TYPES[pick % TYPES.length])}}`,
        );
    }
  });

const frame: fc.Arbitrary<Frame> = fc.oneof(
  { weight: 3, arbitrary: validMessage.map((m) => ({ text: serialize(m) })) },
  { weight: 8, arbitrary: mutated.map((text) => ({ text })) },
  { weight: 2, arbitrary: fc.json({ maxDepth: 4 }).map((text) => ({ text })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 100 }).map((text) => ({ text })) },
  { weight: 1, arbitrary: rawValue.map((text) => ({ text })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        '{"__proto__":{"type":"chat","text":"polluted"}}',
        '{"type":"chat","text":"hi","__proto__":{"id":"x"}}',
        '{"constructor":{"prototype":{"polluted":true}},"type":"state"}',
        '{"type":"__proto__"}',
        '{"type":"constructor"}',
        `{"type":"chat","text":"${'é'.repeat(MAX_MESSAGE_BYTES / 2 + 10)}"}`,
        ...TEXT_AND_LIMIT_FRAMES,
        '',
        'null',
        '[]',
      )
      .map((text) => ({ text })),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((binary) => ({ binary })) },
);

/** A fuzzing connection and what it was made to expect. */
interface Fuzzer {
  client: TestClient;
  /** Parse errors expected so far (frames the protocol parser refuses, binary frames). */
  expectedParseErrors: number;
}

function parseErrors(c: TestClient): number {
  return c.received.filter((m) => m.type === 'error' && PARSE_CODES.has(m.code as string)).length;
}

let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    // The fuzzers must not be cut off by the rate limit: every frame is to be answered.
    rateLimit: { burst: 1_000_000, perSecond: 1_000_000, closeAfterDropped: 1_000_000 },
    limits: limits(),
  });
});
afterAll(async () => {
  await server.close();
});

describe('fuzzing with mutated messages', () => {
  it('answers every refused frame with its code, never fails a handler, and the honest pair relays throughout', async () => {
    const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
    const { client: a, joined: aj } = await TestClient.joined(server, { room: 'honest' });
    const { client: b, joined: bj } = await TestClient.joined(server, { room: 'honest' });
    targets.push(aj.id, bj.id);

    const fuzzers: Fuzzer[] = [];
    const addFuzzer = async (kind: 'v1-honest' | 'v1-unjoined' | 'v1-other' | 'seed') => {
      const client = await TestClient.connect(server, {
        v1: kind !== 'seed',
        ...(kind === 'seed' && { room: 'honest' }),
      });
      await client.next('client-id');
      if (kind === 'v1-honest' || kind === 'v1-other') {
        client.send({ type: 'join', room: kind === 'v1-honest' ? 'honest' : 'other' });
        await client.next('joined');
      }
      fuzzers.push({ client, expectedParseErrors: 0 });
    };
    for (const kind of ['v1-honest', 'v1-unjoined', 'v1-other', 'seed'] as const) {
      await addFuzzer(kind);
    }
    const fuzzerIds = new Set(fuzzers.map((f) => f.client.received[0]?.id as string));

    let run = 0;
    let thrown = 0;
    let refused = 0;
    const checked = new Map<TestClient, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 300, maxLength: 500 }), async (frames) => {
        run++;
        const sent = { offers: [] as string[], chats: [] as string[] };
        for (const [i, f] of frames.entries()) {
          const fuzzer = fuzzers[i % fuzzers.length]!;
          if ('binary' in f) {
            fuzzer.client.sendRaw(Buffer.from(f.binary), true);
            fuzzer.expectedParseErrors++;
            refused++;
          } else {
            fuzzer.client.sendRaw(f.text);
            if (!parseClientMessage(f.text).ok) {
              fuzzer.expectedParseErrors++;
              refused++;
            }
          }
          thrown++;
          if (i % 40 === 0) {
            const sdp = `probe ${run}.${i}`;
            a.send({ type: 'offer', to: bj.id, sdp });
            sent.offers.push(sdp);
            const text = `chat ${run}.${i}`;
            b.send({ type: 'chat', text, id: `c${run}.${i}` });
            sent.chats.push(text);
          }
        }
        // The honest pair: everything arrives, in order, from the right sender.
        const offersAtB = () =>
          b.received
            .filter(
              (m) =>
                m.type === 'offer' && m.from === aj.id && String(m.sdp).startsWith(`probe ${run}.`),
            )
            .map((m) => m.sdp);
        const chatsAtA = () =>
          a.received
            .filter(
              (m) =>
                m.type === 'chat' && m.from === bj.id && String(m.text).startsWith(`chat ${run}.`),
            )
            .map((m) => m.text);
        await waitFor(() => offersAtB().length >= sent.offers.length, 10_000, 'honest offers');
        await waitFor(() => chatsAtA().length >= sent.chats.length, 10_000, 'honest chats');
        expect(offersAtB()).toEqual(sent.offers);
        expect(chatsAtA()).toEqual(sent.chats);

        // Every refused frame was answered with its own coded error, and nobody was cut off.
        for (const f of fuzzers) {
          await waitFor(
            () => parseErrors(f.client) >= f.expectedParseErrors || f.client.closeCode !== null,
            10_000,
            'parse errors',
          );
          expect(f.client.closeCode).toBeNull();
          expect(parseErrors(f.client)).toBe(f.expectedParseErrors);
        }
        for (const c of [a, b, ...fuzzers.map((f) => f.client)]) {
          // Only what arrived since the last run: earlier messages were checked then.
          const fresh = c.received.slice(checked.get(c) ?? 0);
          checked.set(c, c.received.length);
          for (const m of fresh) {
            expect(validateServerMessage(m).ok, JSON.stringify(m).slice(0, 300)).toBe(true);
            if (m.type === 'error') {
              expect(ALL_CODES.has(m.code as string)).toBe(true);
              expect(m.code).not.toBe(ErrorCode.Internal);
            }
          }
        }
        // What reached the honest pair from others came from a connection in their room.
        for (const m of [...a.received, ...b.received]) {
          if (m.type === 'offer' || m.type === 'answer' || m.type === 'ice-candidate') {
            expect([aj.id, bj.id, ...fuzzerIds]).toContain(m.from);
          }
        }
        return true;
      }),
      { numRuns: 10 },
    );

    // Thousands of frames, and both kinds in numbers: refused ones and ones the handlers ran.
    expect(thrown).toBeGreaterThanOrEqual(3000);
    expect(refused).toBeGreaterThan(thrown / 4);
    expect(thrown - refused).toBeGreaterThan(thrown / 10);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    for (const c of [a, b, ...fuzzers.map((f) => f.client)]) c.drop();
  });

  it('survives frames that end a connection by design, and keeps serving others', async () => {
    const { client: a, joined: aj } = await TestClient.joined(server, { room: 'sturdy' });
    const { client: b, joined: bj } = await TestClient.joined(server, { room: 'sturdy' });
    const throwaways: { frame: Buffer; binary: boolean; close: number }[] = [
      // Above the frame limit: 1009 before it is even buffered.
      { frame: Buffer.alloc(MAX_FRAME_BYTES + 1, 0x61), binary: false, close: 1009 },
      // Invalid UTF-8 in a text frame: 1007.
      { frame: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), binary: false, close: 1007 },
      { frame: Buffer.from([0xc0, 0xaf]), binary: false, close: 1007 },
    ];
    for (const t of throwaways) {
      const c = await TestClient.connect(server, { v1: true });
      c.sendRaw(t.frame, t.binary);
      expect((await c.waitClose(5_000)).code).toBe(t.close);
      a.send({ type: 'offer', to: bj.id, sdp: `after ${t.close}` });
      expect((await b.nextWhere((m) => m.sdp === `after ${t.close}`, 5_000)).from).toBe(aj.id);
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    a.drop();
    b.drop();
  });
});
