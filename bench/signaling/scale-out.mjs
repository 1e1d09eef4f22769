// Scale-out scenario of the signaling benchmark (`--redis`): relay latency and broadcast
// deliveries per second against one Zvonok instance (rooms in memory), then against two instances
// sharing rooms through one redis-server, with the load spread over both: every relay pair has
// one member on each instance, and the broadcast room half its members on each. The ratios of
// the two are the cost of the Redis hop.
//
// The instances and redis-server all run on the server core, so both set-ups get the same CPU:
// the ratio is what a deployment pays per core for sharing rooms, not a gain from more cores.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createConnection, createServer } from 'node:net';
import { delay, nowUs } from '../lib/clock.mjs';
import { readCpuMs } from '../lib/procs.mjs';
import { round } from '../lib/stats.mjs';
import {
  abba,
  chatLoad,
  chatWindow,
  measuredRun,
  openAll,
  rampStep,
  relayLoad,
  relayTotals,
} from './scenarios.mjs';

/**
 * @import { ChatPlan, Context, RelayPlan, Target } from './scenarios.mjs'
 * @import { LatencySummary } from '../lib/stats.mjs'
 */

/**
 * @typedef {object} SetupFigures
 * @property {string} setup
 * @property {{ pairs: number, offersPerSecond: number, sent: number, received: number, lost: number, latencyMs: LatencySummary, cpuPercent: number }} relay
 *   at the plan's load
 * @property {{ pairs: number, offersPerSecond: number, sent: number, received: number, lost: number, latencyMs: LatencySummary, cpuPercent: number }} relayLight
 *   at a fifth of it
 * @property {{ roomSize: number, base: BroadcastFigures, highestHeldPerSecond: number, ramp: BroadcastFigures[] }} broadcast
 */

/**
 * @typedef {object} BroadcastFigures
 * @property {number} targetPerSecond
 * @property {number} deliveredPerSecond
 * @property {number} lost
 * @property {LatencySummary} latencyMs
 * @property {number} cpuPercent every server process of the set-up together (percent of a core)
 * @property {boolean} held
 */

/**
 * @typedef {object} ScaleOutResult
 * @property {SetupFigures} single
 * @property {SetupFigures} shared
 * @property {{ relayLightP50: number, relayLightP99: number, relayP99: number, relayP50: number,
 *   broadcastHeld: number, broadcastBaseP99: number }} ratios
 *   shared / single: above 1 for latency and below 1 for throughput is the cost of the hop
 */

/**
 * @typedef {object} ScaleOutPlan
 * @property {RelayPlan} relay
 * @property {{ roomSize: number, chatters: number, perChatter: number, warmupMs: number,
 *   durationMs: number, rampTargets: number[], rampWarmupMs: number, rampDurationMs: number,
 *   p99LimitMs: number, maxPerChatter: number }} broadcast
 */

/** A port free on 127.0.0.1 a moment ago (redis-server cannot report port 0). */
function freePort() {
  return /** @type {Promise<number>} */ (
    new Promise((resolve, reject) => {
      const srv = createServer();
      srv.once('error', reject);
      srv.listen(0, '127.0.0.1', () => {
        const address = srv.address();
        const port = typeof address === 'object' && address !== null ? address.port : 0;
        srv.close(() => resolve(port));
      });
    })
  );
}

/** @param {number} port */
function ping(port) {
  return /** @type {Promise<boolean>} */ (
    new Promise((resolve) => {
      const sock = createConnection({ host: '127.0.0.1', port });
      sock.setTimeout(500, () => {
        sock.destroy();
        resolve(false);
      });
      sock.on('connect', () => sock.write('PING\r\n'));
      sock.on('data', (d) => {
        sock.end();
        resolve(d.toString().startsWith('+PONG'));
      });
      sock.on('error', () => resolve(false));
    })
  );
}

/**
 * redis-server pinned to `core`, without persistence; killed when this process exits.
 * @param {number} core
 */
