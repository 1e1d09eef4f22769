// How busy the machine's cores are, and how much of that is not the benchmark's own processes:
// on a shared machine other work steals time from the server's core, and a figure measured then
// says more about the neighbours than about the server.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { delay } from './clock.mjs';
import { readCpuMs } from './procs.mjs';
import { round } from './stats.mjs';

/** USER_HZ: /proc/stat counts in hundredths of a second. */
const MS_PER_TICK = 10;

/**
 * @typedef {object} CoreTimes milliseconds since boot
 * @property {number} busy user, nice and system (interrupt time is left out: our own traffic
 *   causes most of it, and no process is charged for it)
 * @property {number} steal taken by the hypervisor for other guests
 * @property {number} total
 */

/**
 * Times of one core from /proc/stat.
 * @param {number} core
 * @returns {Promise<CoreTimes>}
 */
async function readCore(core) {
  const stat = await readFile('/proc/stat', 'utf8');
  const line = stat.split('\n').find((l) => l.startsWith(`cpu${core} `));
  if (!line) throw new Error(`no cpu${core} in /proc/stat`);
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] =
    line.trim().split(/\s+/).slice(1).map(Number);
  const ms = (/** @type {number} */ ticks) => ticks * MS_PER_TICK;
  return {
    busy: ms(user + nice + system),
    steal: ms(steal),
    total: ms(user + nice + system + idle + iowait + irq + softirq + steal),
  };
}

/**
 * @typedef {object} Noise during a measured window, in percent of one core
 * @property {number} serverCoreBusy time used on the server's core, servers included
 * @property {number} serverCoreOthers time on the server's core used by processes other than the
 *   servers
 * @property {number} loadCoreOthers time on the load core not used by the benchmark's processes
 * @property {number} steal time the hypervisor gave to other guests, both cores
 * @property {number} serverWait time the measured server's main thread was ready to run but
 *   waited for the core: the delay other work added to the figures (0 on a machine of its own)
 */

/**
 * Nanoseconds a thread has waited on a run queue (second field of /proc/PID/schedstat: the
 * process's main thread, which runs the event loop); 0 when the process is gone.
 * @param {number} pid
 */
function readRunDelayNs(pid) {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1] ?? 0);
  } catch {
    return 0;
  }
}

/**
 * Measures the noise around a window: call `stop()` at its end.
 * @param {Who} who
 * @param {number} [measuredPid] the server under load, whose waiting counts (default: the first)
 */
export async function noiseMeter({ serverCore, serverPids, loadCore, loadPids }, measuredPid) {
  const cpuOf = (/** @type {number[]} */ pids) =>
    pids.reduce((sum, pid) => {
      try {
        return sum + readCpuMs(pid);
      } catch {
        return sum; // exited meanwhile
      }
    }, 0);
  const [s0, l0] = await Promise.all([readCore(serverCore), readCore(loadCore)]);
  const server0 = cpuOf(serverPids);
  const load0 = cpuOf(loadPids);
  const waitPid = measuredPid ?? serverPids[0] ?? 0;
  const waitOf = () => readRunDelayNs(waitPid);
  const wait0 = waitOf();
  const started = process.hrtime.bigint();
  return {
    /** @returns {Promise<Noise>} */
    stop: async () => {
      const [s1, l1] = await Promise.all([readCore(serverCore), readCore(loadCore)]);
      const serverMs = cpuOf(serverPids) - server0;
      const wallNs = Number(process.hrtime.bigint() - started);
      const loadMs = cpuOf(loadPids) - load0;
      const pct = (/** @type {number} */ part, /** @type {number} */ whole) =>
        whole > 0 ? round(Math.max(0, (part / whole) * 100), 1) : 0;
      return {
        serverCoreBusy: pct(s1.busy - s0.busy, s1.total - s0.total),
        serverCoreOthers: pct(s1.busy - s0.busy - serverMs, s1.total - s0.total),
        loadCoreOthers: pct(l1.busy - l0.busy - loadMs, l1.total - l0.total),
        steal: pct(
          s1.steal - s0.steal + l1.steal - l0.steal,
          s1.total - s0.total + l1.total - l0.total,
        ),
        // A wait that began before the window is counted whole when it ends: cap at 100 %.
        serverWait: Math.min(100, pct(waitOf() - wait0, wallNs)),
      };
    },
  };
}

/**
 * @typedef {{ serverCore: number, serverPids: number[], loadCore: number, loadPids: number[] }} Who
 */

/**
 * Wait until the benchmark's servers are idle (no backlog left from the step before: under
 * `maxPercent` of a core over 300 ms), or `timeoutMs` passes. Other work is not waited for: on a
 * shared machine it may never stop; its effect on each run is measured instead (Noise).
 * @param {Who} who
 * @param {{ maxPercent: number, timeoutMs: number }} limits
 * @returns {Promise<boolean>} whether they got idle in time
 */
export async function waitForQuiet(who, { maxPercent, timeoutMs }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const meter = await noiseMeter(who);
    await delay(300);
    const noise = await meter.stop();
    if (noise.serverCoreBusy - noise.serverCoreOthers < maxPercent) return true;
    if (Date.now() >= deadline) return false;
  }
}
