import { getLogger, type Logger } from './logger.js';

/** A map from event name to listener signature. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EventMap = { [event: string]: (...args: any[]) => void };

/**
 * A minimal typed event emitter. `on` returns an unsubscribe function; listeners that throw are
 * caught and logged so that application code cannot break the SDK's internal state (a listener
 * throwing in the middle of negotiation would otherwise leave a peer half-configured).
 */
export class TypedEmitter<E extends EventMap> {
  readonly #listeners = new Map<keyof E, Set<E[keyof E]>>();
  readonly #log: Logger;

  constructor(logger?: Logger) {
    this.#log = logger ?? getLogger('emitter');
  }

  /** Add a listener. Returns a function that removes it. */
  on<K extends keyof E>(event: K, listener: E[K]): () => void {
    let set = this.#listeners.get(event);
    if (!set) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    set.add(listener);
    return () => this.off(event, listener);
  }

  /** Add a listener that runs at most once. Returns a function that removes it. */
  once<K extends keyof E>(event: K, listener: E[K]): () => void {
    const wrapper = ((...args: Parameters<E[K]>) => {
      off();
      listener(...args);
    }) as E[K];
    const off = this.on(event, wrapper);
    return off;
  }

  /** Remove a listener added with `on`. */
  off<K extends keyof E>(event: K, listener: E[K]): void {
    const set = this.#listeners.get(event);
    if (!set) return;
    set.delete(listener);
    if (set.size === 0) this.#listeners.delete(event);
  }

  /** Remove every listener (of one event, or of all). */
  removeAllListeners(event?: keyof E): void {
    if (event === undefined) this.#listeners.clear();
    else this.#listeners.delete(event);
  }

  /** How many listeners an event has (all events when none is named). */
  listenerCount(event?: keyof E): number {
    if (event !== undefined) return this.#listeners.get(event)?.size ?? 0;
    let n = 0;
    for (const set of this.#listeners.values()) n += set.size;
    return n;
  }

  /** Call every listener of `event`; a listener that throws is logged and the rest still run. */
  protected safeEmit<K extends keyof E>(event: K, ...args: Parameters<E[K]>): void {
    const set = this.#listeners.get(event);
    if (!set) return;
    // Copy: a listener may unsubscribe itself (or others) while we iterate.
    for (const listener of [...set]) {
      try {
        listener(...args);
      } catch (err) {
        this.#log.error(`listener of "${String(event)}" threw`, err);
      }
    }
  }
}
