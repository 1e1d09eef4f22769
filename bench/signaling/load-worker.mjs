// A load worker of the signaling benchmark: a child process (forked by run.mjs, pinned to the load
// core) that holds WebSocket connections speaking the seed protocol and runs the commands of
// worker-protocol.mjs on them. Timestamps travel inside the payloads (SDP, chat text) as readings
// of the shared monotonic clock, so one-way latency is measured across processes.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { nowUs, waitUntil } from '../lib/clock.mjs';
import { LeanWebSocket } from '../lib/lean-ws.mjs';
import { WsClient } from '../lib/ws-client.mjs';
import { Histogram } from '../lib/stats.mjs';

/**
 * @import { ChatParams, ChatResult, CloseParams, CloseResult, CommandName, Commands, LoadFigures,
 *   OpenParams, OpenResult, RelayParams, RelayResult, Reply, Request } from './worker-protocol.mjs'
 */

/** Starts every benchmark payload: found with one indexOf, no JSON.parse per delivery. */
const MARKER = 'zvb~';
const MARKER_BYTES = Buffer.from(MARKER);
/** Fields after the marker are decimal integers separated by `~`. */
const TILDE = 0x7e;
/**
 * The kind of client the load uses (`--client` of run.mjs, passed down as BENCH_CLIENT): the lean
 * zero-copy one by default, or standard `ws` clients.
 */
const Client = process.env.BENCH_CLIENT === 'ws' ? WsClient : LeanWebSocket;
/** Send loops run this often and send whatever is due, so rates hold despite timer jitter. */
const TICK_MS = 1;

/**
 * Handles a delivery that carries the marker; `pos` is just past it.
 * @typedef {(client: BenchClient, buf: Buffer, pos: number, end: number) => void} BenchHandler
 */

/** @type {BenchHandler | null} */
let benchHandler = null;
let serverErrors = 0;
let unexpectedCloses = 0;

/**
 * Read `count` integers `a~b~c~` starting at `pos` into `out`.
 * @param {Buffer} buf
 * @param {number} pos
 * @param {number} end
 * @param {number[]} out
 * @param {number} count
 */
function readFields(buf, pos, end, out, count) {
  let field = 0;
  let value = 0;
  for (let i = pos; i < end && field < count; i++) {
    const c = /** @type {number} */ (buf[i]);
    if (c === TILDE) {
      out[field++] = value;
      value = 0;
    } else value = value * 10 + (c - 48);
  }
  return field === count;
}

/** One connection and what it knows of its room. */
class BenchClient {
  /** @type {string | null} */
  id = null;
  /** Ids of the others in the room. */
  /** @type {Set<string>} */
  peers = new Set();
  joined = false;
  closed = false;
  /** Index of the pair this connection belongs to (relay scenario). */
  pair = -1;
  /** Next sequence number expected from the pair's sender (relay scenario). */
  nextSeq = 0;
  /** @type {LeanWebSocket | WsClient} */
  ws;

  /**
   * @param {string} tag the set of connections it belongs to
   * @param {string} url
   * @param {string} room
   * @param {(client: BenchClient, error?: string) => void} settled first peer-list, or failure
   */
  constructor(tag, url, room, settled) {
    this.tag = tag;
    this.room = room;
    let done = false;
    /** @param {string} [error] why it failed; none when joined */
    const settle = (error) => {
      if (done) return;
      done = true;
      settled(this, error);
    };
    this.ws = new Client(`${url}?room=${encodeURIComponent(room)}`, {
      onText: (buf, start, end) => {
        const at = buf.indexOf(MARKER_BYTES, start);
        if (at >= 0 && at < end) {
          benchHandler?.(this, buf, at + MARKER_BYTES.length, end);
          return;
        }
        this.#onControl(buf.toString('utf8', start, end));
        if (this.joined) settle();
      },
      onClose: (code, error) => {
        this.closed = true;
        if (!done) settle(error?.message ?? `closed with ${code} before peer-list`);
        else if (code !== 1000) unexpectedCloses++;
      },
    });
  }

