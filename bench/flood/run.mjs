// `npm run bench:flood`: how much a flooding client in a room delays the others' relay.
//
// The built server (packages/server/dist/main.js, production defaults) runs as its own process
// pinned to core 0; this process, pinned to core 1, is an honest pair in one room that sends
// offers back and forth, one at a time 20 ms apart, and times each round trip (a -> server -> b -> server
// -> a). Rounds alternate: quiet (the pair alone), then flooded (a third client in the room sends
// 400 chat and 400 state messages at once, as fast as its socket takes them, and is rate-limited
// and closed by the server meanwhile). The figures compare as ratios within the run.
//
//   node bench/flood/run.mjs [--rounds 8] [--trips 50]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { killChildrenOnExit, pinSelf, startServer } from '../lib/procs.mjs';
import { median, round } from '../lib/stats.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '8' },
    trips: { type: 'string', default: '50' },
  },
});
const ROUNDS = Number(args.rounds);
const TRIPS = Number(args.trips);

/** A protocol v1 client that keeps what it receives and waits for a message with a deadline. */
class Client {
  /** @type {Record<string, unknown>[]} */
  unread = [];
  /** @type {(() => void) | undefined} */
  wake;
  closed = false;

  /** @param {string} url */
  constructor(url) {
    this.ws = new WebSocket(url, ['zvonok.v1']);
    this.ws.on('message', (/** @type {Buffer} */ data) => {
      this.unread.push(/** @type {Record<string, unknown>} */ (JSON.parse(data.toString())));
      this.wake?.();
    });
    this.ws.on('close', () => {
      this.closed = true;
      this.wake?.();
    });
    this.ws.on('error', () => {});
  }

  /** @param {Record<string, unknown>} message */
  send(message) {
    this.ws.send(JSON.stringify(message));
  }

  /**
   * The first unread message that satisfies `match`, waiting up to 10 s.
   * @param {(m: Record<string, unknown>) => boolean} match
   */
  async next(match) {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const i = this.unread.findIndex(match);
      if (i >= 0) return /** @type {Record<string, unknown>} */ (this.unread.splice(i, 1)[0]);
      if (this.closed || Date.now() > deadline)
        throw new Error(
          `no answer from the server (closed: ${this.closed}; unread: ${this.unread.map((m) => `${String(m.type)}:${String(m.code ?? '')}`).join(' ')})`,
        );
      await new Promise((resolve) => {
        this.wake = () => resolve(undefined);
        setTimeout(resolve, 50);
      });
    }
  }

  /**
   * Connects and joins `room`; resolves with the member id.
   * @param {string} url
   * @param {string} room
   */
  static async joined(url, room) {
    const c = new Client(url);
    await c.next((m) => m.type === 'client-id');
    c.send({ type: 'join', room });
    const joined = await c.next((m) => m.type === 'joined');
    c.unread = [];
    return { client: c, id: String(joined.id) };
  }
}

/**
 * Round trips of an offer between the pair, one at a time, in milliseconds.
 * @param {{ client: Client, id: string }} a
 * @param {{ client: Client, id: string }} b
 * @param {number} trips
 */
async function roundTrips(a, b, trips) {
  /** @type {number[]} */
  const times = [];
  for (let i = 0; i < trips; i++) {
    const sdp = `v=0 probe ${i}`;
    const t0 = performance.now();
    a.client.send({ type: 'offer', to: b.id, sdp });
    await b.client.next((m) => m.type === 'offer' && m.sdp === sdp);
    b.client.send({ type: 'answer', to: a.id, sdp });
    await a.client.next((m) => m.type === 'answer' && m.sdp === sdp);
    times.push(performance.now() - t0);
    // Well within the per-connection RATE_LIMIT (100/s): the pair is never the one limited.
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  a.client.unread = [];
  b.client.unread = [];
  return times;
}

/**
 * A client joins `room` and sends 400 chat and 400 state messages at once.
 * @param {string} url
 * @param {string} room
 */
async function flood(url, room) {
  const { client } = await Client.joined(url, room);
  for (let i = 0; i < 400; i++) {
    client.send({ type: 'chat', text: `spam ${i}`, id: `s${i}` });
    client.send({ type: 'state', mic: i % 2 === 0 });
  }
  return client;
}

/** @param {number[]} values */
function percentile99(values) {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? NaN;
}

killChildrenOnExit();
pinSelf(1);
const dataDir = mkdtempSync(join(tmpdir(), 'zvonok-flood-'));
const server = await startServer({
  argv: [join(ROOT, 'packages/server/dist/main.js')],
  core: 0,
  env: {
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    RESUME_SECRET: randomBytes(32).toString('hex'),
  },
});
try {
  const url = `ws://127.0.0.1:${server.port}/ws`;
  const a = await Client.joined(url, 'flood');
  const b = await Client.joined(url, 'flood');
  await roundTrips(a, b, TRIPS); // warm-up
  /** @type {number[]} */
  const quiet = [];
  /** @type {number[]} */
  const flooded = [];
  let closedFlooders = 0;
  for (let round = 0; round < ROUNDS; round++) {
    quiet.push(...(await roundTrips(a, b, TRIPS)));
    const flooder = await flood(url, 'flood');
    flooded.push(...(await roundTrips(a, b, TRIPS)));
    // The server closes a flooder once it dropped enough of its messages (RATE_LIMIT).
    for (let waited = 0; !flooder.closed && waited < 3_000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    if (flooder.closed) closedFlooders++;
    flooder.ws.terminate();
  }
  const row = (/** @type {string} */ name, /** @type {number[]} */ t) =>
    `| ${name} | ${t.length} | ${round(median(t), 3)} | ${round(percentile99(t), 3)} | ${round(Math.max(...t), 3)} |`;
  console.log(`flooders closed by the server: ${closedFlooders} of ${ROUNDS}`);
  console.log('| pair round trip | trips | median ms | p99 ms | max ms |');
  console.log('| --- | --- | --- | --- | --- |');
  console.log(row('quiet', quiet));
  console.log(row('flooded', flooded));
  console.log(
    `ratio flooded/quiet: median ${round(median(flooded) / median(quiet), 2)}, p99 ${round(
      percentile99(flooded) / percentile99(quiet),
      2,
    )}`,
  );
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
