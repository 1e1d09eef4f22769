// Processes of a benchmark run: servers and load workers pinned to cores, with a raised open-file
// limit, every one of them tracked so that the run can kill them all whatever happens.
import { execFileSync, fork, spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/** Open files the benchmark processes ask for: one per connection plus a margin. */
const OPEN_FILES = 65536;

/** Scheduling of the servers and workers started from now on. */
let realtime = false;

/**
 * Start servers and workers under the real-time round-robin policy (priority 1, the lowest) or
 * the normal one. On a machine shared with other work, real-time processes run as soon as they
 * are ready instead of waiting behind others' time slices, which otherwise adds milliseconds to
 * every figure (nice values barely help: Linux shares CPU between sessions first). The kernel
 * still leaves 5 % of each core to normal processes. Needs root; without it the processes run
 * under the normal policy.
 * @param {'realtime' | 'normal'} policy
 */
export function setScheduling(policy) {
  realtime = policy === 'realtime';
}

/**
 * Shell prefix that raises the open-file limit (to the hard limit when not allowed more), sets
 * the scheduling policy, then `exec`s the command given as "$0" "$@" pinned to a core: the pid
 * stays the command's own, and the limit and the policy carry over the exec.
 * @param {number} core
 */
function pinnedShell(core) {
  return (
    `ulimit -n ${OPEN_FILES} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; ` +
    (realtime ? 'chrt -r -p 1 $$ >/dev/null 2>&1; ' : '') +
    `exec taskset -c ${core} "$0" "$@"`
  );
}

/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();

/**
 * Remember a child so that killAll() reaches it.
 * @template {import('node:child_process').ChildProcess} T
 * @param {T} child
 * @returns {T}
 */
function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** SIGKILL every child still running (synchronous: safe in an 'exit' handler). */
export function killAll() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
}

/**
 * Kill every child when this process ends for any reason it can observe: normal exit, an
 * uncaught error, Ctrl-C or SIGTERM.
 */
export function killChildrenOnExit() {
  process.on('exit', killAll);
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping every benchmark process`);
      killAll();
      process.exit(130);
    });
  }
  process.on('uncaughtException', (error) => {
    console.error(error);
    killAll();
    process.exit(1);
  });
}

/**
 * Pin this process and all its threads to one core (and give them the scheduling chosen with
 * setScheduling); children forked later inherit it.
 * @param {number} core
 */
export function pinSelf(core) {
  execFileSync('taskset', ['-a', '-p', '-c', String(core), String(process.pid)], {
    stdio: 'ignore',
  });
  if (realtime) {
    // The orchestrator times the measured windows: late, it would read them wrong.
    try {
      execFileSync('chrt', ['-a', '-r', '-p', '1', String(process.pid)], { stdio: 'ignore' });
    } catch {
      // Not allowed (not root): normal scheduling.
    }
  }
}

/**
 * Fork a Node module as an IPC child, pinned to a core, with the raised open-file limit.
 * @param {string} modulePath
 * @param {number} core
 * @param {string[]} [args]
 */
export function forkPinned(modulePath, core, args = []) {
  // fork() runs `execPath ...execArgv modulePath ...args`; bash keeps the IPC descriptor open
  // across its exec, so the child is still a regular fork() child of ours.
  return track(
    fork(modulePath, args, {
      execPath: '/bin/bash',
      execArgv: ['-c', pinnedShell(core), process.execPath],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
}

/**
 * @typedef {object} ServerProcess
 * @property {import('node:child_process').ChildProcess} child
 * @property {number} pid
 * @property {number} port
 * @property {() => string} output the last few KiB the server printed (for error messages)
 * @property {() => Promise<void>} stop SIGTERM, then SIGKILL after 3 s; resolves once it exited
 */

/**
 * Start a server (a Node script) pinned to a core and wait for its
 * `listening on http://HOST:PORT` line.
 * @param {object} options
 * @param {string[]} options.argv node arguments: the script and its flags
 * @param {number} options.core
 * @param {Record<string, string>} options.env added to this process's environment
 * @param {number} [options.timeoutMs]
 * @returns {Promise<ServerProcess>}
 */
export function startServer({ argv, core, env, timeoutMs = 15_000 }) {
  const child = track(
    spawn('/bin/bash', ['-c', pinnedShell(core), process.execPath, ...argv], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let tail = '';
  const keep = (/** @type {Buffer} */ chunk) => {
    // Always read the pipes: a server blocked on a full stdout pipe would stall the benchmark.
    tail = (tail + chunk.toString()).slice(-8192);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };

  return new Promise((resolve, reject) => {
    const fail = (/** @type {string} */ why) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${argv.join(' ')}: ${why}\n--- its output ---\n${tail}`));
    };
    const timer = setTimeout(() => fail(`no "listening on" line in ${timeoutMs} ms`), timeoutMs);
    const onEarlyExit = (/** @type {number | null} */ code, /** @type {string | null} */ signal) =>
      fail(`exited early (${signal ?? code})`);
    child.once('exit', onEarlyExit);
    const onData = () => {
      const match = /listening on https?:\/\/[^\s:]+:(\d+)/i.exec(tail);
      if (!match || child.pid === undefined) return;
      clearTimeout(timer);
      child.off('exit', onEarlyExit);
      child.stdout?.off('data', onData);
      resolve({ child, pid: child.pid, port: Number(match[1]), output: () => tail, stop });
    };
    child.stdout?.on('data', onData);
  });
}

/**
 * Resident set size of a process in KiB (VmRSS in /proc/PID/status).
 * @param {number} pid
 */
export function readRssKiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]);
}

/** Clock ticks per second of /proc/PID/stat times (USER_HZ, 100 on every Linux we run on). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system) a process has used so far, in milliseconds.
 * @param {number} pid
 */
export function readCpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/**
 * Other processes running the same script (by command line), e.g. a second benchmark run that
 * would compete for the same pinned cores.
 * @param {string} script a path fragment of the script, e.g. "bench/signaling/run.mjs"
 * @returns {number[]}
 */
export function otherProcessesRunning(script) {
  /** @type {number[]} */
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      // The node process itself, not a shell or npm that mentions the script in a string.
      if (/(^|\/)node$/.test(argv[0] ?? '') && argv.some((a) => a.endsWith(script))) pids.push(pid);
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}
