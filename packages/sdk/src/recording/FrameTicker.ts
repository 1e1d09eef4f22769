/**
 * The worker's whole program: tick at the interval it is sent (0 stops). Timers in a dedicated
 * worker are not throttled when the page is hidden.
 */
const WORKER_SOURCE =
  'let t;onmessage=(e)=>{clearInterval(t);if(e.data>0)t=setInterval(()=>postMessage(0),e.data)};';

/**
 * Calls `onTick` about `fps` times a second, and keeps doing so while the tab is in the
 * background.
 *
 * Why not `requestAnimationFrame`: it stops completely in a hidden tab, and a person who records
 * a call often switches to another tab or window (to share it, to take notes): the recording
 * would freeze on the last frame. Why not a plain `setInterval`: hidden tabs clamp it to once a
 * second (and later once a minute), a 1 fps video. A timer inside a Worker is not throttled, and
 * its messages wake the page to draw. Where workers cannot be made (a CSP without `blob:` in
 * `worker-src`), it falls back to `setInterval`: full speed while visible, at least 1 fps hidden.
 */
export class FrameTicker {
  private worker: Worker | undefined;
  private workerUrl: string | undefined;
  private interval: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly fps: number,
    private readonly onTick: () => void,
  ) {}

  /** Starts ticking (again). */
  start(): void {
    this.stop();
    const periodMs = Math.max(1, Math.round(1000 / this.fps));
    try {
      this.workerUrl = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
      this.worker = new Worker(this.workerUrl);
      this.worker.onmessage = () => this.onTick();
      this.worker.postMessage(periodMs);
    } catch {
      this.stop();
      this.interval = setInterval(this.onTick, periodMs);
    }
  }

  /** Stops ticking; `start()` may be called again. */
  stop(): void {
    this.worker?.terminate();
    this.worker = undefined;
    if (this.workerUrl) URL.revokeObjectURL(this.workerUrl);
    this.workerUrl = undefined;
    clearInterval(this.interval);
    this.interval = undefined;
  }
}
