// `npm run bench:signaling`: the signaling load benchmark (see bench/README.md).
//
// Each scenario runs against the plain `ws` relay (baseline-server.mjs) and then Zvonok's server
// (packages/server/dist/main.js) in the same run, so that the two compare as a ratio even on a
// busy machine. Each server is a fresh process pinned to core 0; the load comes from worker
// processes pinned to core 1, over loopback.
//
//   node bench/signaling/run.mjs [--quick] [--servers baseline,zvonok]
//     [--only connections,relay,broadcast] [--workers 2] [--profile] [--out FILE]
//     [--zvonok packages/server/dist/main.js] [--priority realtime|normal] [--client lean|ws]
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { delay } from '../lib/clock.mjs';
import { waitForQuiet } from '../lib/cpu.mjs';
import {
  killAll,
  killChildrenOnExit,
  otherProcessesRunning,
  pinSelf,
  setScheduling,
  startServer,
} from '../lib/procs.mjs';
import { render, writeJson } from './report.mjs';
import { broadcastScenario, connectionsScenario, relayScenario } from './scenarios.mjs';
import { renderScaleOut, scaleOutScenario } from './scale-out.mjs';
import { WorkerPool } from './worker-pool.mjs';

/**
 * @import { RunResult, ServerName } from './report.mjs'
 * @import { Context, Target } from './scenarios.mjs'
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVER_CORE = 0;
const LOAD_CORE = 1;

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    servers: { type: 'string', default: 'baseline,zvonok' },
    only: { type: 'string', default: 'connections,relay,broadcast' },
    workers: { type: 'string', default: '2' },
    profile: { type: 'boolean', default: false },
    // Also (d): one instance against two instances sharing rooms through Redis (scale-out.mjs).
    redis: { type: 'boolean', default: false },
    zvonok: { type: 'string', default: 'packages/server/dist/main.js' },
    // Servers and load under the real-time policy: other work on a shared machine delays them
    // much less (see setScheduling).
    priority: { type: 'string', default: 'realtime' },
    // The load's clients: the lean zero-copy client, or standard `ws` clients (ws-client.mjs).
    client: { type: 'string', default: 'lean' },
    out: { type: 'string' },
  },
});
const quick = args.quick;
if (args.client !== 'lean' && args.client !== 'ws') {
  console.error(`--client ${args.client}: use lean or ws`);
  process.exit(2);
}
// Read by the load workers, which inherit the environment when forked.
process.env.BENCH_CLIENT = args.client;
/** Runs per server of (a), (b) and the base of (c); the reported one is the better. */
const REPEATS = quick ? 1 : 2;
/** Before a run, wait at most this long for idle servers, and this long in all. */
const QUIET_WAIT_MS = quick ? 1000 : 5000;
const QUIET_BUDGET_MS = quick ? 5000 : 60_000;
/** A server using more than this share of its core (percent) is still busy. */
const QUIET_PERCENT = 5;
/** Noisy measurements run again, this many times in all and at most RETRIES_EACH times each. */
const RETRIES = quick ? 2 : 8;
const RETRIES_EACH = 1;

/** Sizes of the full run (the issue's) and of the smoke run (< 1 minute). */
const plan = {
  connections: { connections: quick ? 2000 : 10_000, roomSize: 4, settleMs: quick ? 1000 : 2000 },
  relay: {
    pairs: quick ? 100 : 500,
    ratePerPair: 20,
    sdpBytes: 3000,
    warmupMs: quick ? 500 : 1000,
    durationMs: quick ? 2000 : 10_000,
  },
  broadcast: {
    roomSize: 200,
    chatters: 10,
    perChatter: 10,
    warmupMs: quick ? 500 : 1000,
    durationMs: quick ? 2000 : 5000,
    rampTargets: quick
      ? [40_000, 80_000, 160_000]
      : [40, 60, 80, 100, 120, 140, 160, 180, 200, 240, 280, 320, 400, 480, 560].map(
          (k) => k * 1000,
        ),
    rampWarmupMs: quick ? 300 : 500,
    rampDurationMs: quick ? 1000 : 2500,
    p99LimitMs: 50,
    // The server allows 100 messages/s per connection (RATE_LIMIT): stay well under it.
    maxPerChatter: 40,
  },
};