  /** @param {string} text */
  #onControl(text) {
    /** @type {{ type?: string, id?: string, peers?: { id: string }[], code?: string }} */
    let msg;
    try {
      msg = JSON.parse(text);
    } catch {
      return;
    }
    switch (msg.type) {
      case 'client-id':
        this.id = msg.id ?? null;
        break;
      case 'peer-list':
        for (const peer of msg.peers ?? []) this.peers.add(peer.id);
        this.joined = true;
        break;
      case 'peer-joined':
        if (msg.id) this.peers.add(msg.id);
        break;
      case 'peer-left':
        if (msg.id) this.peers.delete(msg.id);
        break;
      case 'error':
        serverErrors++;
        break;
    }
  }
}

/** Connections by tag (one tag per server under test). */
/** @type {Map<string, BenchClient[]>} */
const clientsByTag = new Map();

/**
 * The open connections of a tag.
 * @param {string} tag
 */
function clientsOf(tag) {
  return clientsByTag.get(tag) ?? [];
}

/**
 * Measures the worker's own CPU and event-loop delay over a window.
 */
class LoadMeter {
  static RESOLUTION_MS = 5;
  #loop = monitorEventLoopDelay({ resolution: LoadMeter.RESOLUTION_MS });
  /** @type {NodeJS.CpuUsage | null} */
  #cpu = null;
  #startUs = 0;
  /** @type {LoadFigures | null} */
  figures = null;
  #errorsAtStart = serverErrors;
  #closesAtStart = unexpectedCloses;

