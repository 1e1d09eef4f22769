// The three scenarios of the signaling benchmark, run by the orchestrator against one server at a
// time: (a) connections, (b) relay, (c) broadcast. Each returns plain figures for report.mjs.
import { delay, nowUs } from '../lib/clock.mjs';
import { readCpuMs, readRssKiB } from '../lib/procs.mjs';
import { Histogram, round, summarizeUs } from '../lib/stats.mjs';

/**
 * @import { WorkerPool } from './worker-pool.mjs'
 * @import { ServerProcess } from '../lib/procs.mjs'
 * @import { LatencySummary } from '../lib/stats.mjs'
 * @import { ChatResult, LoadFigures } from './worker-protocol.mjs'
 */

/**
 * @typedef {object} Target what a scenario runs against
 * @property {ServerProcess} server
 * @property {string} url `ws://127.0.0.1:PORT/ws`
 * @property {WorkerPool} pool
 */

/** Connections each worker opens at once: below the listen backlog (511) of both servers. */
const OPEN_CONCURRENCY = 128;

/**
 * Server CPU use between two moments, as percent of one core.
 * @param {number} pid
 */
function cpuMeter(pid) {
  const startMs = readCpuMs(pid);
  const startUs = nowUs();
  return () => round(((readCpuMs(pid) - startMs) / ((nowUs() - startUs) / 1000)) * 100, 1);
}

/**
 * Wait until a moment of the shared clock.
 * @param {number} atUs
 */
async function until(atUs) {
  const ms = (atUs - nowUs()) / 1000;
  if (ms > 0) await delay(ms);
}

/**
 * Load figures of several workers as one: CPU adds up (they share a core), delays take the worst.
 * @param {LoadFigures[]} figures
 * @returns {LoadFigures}
 */
function combineLoad(figures) {
  return {
    cpuPercent: round(
      figures.reduce((s, f) => s + f.cpuPercent, 0),
      1,
    ),
    loopDelayP99Ms: Math.max(...figures.map((f) => f.loopDelayP99Ms)),
    serverErrors: figures.reduce((s, f) => s + f.serverErrors, 0),
    unexpectedCloses: figures.reduce((s, f) => s + f.unexpectedCloses, 0),
  };
}

/**
 * Open connections in the given rooms across the workers; throws unless all joined.
 * @param {Target} target
 * @param {string[]} rooms one entry per connection
 * @param {(room: string, index: number) => number} worker which worker opens connection i
 */
async function openAll({ url, pool }, rooms, worker) {
  /** @type {string[][]} */
  const lists = Array.from({ length: pool.size }, () => []);
  rooms.forEach((room, i) => lists[worker(room, i) % pool.size]?.push(room));
  const results = await pool.all(
    'open',
    (w) => ({ url, rooms: lists[w] ?? [], concurrency: OPEN_CONCURRENCY, timeoutMs: 60_000 }),
    90_000,
  );
  const joined = results.reduce((s, r) => s + r.joined, 0);
  const failed = results.reduce((s, r) => s + r.failed, 0);
  const errors = results.flatMap((r) => r.errors).slice(0, 5);
  return {
    joined,
    failed,
    errors,
    startedUs: Math.min(...results.map((r) => r.startedUs)),
    lastJoinedUs: Math.max(...results.map((r) => r.lastJoinedUs)),
  };
}

// ---------------------------------------------------------------------------------------------
// (a) connections

/**
 * @typedef {object} ConnectionsResult
 * @property {number} connections
 * @property {number} roomSize
 * @property {number} joined
 * @property {number} failed
 * @property {string[]} errors
 * @property {number} timeToAllJoinedMs first connect to last peer-list
 * @property {number} joinsPerSecond
 * @property {number} rssBeforeKiB
 * @property {number} rssAfterKiB
 * @property {number} rssPerConnectionKiB
 */

/**
 * (a) `connections` clients in rooms of `roomSize`: how long until every one has its peer-list,
 * and how much resident memory each idle connection costs the server.
 * @param {Target} target
 * @param {{ connections: number, roomSize: number, settleMs: number }} options
 * @returns {Promise<ConnectionsResult>}
 */