async function startRedis(core) {
  const port = await freePort();
  const child = spawn(
    'taskset',
    [
      '-c',
      String(core),
      'redis-server',
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    { stdio: 'ignore' },
  );
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.on('exit', kill);
  const deadline = Date.now() + 10_000;
  while (!(await ping(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      kill();
      throw new Error(`redis-server did not start on ${port} (is it installed?)`);
    }
    await delay(50);
  }
  return {
    pid: /** @type {number} */ (child.pid),
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      kill();
      await exited;
    },
  };
}

/**
 * CPU of a set of processes over a window that starts now, in percent of one core.
 * @param {number[]} pids
 */
function cpuMeter(pids) {
  const start = pids.map(readCpuMs);
  const startUs = nowUs();
  return () =>
    round(
      (pids.reduce((s, pid, i) => s + readCpuMs(pid) - (start[i] ?? 0), 0) /
        ((nowUs() - startUs) / 1000)) *
        100,
      1,
    );
}

/**
 * Opens the connections of `rooms` (entry i: the room of connection i) for `tag` over `urls`.
 * @param {Context} ctx
 * @param {string} tag
 * @param {string[]} urls
 * @param {string[]} rooms
 * @param {(index: number) => number} worker
 */
async function open(ctx, tag, urls, rooms, worker) {
  const { failed, errors } = await openAll(ctx, tag, urls, rooms, worker, 64);
  if (failed > 0) throw new Error(`${failed} connections failed: ${errors.join('; ')}`);
}

/**
 * @typedef {object} Setup
 * @property {'single' | 'shared'} key
 * @property {string} label
 * @property {Target[]} alive its processes (CPU is counted over all of them)
 * @property {string[]} urls where its connections go, in turn
 */

/**
 * One relay run on a set-up whose pairs are open (with two URLs each pair has one member on each
 * instance, so every offer crosses Redis).
 * @param {Context} ctx
 * @param {Target[]} everyone every process of both set-ups
 * @param {Setup} setup
 * @param {RelayPlan} plan
 */
async function relayRun(ctx, everyone, setup, plan) {
  const { replies, reading: cpuPercent } = await measuredRun(
    ctx,
    everyone,
    300_000,
    plan,
    (startUs) => relayLoad(ctx, setup.key, plan, startUs),
    () => cpuMeter(setup.alive.map((t) => t.server.pid)),
  );
  const totals = relayTotals(replies);
  return {
    pairs: totals.pairs,
    offersPerSecond: plan.pairs * plan.ratePerPair,
    sent: totals.sent,
    received: totals.received,
    lost: totals.lost,
    latencyMs: totals.latencyMs,
    cpuPercent,
  };
}

/**
 * One step of chat load in the open room of a set-up.
 * @param {Context} ctx
 * @param {Target[]} everyone every process of both set-ups
 * @param {Setup} setup
 * @param {ChatPlan} step
 * @returns {Promise<BroadcastFigures>}
 */
async function chatStep(ctx, everyone, setup, step) {
  const { replies, reading: cpuPercent } = await measuredRun(
    ctx,
    everyone,
    200_000,
    step,
    (startUs) => chatLoad(ctx, setup.key, step, startUs),
    () => cpuMeter(setup.alive.map((t) => t.server.pid)),
  );
  const { delivered, deliveredPerSecond, expected, latencyMs, held } = chatWindow(replies, step);
  return {
    targetPerSecond: step.targetPerSecond,
    deliveredPerSecond,
    lost: expected - delivered,
    latencyMs,
    cpuPercent,
    held,
  };
}

/**
 * Runs relay and broadcast against one instance and against two instances + Redis. Both set-ups
 * stay up the whole time and take turns (A B B A; alternating ramp steps), so a burst of other
 * work on the machine does not land on one of them only; each reports its best run.
 * @param {Context} ctx
 * @param {ScaleOutPlan} plan
 * @returns {Promise<ScaleOutResult>}
 */
export async function scaleOutScenario(ctx, plan) {
  const capacity = { ROOM_CAPACITY: String(plan.broadcast.roomSize) };
  const redis = await startRedis(ctx.who([]).serverCore);
  /** @type {Target[]} */
  const started = [];
  try {
    const one = await ctx.start('zvonok', capacity);
    started.push(one);
    const env = {
      ...capacity,
      REDIS_URL: redis.url,
      REDIS_PREFIX: `bench${randomBytes(3).toString('hex')}:`,
    };
    const a = await ctx.start('zvonok', env);
    started.push(a);
    const b = await ctx.start('zvonok', env);
    started.push(b);
    // The CPU figures count Redis too: it is part of what the shared set-up costs.
    const redisTarget = /** @type {Target} */ (
      /** @type {unknown} */ ({ name: 'redis', url: redis.url, server: { pid: redis.pid } })
    );
    /** @type {Setup[]} */
    const setups = [
      { key: 'single', label: 'one instance, rooms in memory', alive: [one], urls: [one.url] },
      {
        key: 'shared',
        label: 'two instances + one Redis, load spread over both',
        alive: [a, b, redisTarget],
        urls: [a.url, b.url],
      },
    ];
    const everyone = [one, a, b, redisTarget];

    // Relay: a light load that neither set-up finds hard (the latency of the hop), then the full
    // one (what the hop costs when the server core is busy).
    /** @type {Record<string, Record<string, Awaited<ReturnType<typeof relayRun>>>>} */
    const relayBest = { light: {}, full: {} };
    const loads = /** @type {const} */ ([
      ['light', { ...plan.relay, pairs: Math.max(10, Math.round(plan.relay.pairs / 5)) }],
      ['full', plan.relay],
    ]);
    for (const [load, relayPlan] of loads) {
      const pairRooms = Array.from(
        { length: relayPlan.pairs * 2 },
        (_, i) => `so-${load}-p${i >> 1}`,
      );
      for (const setup of setups) await open(ctx, setup.key, setup.urls, pairRooms, (i) => i >> 1);
      for (const setup of abba(setups, ctx.repeats)) {
        const run = await relayRun(ctx, everyone, setup, relayPlan);
        const best = relayBest[load]?.[setup.key];
        if (best === undefined || run.latencyMs.p99 < best.latencyMs.p99) {
          /** @type {Record<string, Awaited<ReturnType<typeof relayRun>>>} */ (relayBest[load])[
            setup.key
          ] = run;
        }
      }
      await ctx.pool.closeConnections();
    }

    // Broadcast
    const { roomSize, p99LimitMs } = plan.broadcast;
    const crowd = Array.from({ length: roomSize }, () => 'so-crowd');
    for (const setup of setups) await open(ctx, setup.key, setup.urls, crowd, (i) => i);
    const msgRate = plan.broadcast.chatters * plan.broadcast.perChatter;
    /** @type {Record<string, BroadcastFigures>} */
    const baseBest = {};
    for (const setup of abba(setups, ctx.repeats)) {
      const step = await chatStep(ctx, everyone, setup, {
        roomSize,
        chatters: plan.broadcast.chatters,
        msgRate,
        targetPerSecond: msgRate * (roomSize - 1),
        warmupMs: plan.broadcast.warmupMs,
        durationMs: plan.broadcast.durationMs,
        p99LimitMs,
      });
      const best = baseBest[setup.key];
      if (best === undefined || step.latencyMs.p99 < best.latencyMs.p99) baseBest[setup.key] = step;
    }
    /** @type {Record<string, BroadcastFigures[]>} */
    const ramps = { single: [], shared: [] };
    /** @type {Record<string, number>} */
    const failures = { single: 0, shared: 0 };
    for (const [i, targetPerSecond] of plan.broadcast.rampTargets.entries()) {
      const { rate, chatters } = rampStep(targetPerSecond, roomSize, plan.broadcast);
      const order = (i % 2 ? [...setups].reverse() : setups).filter(
        (setup) => (failures[setup.key] ?? 0) < 2,
      );
      if (order.length === 0) break;
      for (const setup of order) {
        const step = await chatStep(ctx, everyone, setup, {
          roomSize,
          chatters,
          msgRate: rate,
          targetPerSecond,
          warmupMs: plan.broadcast.rampWarmupMs,
          durationMs: plan.broadcast.rampDurationMs,
          p99LimitMs,
        });
        ramps[setup.key]?.push(step);
        failures[setup.key] = step.held ? 0 : (failures[setup.key] ?? 0) + 1;
      }
    }
    await ctx.pool.closeConnections();

    /** @type {(setup: Setup) => SetupFigures} */
    const figures = (setup) => {
      const base = /** @type {BroadcastFigures} */ (baseBest[setup.key]);
      const ramp = ramps[setup.key] ?? [];
      const held = [base, ...ramp].filter((step) => step.held);
      return {
        setup: setup.label,
        relayLight: /** @type {SetupFigures['relay']} */ (relayBest.light?.[setup.key]),
        relay: /** @type {SetupFigures['relay']} */ (relayBest.full?.[setup.key]),
        broadcast: {
          roomSize,
          base,
          highestHeldPerSecond: Math.max(0, ...held.map((step) => step.deliveredPerSecond)),
          ramp,
        },
      };
    };
    const single = figures(/** @type {Setup} */ (setups[0]));
    const shared = figures(/** @type {Setup} */ (setups[1]));
    const ratio = (/** @type {number} */ x, /** @type {number} */ y) =>
      y > 0 ? round(x / y, 2) : NaN;
    return {
      single,
      shared,
      ratios: {
        relayLightP50: ratio(shared.relayLight.latencyMs.p50, single.relayLight.latencyMs.p50),
        relayLightP99: ratio(shared.relayLight.latencyMs.p99, single.relayLight.latencyMs.p99),
        relayP50: ratio(shared.relay.latencyMs.p50, single.relay.latencyMs.p50),
        relayP99: ratio(shared.relay.latencyMs.p99, single.relay.latencyMs.p99),
        broadcastBaseP99: ratio(
          shared.broadcast.base.latencyMs.p99,
          single.broadcast.base.latencyMs.p99,
        ),
        broadcastHeld: ratio(
          shared.broadcast.highestHeldPerSecond,
          single.broadcast.highestHeldPerSecond,
        ),
      },
    };
  } finally {
    await ctx.pool.closeConnections();
    for (const t of started) await ctx.stop(t);
    await redis.stop();
  }
}

/**
 * The scale-out figures as a Markdown table (for docs/PERFORMANCE.md).
 * @param {ScaleOutResult} r
 */
export function renderScaleOut(r) {
  const n = (/** @type {number} */ v) => v.toLocaleString('en-US');
  /** @param {SetupFigures['relay']} x */
  const relayCells = (x) =>
    `${n(x.offersPerSecond)}/s: ${x.latencyMs.p50} / ${x.latencyMs.p99} ms, lost ${n(x.lost)}, CPU ${x.cpuPercent} %`;
  const row = (/** @type {SetupFigures} */ s) =>
    `| ${s.setup} | ${relayCells(s.relayLight)} | ${relayCells(s.relay)} | ${s.broadcast.base.latencyMs.p99} ms | ${n(s.broadcast.highestHeldPerSecond)} |`;
  return [
    '| set-up | relay, light: p50 / p99 | relay, full: p50 / p99 | broadcast p99 at ~20k deliveries/s | broadcast held (deliveries/s, p99 < 50 ms) |',
    '| --- | --- | --- | ---: | ---: |',
    row(r.single),
    row(r.shared),
    `| **shared / single** | p50 x${r.ratios.relayLightP50}, p99 x${r.ratios.relayLightP99} | p50 x${r.ratios.relayP50}, p99 x${r.ratios.relayP99} | x${r.ratios.broadcastBaseP99} | x${r.ratios.broadcastHeld} |`,
  ].join('\n');
}