/** How the two servers are started. */
/** @type {Record<ServerName, { argv: string[], describe: string }>} */
const SERVERS = {
  baseline: {
    argv: [join(ROOT, 'bench/signaling/baseline-server.mjs')],
    describe: 'plain ws relay, bench/signaling/baseline-server.mjs',
  },
  zvonok: {
    argv: [
      ...(args.profile
        ? ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, 'bench/signaling/profiles')}`]
        : []),
      join(ROOT, args.zvonok),
    ],
    describe: args.zvonok,
  },
};

/** @param {string[]} cmd */
function capture(cmd) {
  try {
    return execFileSync(/** @type {string} */ (cmd[0]), cmd.slice(1), { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

function machine() {
  const debian = existsSync('/etc/debian_version')
    ? `Debian ${readFileSync('/etc/debian_version', 'utf8').trim()}`
    : 'Linux';
  return {
    cpu: `${cpus()[0]?.model ?? 'unknown CPU'} x ${cpus().length}`,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    os: `${debian}, kernel ${release()}`,
    node: process.version,
  };
}

/** @param {number} n */
function round1(n) {
  return Math.round(n * 10) / 10;
}

/** Local date as YYYY-MM-DD. */
function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function main() {
  if (cpus().length < 2)
    throw new Error('the benchmark needs two cores: one for the server, one for the load');
  killChildrenOnExit();
  // Two runs at once would load each other's cores: wait (bounded) for another to finish.
  for (let waited = 0; otherProcessesRunning('bench/signaling/run.mjs').length > 0; waited++) {
    if (waited === 0) console.log('another signaling benchmark is running: waiting for it to end…');
    if (waited >= 120) throw new Error('another signaling benchmark has run for 10 minutes more');
    await delay(5000);
  }
  // The orchestrator and the workers it forks share the load core, away from the server's.
  pinSelf(LOAD_CORE);
  setScheduling(args.priority === 'normal' ? 'normal' : 'realtime');
  const limitMs = (quick ? 3 : 15) * 60_000;
  const watchdog = setTimeout(() => {
    console.error(`the benchmark did not finish in ${limitMs / 60_000} minutes: stopping it`);
    killAll();
    process.exit(1);
  }, limitMs);

  const servers = /** @type {ServerName[]} */ (args.servers.split(',').filter((s) => s in SERVERS));
  if (servers.includes('zvonok') && !existsSync(SERVERS.zvonok.argv.at(-1) ?? '')) {
    console.error(
      'packages/server/dist/main.js is missing: build it (npm run build -w @zvonok/server); running the baseline only',
    );
    servers.splice(servers.indexOf('zvonok'), 1);
  }
  const only = new Set(args.only.split(','));
  const pool = new WorkerPool(Number(args.workers), LOAD_CORE);
  const date = today();
  const resumeSecret = randomBytes(32).toString('hex');
  let quietBudgetMs = QUIET_BUDGET_MS;
  let retries = RETRIES;
  /** @type {Map<string, number>} */
  const retried = new Map();

  /** @type {Context} */
  const ctx = {
    pool,
    servers,
    repeats: REPEATS,
    start: async (name, env = {}) => {
      const server = await startServer({
        argv: SERVERS[/** @type {ServerName} */ (name)].argv,
        core: SERVER_CORE,
        env: {
          HOST: '127.0.0.1',
          PORT: '0',
          LOG_LEVEL: 'warn',
          NODE_ENV: 'production',
          // Zvonok would otherwise create a secret file in .data/.
          RESUME_SECRET: resumeSecret,
          // The load comes from thousands of clients on one loopback address, far beyond what
          // one address may do (docs/SECURITY.md): the benchmark measures relaying, not refusals.
          MAX_CONNECTIONS_PER_ADDRESS: '1000000',
          MAX_CONNECTIONS: '1000000',
          MAX_ROOMS: '1000000',
          JOIN_BURST_PER_ADDRESS: '1000000',
          JOINS_PER_MINUTE_PER_ADDRESS: '6000000',
          CHAT_BURST: '1000000',
          CHAT_PER_SECOND: '1000000',
          ...env,
        },
      });
      return { name, server, url: `ws://127.0.0.1:${server.port}/ws` };
    },
    stop: (target) => target.server.stop(),
    who: (targets) => ({
      serverCore: SERVER_CORE,
      serverPids: targets.map((t) => t.server.pid),
      loadCore: LOAD_CORE,
      loadPids: [process.pid, ...pool.pids],
    }),
    retry: (what, noise) => {
      const done = retried.get(what) ?? 0;
      if (retries <= 0 || done >= RETRIES_EACH) return false;
      retries--;
      retried.set(what, done + 1);
      console.log(
        `  ${what}: the server waited ${noise.serverWait} % of the time for its core; again`,
      );
      return true;
    },
    quiet: async (alive) => {
      const started = Date.now();
      await waitForQuiet(ctx.who(alive), {
        maxPercent: QUIET_PERCENT,
        timeoutMs: Math.min(QUIET_WAIT_MS, quietBudgetMs),
      });
      quietBudgetMs = Math.max(0, quietBudgetMs - (Date.now() - started));
    },
  };

  /** @type {RunResult} */
  const run = {
    date,
    startedAt: new Date().toISOString(),
    quick,
    machine: machine(),
    method: {
      serverCore: SERVER_CORE,
      loadCore: LOAD_CORE,
      loadWorkers: pool.size,
      repeats: REPEATS,
      scheduling: args.priority === 'normal' ? 'normal' : 'realtime (SCHED_RR 1)',
      client:
        args.client === 'ws'
          ? 'ws (bench/lib/ws-client.mjs, the standard ws package)'
          : 'bench/lib/lean-ws.mjs (RFC 6455, zero-copy receive)',
      serverEnv: 'HOST=127.0.0.1 PORT=0 LOG_LEVEL=warn NODE_ENV=production',
      commit: capture(['git', '-C', ROOT, 'rev-parse', '--short', 'HEAD']),
      serverCommit: capture([
        'git',
        '-C',
        ROOT,
        'log',
        '-1',
        '--format=%h',
        '--',
        'packages/server',
      ]),
      baseline: SERVERS.baseline.describe,
      zvonok: SERVERS.zvonok.describe,
      // Other work on the machine skews both servers' figures: the load average tells how much.
      loadAverageAtStart: round1(loadavg()[0] ?? 0),
    },
    scenarios: { connections: {}, relay: {}, broadcast: {} },
  };

  if (only.has('connections')) {
    console.log('(a) connections…');
    run.scenarios.connections = await connectionsScenario(ctx, plan.connections);
  }
  if (only.has('relay')) {
    console.log('(b) relay…');
    run.scenarios.relay = await relayScenario(ctx, plan.relay);
  }
  if (only.has('broadcast')) {
    console.log('(c) broadcast…');
    run.scenarios.broadcast = await broadcastScenario(ctx, plan.broadcast);
  }
  /** @type {Awaited<ReturnType<typeof scaleOutScenario>> | undefined} */
  let scaleOut;
  if (args.redis || only.has('scale-out')) {
    console.log('(d) scale-out: one instance, then two instances + Redis…');
    scaleOut = await scaleOutScenario(ctx, { relay: plan.relay, broadcast: plan.broadcast });
  }
  run.method.quietWaitMs = QUIET_BUDGET_MS - quietBudgetMs;
  run.method.noisyRetries = RETRIES - retries;

  pool.stop();
  clearTimeout(watchdog);
  run.method.loadAverageAtEnd = round1(loadavg()[0] ?? 0);
  const out =
    args.out ?? join(ROOT, 'bench/signaling/results', `${date}${quick ? '-quick' : ''}.json`);
  writeJson(run, out);
  console.log(`\n${render(run)}\n\nResults written to ${out}`);
  if (scaleOut !== undefined) {
    const scaleOutFile = out.replace(/\.json$/, '-scale-out.json');
    writeJson(/** @type {any} */ ({ date, machine: run.machine, ...scaleOut }), scaleOutFile);
    console.log(`\n(d) scale-out\n${renderScaleOut(scaleOut)}\n\nWritten to ${scaleOutFile}`);
  }
}

main().then(
  () => {
    killAll();
    process.exit(0);
  },
  (/** @type {unknown} */ error) => {
    console.error(error);
    killAll();
    process.exit(1);
  },
);