export async function connectionsScenario(target, { connections, roomSize, settleMs }) {
  await delay(500);
  const rssBeforeKiB = readRssKiB(target.server.pid);
  const rooms = Array.from({ length: connections }, (_, i) => `c${Math.floor(i / roomSize)}`);
  // A room's members go to one worker, which opens them one after another, as people arrive.
  const opened = await openAll(target, rooms, (_room, i) => Math.floor(i / roomSize));
  const timeToAllJoinedMs = round((opened.lastJoinedUs - opened.startedUs) / 1000, 1);
  // Let the last joins' garbage and buffers settle before reading the idle footprint.
  await delay(settleMs);
  const rssAfterKiB = readRssKiB(target.server.pid);
  return {
    connections,
    roomSize,
    joined: opened.joined,
    failed: opened.failed,
    errors: opened.errors,
    timeToAllJoinedMs,
    joinsPerSecond: Math.round(opened.joined / (timeToAllJoinedMs / 1000)),
    rssBeforeKiB,
    rssAfterKiB,
    rssPerConnectionKiB: round((rssAfterKiB - rssBeforeKiB) / Math.max(1, opened.joined), 2),
  };
}

// ---------------------------------------------------------------------------------------------
// (b) relay

/**
 * @typedef {object} RelayScenarioResult
 * @property {number} pairs
 * @property {number} ratePerPair
 * @property {number} sdpBytes
 * @property {number} durationMs
 * @property {number} sent
 * @property {number} received
 * @property {number} lost
 * @property {number} outOfOrder
 * @property {number} misrouted
 * @property {LatencySummary} latencyMs
 * @property {number} serverCpuPercent
 * @property {LoadFigures} load
 */

/**
 * (b) `pairs` rooms of two; in each, one member sends the other an SDP offer of `sdpBytes` at
 * `ratePerPair` per second: one-way latency and loss.
 * @param {Target} target
 * @param {{ pairs: number, ratePerPair: number, sdpBytes: number, warmupMs: number, durationMs: number }} options
 * @returns {Promise<RelayScenarioResult>}
 */
export async function relayScenario(
  target,
  { pairs, ratePerPair, sdpBytes, warmupMs, durationMs },
) {
  const rooms = Array.from({ length: pairs * 2 }, (_, i) => `p${i >> 1}`);
  // Both members of a pair live in one worker, which knows what was sent and times it alone.
  const opened = await openAll(target, rooms, (_room, i) => i >> 1);
  if (opened.failed > 0)
    throw new Error(`relay: ${opened.failed} connections failed: ${opened.errors.join('; ')}`);
  const startUs = nowUs() + 300_000;
  const windowStartUs = startUs + warmupMs * 1000;
  const running = target.pool.all(
    'relay',
    () => ({ ratePerPair, sdpBytes, startUs, warmupMs, durationMs, drainMs: 5000 }),
    warmupMs + durationMs + 30_000,
  );
  await until(windowStartUs);
  const serverCpu = cpuMeter(target.server.pid);
  await until(windowStartUs + durationMs * 1000);
  const serverCpuPercent = serverCpu();
  const results = await running;

  const latency = new Histogram();
  for (const r of results) latency.merge(r.latencyUs);
  const sum = (/** @type {(r: (typeof results)[number]) => number} */ f) =>
    results.reduce((s, r) => s + f(r), 0);
  return {
    pairs: sum((r) => r.pairs),
    ratePerPair,
    sdpBytes,
    durationMs,
    sent: sum((r) => r.sent),
    received: sum((r) => r.received),
    lost: sum((r) => r.lost),
    outOfOrder: sum((r) => r.outOfOrder),
    misrouted: sum((r) => r.misrouted),
    latencyMs: summarizeUs(latency),
    serverCpuPercent,
    load: combineLoad(results.map((r) => r.load)),
  };
}

// ---------------------------------------------------------------------------------------------
// (c) broadcast

/**
 * @typedef {object} BroadcastStep
 * @property {number} targetPerSecond deliveries per second asked for
 * @property {number} chatters
 * @property {number} msgRate chat messages per second, all chatters together
 * @property {number} deliveredPerSecond deliveries per second of the messages sent in the window
 * @property {number} expected deliveries due: messages sent in the window x (room size - 1)
 * @property {number} lost expected but not delivered by the end of the drain
 * @property {LatencySummary} latencyMs
 * @property {number} serverCpuPercent
 * @property {LoadFigures} load
 * @property {boolean} held p99 under the limit, nothing lost, the load sent what was asked
 */

/**
 * @typedef {object} BroadcastResult
 * @property {number} roomSize
 * @property {BroadcastStep} base the scenario as specified: 10 chatters, 10 messages/s each
 * @property {BroadcastStep[]} ramp
 * @property {number} p99LimitMs
 * @property {number} highestHeldPerSecond highest delivery rate of a step that held
 */

