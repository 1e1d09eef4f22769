// The orchestrator's side of the load workers: fork them pinned to the load core and send them
// commands (worker-protocol.mjs), each answered within a deadline.
import { fileURLToPath } from 'node:url';
import { forkPinned } from '../lib/procs.mjs';

/** @import { CommandName, Commands, Reply, Request } from './worker-protocol.mjs' */
/** @typedef {import('node:child_process').ChildProcess} ChildProcess */

const WORKER_PATH = fileURLToPath(new URL('./load-worker.mjs', import.meta.url));

/** A fixed set of load worker processes. */
export class WorkerPool {
  /** @type {ChildProcess[]} */
  #workers;
  #seq = 0;
  /** @type {Map<number, { resolve: (value: unknown) => void, reject: (error: Error) => void }>} */
  #pending = new Map();

  /**
   * @param {number} count
   * @param {number} core
   */
  constructor(count, core) {
    this.#workers = Array.from({ length: count }, (_, i) => {
      const worker = forkPinned(WORKER_PATH, core);
      worker.on('message', (/** @type {Reply} */ reply) => this.#onReply(reply));
      worker.once('exit', (code, signal) => {
        // A worker that dies mid-command fails that command instead of hanging the run.
        for (const [seq, waiter] of this.#pending) {
          this.#pending.delete(seq);
          waiter.reject(new Error(`load worker ${i} exited (${signal ?? code})`));
        }
      });
      return worker;
    });
  }

  /** How many workers there are. */
  get size() {
    return this.#workers.length;
  }

  /**
   * Send one command to every worker at once, with per-worker parameters, and wait for all.
   * @template {CommandName} K
   * @param {K} name
   * @param {(worker: number) => Commands[K]['params']} paramsFor
   * @param {number} timeoutMs
   * @returns {Promise<Commands[K]['result'][]>}
   */
  all(name, paramsFor, timeoutMs) {
    return Promise.all(
      this.#workers.map((w, i) => this.#request(w, name, paramsFor(i), timeoutMs)),
    );
  }

  /** Process ids of the workers. */
  get pids() {
    return this.#workers.flatMap((w) => (w.pid === undefined ? [] : [w.pid]));
  }

  /**
   * Close the connections of a tag, or all, in every worker (best effort: errors are reported,
   * not thrown).
   * @param {string} [tag]
   */
  async closeConnections(tag) {
    try {
      await this.all(
        'close',
        () => (tag === undefined ? { timeoutMs: 5000 } : { tag, timeoutMs: 5000 }),
        15_000,
      );
    } catch (error) {
      console.error(`closing the load connections failed: ${String(error)}`);
    }
  }

  /** End the worker processes (they exit when the IPC channel closes). */
  stop() {
    for (const w of this.#workers) if (w.connected) w.disconnect();
  }

  /**
   * @template {CommandName} K
   * @param {ChildProcess} worker
   * @param {K} name
   * @param {Commands[K]['params']} params
   * @param {number} timeoutMs
   * @returns {Promise<Commands[K]['result']>}
   */
  #request(worker, name, params, timeoutMs) {
    const seq = ++this.#seq;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(seq);
        reject(new Error(`load worker did not answer "${name}" in ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(seq, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(/** @type {Commands[K]['result']} */ (value));
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      worker.send(/** @type {Request} */ ({ seq, name, params }));
    });
  }

  /** @param {Reply} reply */
  #onReply(reply) {
    const waiter = this.#pending.get(reply.seq);
    if (!waiter) return;
    this.#pending.delete(reply.seq);
    if (reply.ok) waiter.resolve(reply.result);
    else waiter.reject(new Error(`load worker: ${reply.error}`));
  }
}
