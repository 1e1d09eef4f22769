/**
 * A dedicated worker that posts a message every N ms (N is sent to it; 0 stops). Timers in a
 * worker are not throttled when the page is hidden, unlike the page's own. See FrameTicker.
 */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<number>) => void) | null;
  postMessage(message: unknown): void;
};
let timer: ReturnType<typeof setInterval> | undefined;
scope.onmessage = (event) => {
  clearInterval(timer);
  timer = event.data > 0 ? setInterval(() => scope.postMessage(0), event.data) : undefined;
};
export {};