/**
 * One step of chat load on the open room.
 * @param {Target} target
 * @param {{ roomSize: number, chatters: number, msgRate: number, targetPerSecond: number,
 *   warmupMs: number, durationMs: number, p99LimitMs: number }} step
 * @returns {Promise<BroadcastStep>}
 */
async function chatStep(target, step) {
  const { pool } = target;
  const startUs = nowUs() + 200_000;
  const windowStartUs = startUs + step.warmupMs * 1000;
  const running = pool.all(
    'chat',
    (w) => ({
      // Chatters and rate split evenly; worker w takes its share of both.
      chatters: Math.floor(step.chatters / pool.size) + (w < step.chatters % pool.size ? 1 : 0),
      msgRate: step.msgRate / pool.size,
      textBytes: 64,
      startUs,
      warmupMs: step.warmupMs,
      durationMs: step.durationMs,
      drainMs: 3000,
    }),
    step.warmupMs + step.durationMs + 20_000,
  );
  await until(windowStartUs);
  const serverCpu = cpuMeter(target.server.pid);
  await until(windowStartUs + step.durationMs * 1000);
  const serverCpuPercent = serverCpu();
  /** @type {ChatResult[]} */
  const results = await running;

  const latency = new Histogram();
  for (const r of results) latency.merge(r.latencyUs);
  const sentInWindow = results.reduce((s, r) => s + r.sentInWindow, 0);
  const delivered = results.reduce((s, r) => s + r.deliveredInWindow, 0);
  const expected = sentInWindow * (step.roomSize - 1);
  const latencyMs = summarizeUs(latency);
  const plannedMessages = (step.msgRate * step.durationMs) / 1000;
  return {
    targetPerSecond: step.targetPerSecond,
    chatters: step.chatters,
    msgRate: round(step.msgRate, 1),
    deliveredPerSecond: Math.round(delivered / (step.durationMs / 1000)),
    expected,
    lost: expected - delivered,
    latencyMs,
    serverCpuPercent,
    load: combineLoad(results.map((r) => r.load)),
    held:
      latencyMs.p99 < step.p99LimitMs &&
      expected === delivered &&
      sentInWindow >= 0.97 * plannedMessages,
  };
}

/**
 * (c) `roomSize` clients in one room; `chatters` of them chat `perChatter` times a second (the
 * base figures), then the chat rate ramps up to find the highest delivery rate held with p99
 * under `p99LimitMs`.
 * @param {Target} target
 * @param {{ roomSize: number, chatters: number, perChatter: number, warmupMs: number,
 *   durationMs: number, rampTargets: number[], rampWarmupMs: number, rampDurationMs: number,
 *   p99LimitMs: number, maxPerChatter: number }} options
 * @returns {Promise<BroadcastResult>}
 */
export async function broadcastScenario(target, options) {
  const { roomSize, p99LimitMs } = options;
  const rooms = Array.from({ length: roomSize }, () => 'crowd');
  const opened = await openAll(target, rooms, (_room, i) => i);
  if (opened.failed > 0)
    throw new Error(`broadcast: ${opened.failed} connections failed: ${opened.errors.join('; ')}`);

  const base = await chatStep(target, {
    roomSize,
    chatters: options.chatters,
    msgRate: options.chatters * options.perChatter,
    targetPerSecond: options.chatters * options.perChatter * (roomSize - 1),
    warmupMs: options.warmupMs,
    durationMs: options.durationMs,
    p99LimitMs,
  });

  /** @type {BroadcastStep[]} */
  const ramp = [];
  let failuresInARow = 0;
  for (const targetPerSecond of options.rampTargets) {
    const msgRate = targetPerSecond / (roomSize - 1);
    // More chatters as the rate grows keep each under the server's per-connection rate limit.
    const chatters = Math.min(
      roomSize,
      Math.max(options.chatters, Math.ceil(msgRate / options.maxPerChatter)),
    );
    const step = await chatStep(target, {
      roomSize,
      chatters,
      msgRate,
      targetPerSecond,
      warmupMs: options.rampWarmupMs,
      durationMs: options.rampDurationMs,
      p99LimitMs,
    });
    ramp.push(step);
    // Two failed steps in a row: the server is past its limit (one may be a noisy neighbour).
    failuresInARow = step.held ? 0 : failuresInARow + 1;
    if (failuresInARow >= 2) break;
  }
  const held = [base, ...ramp].filter((s) => s.held);
  return {
    roomSize,
    base,
    ramp,
    p99LimitMs,
    highestHeldPerSecond: held.length ? Math.max(...held.map((s) => s.deliveredPerSecond)) : 0,
  };
}
