/**
 * Runs async operations one at a time, in the order they were queued: each starts when the one
 * before it has settled. A failure is its caller's (the returned promise rejects) and does not
 * stop the queue.
 */
export class SerialQueue {
  /** The last operation queued, settled either way. */
  #tail: Promise<unknown> = Promise.resolve();

  /** Queue `op`; resolves or rejects with what it does. */
  run<T>(op: () => T | Promise<T>): Promise<T> {
    const run = this.#tail.then(op);
    this.#tail = run.catch(() => undefined);
    return run;
  }
}
