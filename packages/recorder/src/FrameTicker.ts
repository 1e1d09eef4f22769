/**
 * Calls `onTick` about `fps` times a second, and keeps doing so while the tab is in the
 * background.
 *
 * Why not `requestAnimationFrame`: it stops completely in a hidden tab, and a person who records
 * a call often switches to another tab or window (to share it, to take notes): the recording
 * would freeze on the last frame. Why not a plain `setInterval`: hidden tabs clamp it to once a
 * second (and later once a minute), a 1 fps video. A timer inside a Worker is not throttled, and
 * its messages wake the page to draw.
 *
 * The worker is a file of its own, bundled by the app's bundler (`new Worker(new URL(...,
 * import.meta.url))` is understood by Vite, webpack 5, Parcel and Rollup plugins), so it is
 * same-origin and passes a `worker-src 'self'` CSP, which a `blob:` worker would not. Where no
 * worker can be made, it falls back to `setInterval`: full speed while the tab is visible, at
 * least 1 fps hidden.
 */
export class FrameTicker {
  #worker: Worker | undefined;
  #interval: ReturnType<typeof setInterval> | undefined;

  readonly #fps: number;
  readonly #onTick: () => void;

  constructor(fps: number, onTick: () => void) {
    this.#fps = fps;
    this.#onTick = onTick;
  }

  get #periodMs(): number {
    return Math.max(1, Math.round(1000 / this.#fps));
  }

  /** Starts ticking (again). */
  start(): void {
    this.stop();
    try {
      const worker = new Worker(new URL('./tickWorker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = () => this.#onTick();
      // A worker refused later (CSP, missing file) reports here rather than throwing.
      worker.onerror = () => {
        if (this.#worker === worker) this.#useInterval();
      };
      worker.postMessage(this.#periodMs);
      this.#worker = worker;
    } catch {
      this.#useInterval();
    }
  }

  /** Stops ticking; `start()` may be called again. */
  stop(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    clearInterval(this.#interval);
    this.#interval = undefined;
  }

  #useInterval(): void {
    this.stop();
    this.#interval = setInterval(this.#onTick, this.#periodMs);
  }
}
