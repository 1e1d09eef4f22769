/**
 * Registers the service worker (production builds only: in development Vite serves modules
 * that must never be cached) and tracks whether a new version waits to take over.
 */
import { signal } from '@preact/signals';

/**
 * The message that makes a waiting worker take over (swRoutes.ts has the worker's copy; a test
 * keeps them equal). Not imported from there: anything the page and the worker both import
 * would become a shared chunk, and the worker must be one self-contained file.
 */
export const SKIP_WAITING_MESSAGE = 'zvonok:skip-waiting';

/** A new version is installed and waits; `applyUpdate()` switches to it. */
export const updateReady = signal(false);

let waiting: ServiceWorker | null = null;
/** Only the tab whose person asked for the new version reloads; the others keep their call. */
let reloadOnTakeover = false;

function track(registration: ServiceWorkerRegistration): void {
  const offer = (worker: ServiceWorker | null): void => {
    // With no controller this is the first install, not an update: nothing to offer.
    if (!worker || !navigator.serviceWorker.controller) return;
    waiting = worker;
    updateReady.value = true;
  };
  const watch = (worker: ServiceWorker | null): void => {
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed') offer(worker);
    });
  };
  // The page load that found the new version may have run ahead of this: it may already be
  // waiting, or still installing.
  offer(registration.waiting);
  watch(registration.installing);
  registration.addEventListener('updatefound', () => watch(registration.installing));
}

/**
 * Registers /sw.js when the browser has service workers and this is a production build. A tab
 * left open for days still learns about new versions: the worker is re-checked whenever the
 * page comes back into view.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const container = navigator.serviceWorker;
  container.addEventListener('controllerchange', () => {
    if (reloadOnTakeover) location.reload();
  });
  container.register('/sw.js', { scope: '/' }).then(
    (registration) => {
      track(registration);
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') registration.update().catch(() => undefined);
      });
    },
    // Private windows and some embedded browsers refuse workers: the app works without one.
    (error: unknown) => console.warn('service worker not registered', error),
  );
}

/** Switches to the waiting version: the worker takes over, then this tab reloads. */
export function applyUpdate(): void {
  if (!waiting) return;
  reloadOnTakeover = true;
  waiting.postMessage(SKIP_WAITING_MESSAGE);
}

/** Hides the offer until the next new version. */
export function dismissUpdate(): void {
  updateReady.value = false;
}