  /** Start measuring; later calls do nothing. */
  start() {
    if (this.#cpu) return;
    this.#cpu = process.cpuUsage();
    this.#startUs = nowUs();
    this.#errorsAtStart = serverErrors;
    this.#closesAtStart = unexpectedCloses;
    this.#loop.enable();
  }

  /** Stop measuring and keep the figures; later calls do nothing. */
  stop() {
    if (this.figures) return;
    this.start();
    const cpu = process.cpuUsage(/** @type {NodeJS.CpuUsage} */ (this.#cpu));
    const wallUs = Math.max(1, nowUs() - this.#startUs);
    this.#loop.disable();
    this.figures = {
      cpuPercent: Math.round(((cpu.user + cpu.system) / wallUs) * 1000) / 10,
      // The histogram records whole timer intervals: the delay is what exceeds the resolution.
      loopDelayP99Ms:
        Math.round(Math.max(0, this.#loop.percentile(99) / 1e6 - LoadMeter.RESOLUTION_MS) * 100) /
        100,
      serverErrors: serverErrors - this.#errorsAtStart,
      unexpectedCloses: unexpectedCloses - this.#closesAtStart,
    };
  }

  /** @returns {LoadFigures} */
  result() {
    this.stop();
    return /** @type {LoadFigures} */ (this.figures);
  }
}

/**
 * Run `send(j)` for j = 0, 1, … at `rate` per second from `startUs` until `untilUs`, catching up
 * after timer jitter; `onTick` runs on every tick first. Resolves after the last send.
 * @param {object} plan
 * @param {number} plan.startUs
 * @param {number} plan.untilUs
 * @param {number} plan.rate per second
 * @param {(j: number) => void} plan.send
 * @param {(now: number) => void} [plan.onTick]
 * @returns {Promise<number>} how many were sent
 */
function paced({ startUs, untilUs, rate, send, onTick }) {
  const total = Math.floor(((untilUs - startUs) / 1e6) * rate);
  let next = 0;
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const now = nowUs();
      onTick?.(now);
      const due = Math.min(total, Math.floor(((now - startUs) / 1e6) * rate) + 1);
      while (next < due) send(next++);
      if (next >= total || now >= untilUs + 1e6) {
        clearInterval(timer);
        resolve(next);
      }
    }, TICK_MS);
  });
}

/**
 * SDP-like filler of exactly `bytes` characters, JSON-safe (escaped CRLFs count as 4 characters
 * of the frame but 2 of the SDP, as in a real offer).
 * @param {number} bytes
 */
function sdpFiller(bytes) {
  const lines = [
    'a=candidate:842163049 1 udp 1677729535 203.0.113.7 51234 typ srflx raddr 0.0.0.0 rport 0',
    'a=rtpmap:111 opus/48000/2',
    'a=fmtp:111 minptime=10;useinbandfec=1',
    'a=rtcp-fb:96 goog-remb',
    'a=ssrc:3735928559 cname:zvonokbenchmark',
  ];
  let sdp = '';
  for (let i = 0; sdp.length < bytes; i++) sdp += `${lines[i % lines.length] ?? ''}\r\n`;
  return sdp.slice(0, bytes);
}

// ---------------------------------------------------------------------------------------------
// Commands

/**
 * @param {OpenParams} params
 * @returns {Promise<OpenResult>}
 */
async function open({ tag, url, rooms, concurrency, timeoutMs }) {
  const clients = clientsOf(tag);
  clientsByTag.set(tag, clients);
  const startedUs = nowUs();
  let lastJoinedUs = startedUs;
  let launched = 0;
  let joined = 0;
  let failed = 0;
  /** @type {string[]} */
  const errors = [];
  const launch = () => {
    while (launched - joined - failed < concurrency && launched < rooms.length) {
      // Several URLs (instances sharing rooms): connections take them in turn.
      const to = typeof url === 'string' ? url : /** @type {string} */ (url[launched % url.length]);
      const room = /** @type {string} */ (rooms[launched++]);
      clients.push(
        new BenchClient(tag, to, room, (_client, error) => {
          if (error === undefined) {
            joined++;
            lastJoinedUs = nowUs();
          } else {
            failed++;
            if (errors.length < 5) errors.push(error);
          }
          launch();
        }),
      );
    }
  };
  launch();
  const all = await waitUntil(() => joined + failed === rooms.length, timeoutMs, 5);
  if (!all) {
    failed = rooms.length - joined;
    errors.push(`timed out after ${timeoutMs} ms with ${joined} of ${rooms.length} joined`);
  }
  return { joined, failed, errors, startedUs, lastJoinedUs };
}

/**
 * @param {RelayParams} params
 * @returns {Promise<RelayResult>}
 */
async function relay({ tag, ratePerPair, sdpBytes, startUs, warmupMs, durationMs, drainMs }) {
  /** @type {Map<string, BenchClient[]>} */
  const byRoom = new Map();
  for (const c of clientsOf(tag)) byRoom.set(c.room, [...(byRoom.get(c.room) ?? []), c]);
  // The sender is the member that knows the other's id (the one that joined second got it in its
  // peer-list; the first learns it from peer-joined, which may still be on its way).
  /** @type {{ sender: BenchClient, receiver: BenchClient, to: string }[]} */
  const pairs = [];
  for (const members of byRoom.values()) {
    const [a, b] = members;
    if (!a || !b) continue;
    const receiverId = b.peers.has(a.id ?? '') ? a.id : null;
    const sender = receiverId ? b : a;
    const receiver = receiverId ? a : b;
    if (!receiver.id || !sender.peers.has(receiver.id)) continue;
    receiver.pair = pairs.length;
    receiver.nextSeq = 0;
    pairs.push({ sender, receiver, to: receiver.id });
  }

  const warmupSeqs = Math.round((warmupMs / 1000) * ratePerPair);
  const latency = new Histogram();
  let received = 0;
  let outOfOrder = 0;
  let misrouted = 0;
  /** @type {number[]} */
  const fields = [0, 0, 0];
  benchHandler = (client, buf, pos, end) => {
    // Stragglers from another server's run are not this run's.
    if (client.tag !== tag || !readFields(buf, pos, end, fields, 3)) return;
    const [pair = -1, seq = -1, sentUs = 0] = fields;
    if (pair !== client.pair) {
      misrouted++;
      return;
    }
    received++;
    if (seq !== client.nextSeq) outOfOrder++;
    client.nextSeq = seq + 1;
    if (seq >= warmupSeqs) latency.record(nowUs() - sentUs);
  };

  // The SDP is `sdpBytes` long once decoded: a ~56-byte head with the fields, then filler.
  const filler = JSON.stringify(sdpFiller(Math.max(0, sdpBytes - 56))).slice(1, -1);
  const meter = new LoadMeter();
  const windowStartUs = startUs + warmupMs * 1000;
  const sent = await paced({
    startUs,
    untilUs: windowStartUs + durationMs * 1000,
    rate: pairs.length * ratePerPair,
    onTick: (now) => {
      if (now >= windowStartUs) meter.start();
    },
    send: (j) => {
      const k = j % pairs.length;
      const p = /** @type {(typeof pairs)[number]} */ (pairs[k]);
      const seq = Math.floor(j / pairs.length);
      const head = `v=0\\r\\no=${MARKER}${k}~${seq}~${nowUs()}~ 0 IN IP4 127.0.0.1\\r\\n`;
      p.sender.ws.send(`{"type":"offer","to":"${p.to}","sdp":"${head}${filler}"}`);
    },
  });
  meter.stop();
  await waitUntil(() => received + misrouted >= sent, drainMs, 10);
  benchHandler = null;
  return {
    pairs: pairs.length,
    sent,
    received,
    lost: sent - received,
    outOfOrder,
    misrouted,
    latencyUs: latency.toJSON(),
    load: meter.result(),
  };
}

/**
 * @param {ChatParams} params
 * @returns {Promise<ChatResult>}
 */
async function chat({ tag, chatters, msgRate, textBytes, startUs, warmupMs, durationMs, drainMs }) {
  const windowStartUs = startUs + warmupMs * 1000;
  const windowEndUs = windowStartUs + durationMs * 1000;
  const senders = clientsOf(tag)
    .filter((c) => c.joined && !c.closed)
    .slice(0, chatters);
  const latency = new Histogram();
  let deliveredInWindow = 0;
  let deliveredTotal = 0;
  let lastDeliveryUs = nowUs();
  /** @type {number[]} */
  const fields = [0];
  benchHandler = (client, buf, pos, end) => {
    if (client.tag !== tag || !readFields(buf, pos, end, fields, 1)) return;
    const sentUs = fields[0] ?? 0;
    const now = nowUs();
    deliveredTotal++;
    lastDeliveryUs = now;
    if (sentUs >= windowStartUs && sentUs < windowEndUs) {
      deliveredInWindow++;
      latency.record(now - sentUs);
    }
  };

  const filler = 'x'.repeat(Math.max(0, textBytes - 24));
  const meter = new LoadMeter();
  let sentInWindow = 0;
  if (senders.length > 0 && msgRate > 0) {
    await paced({
      startUs,
      untilUs: windowEndUs,
      rate: msgRate,
      onTick: (now) => {
        if (now >= windowStartUs) meter.start();
      },
      send: (j) => {
        const sender = /** @type {BenchClient} */ (senders[j % senders.length]);
        const sentUs = nowUs();
        // Only messages whose timestamp lies in the window count: receivers apply the same test.
        if (sender.ws.send(`{"type":"chat","text":"${MARKER}${sentUs}~${filler}"}`)) {
          if (sentUs >= windowStartUs && sentUs < windowEndUs) sentInWindow++;
        }
      },
    });
  } else {
    await waitUntil(() => nowUs() >= windowEndUs, warmupMs + durationMs + 1000);
  }
  meter.stop();
  // Receivers cannot know how much the other workers sent: wait until deliveries stop.
  const drainEndUs = nowUs() + drainMs * 1000;
  await waitUntil(() => nowUs() - lastDeliveryUs > 300_000 || nowUs() > drainEndUs, drainMs + 500);
  benchHandler = null;
  return {
    sentInWindow,
    deliveredInWindow,
    deliveredTotal,
    latencyUs: latency.toJSON(),
    load: meter.result(),
  };
}

/**
 * @param {CloseParams} params
 * @returns {Promise<CloseResult>}
 */
async function close({ tag, timeoutMs }) {
  const tags = tag === undefined ? [...clientsByTag.keys()] : [tag];
  const all = tags.flatMap(clientsOf);
  for (const t of tags) clientsByTag.delete(t);
  for (const c of all) c.ws.close();
  await waitUntil(() => all.every((c) => c.closed), timeoutMs, 20);
  let destroyed = 0;
  for (const c of all) {
    if (!c.closed) {
      destroyed++;
      c.ws.destroy();
    }
  }
  return { closed: all.length - destroyed, destroyed };
}

/** @type {{ [K in CommandName]: (params: Commands[K]['params']) => Promise<Commands[K]['result']> }} */
const commands = { open, relay, chat, close };

process.on('message', (/** @type {Request} */ request) => {
  const run = /** @type {(params: unknown) => Promise<unknown>} */ (commands[request.name]);
  run(request.params).then(
    (result) => reply({ seq: request.seq, ok: true, result }),
    (/** @type {unknown} */ error) =>
      reply({
        seq: request.seq,
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }),
  );
});

/** @param {Reply} message */
function reply(message) {
  process.send?.(message);
}

// The orchestrator gone (even killed) means the run is over.
process.on('disconnect', () => process.exit(0));
