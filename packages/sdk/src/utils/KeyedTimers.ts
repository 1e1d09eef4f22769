/** One-shot timers by key: setting a key again replaces its timer; `clear()` cancels them all. */
export class KeyedTimers<K> {
  readonly #timers = new Map<K, ReturnType<typeof setTimeout>>();

  has(key: K): boolean {
    return this.#timers.has(key);
  }

  /** Run `fn` after `ms` unless cancelled first. */
  set(key: K, ms: number, fn: () => void): void {
    this.cancel(key);
    this.#timers.set(
      key,
      setTimeout(() => {
        this.#timers.delete(key);
        fn();
      }, ms),
    );
  }

  cancel(key: K): void {
    const timer = this.#timers.get(key);
    if (timer !== undefined) clearTimeout(timer);
    this.#timers.delete(key);
  }

  clear(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }
}
