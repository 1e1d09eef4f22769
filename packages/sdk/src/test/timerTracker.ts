/**
 * Counts timers that are scheduled and neither fired nor cleared, so a test can prove that an
 * object left nothing behind. Wraps the global setTimeout/clearTimeout while installed.
 */
export class TimerTracker {
  readonly #live = new Map<unknown, string>();
  #restore: (() => void) | undefined;

  install(): void {
    const realSet = globalThis.setTimeout;
    const realClear = globalThis.clearTimeout;
    const live = this.#live;
    const wrappedSet = ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      const handle = realSet(
        (...a: unknown[]) => {
          live.delete(handle);
          fn(...a);
        },
        ms,
        ...args,
      );
      // A stack only for real delays: the fakes make many 0-ms timers and stacks are slow.
      const where = ms ? (new Error().stack?.split('\n')[2]?.trim() ?? '') : '';
      live.set(handle, `${ms ?? 0} ms ${where}`);
      return handle;
    }) as typeof setTimeout;
    const wrappedClear = ((handle: Parameters<typeof clearTimeout>[0]) => {
      live.delete(handle);
      realClear(handle);
    }) as typeof clearTimeout;
    globalThis.setTimeout = wrappedSet;
    globalThis.clearTimeout = wrappedClear;
    this.#restore = () => {
      globalThis.setTimeout = realSet;
      globalThis.clearTimeout = realClear;
    };
  }

  uninstall(): void {
    this.#restore?.();
    this.#restore = undefined;
  }

  /** Where the live timers were made (empty when none are left). */
  live(): string[] {
    return [...this.#live.values()];
  }
}
