/**
 * The service worker (served as /sw.js, scope /): caches the app shell of one build so the app
 * starts without the network and says plainly when it is offline. It never answers signaling,
 * the API, /healthz or /metrics (see swRoutes.ts).
 *
 * Updates: a new build is a new sw.js (the build id and file list are written into it), which
 * installs beside the old one and waits; the page offers a reload, and posts SKIP_WAITING when
 * the person accepts. Closing every tab of the app also lets the new one take over.
 *
 * Compiled by the build into dist/sw.js (vite-plugins/serviceWorker.ts), which prepends
 * `var __ZVONOK_SW__ = { build, files }`. The DOM typings have no worker globals, so the few
 * this file uses are declared here.
 */
import {
  CACHE_PREFIX,
  OFFLINE_URL,
  SHELL_URL,
  SKIP_WAITING,
  cacheName,
  cachedOnFirstUse,
  routeRequest,
} from './swRoutes';

declare const __ZVONOK_SW__: { readonly build: string; readonly files: readonly string[] };

interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface ExtendableMessageEvent extends ExtendableEvent {
  readonly data: unknown;
}
interface WorkerScope {
  readonly location: Location;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (e: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (e: ExtendableMessageEvent) => void): void;
}

const scope = globalThis as unknown as WorkerScope;
const CACHE = cacheName(__ZVONOK_SW__.build);

scope.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // Revalidate with the server rather than trusting the HTTP cache: index.html and the
      // manifest are `no-cache`, the hashed files answer 304 at once.
      cache.addAll(__ZVONOK_SW__.files.map((url) => new Request(url, { cache: 'no-cache' }))),
    ),
  );
});

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith(CACHE_PREFIX) && key !== CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      // The first install controls the open page at once (no reload needed to work offline).
      .then(() => scope.clients.claim()),
  );
});

scope.addEventListener('message', (event) => {
  if (event.data === SKIP_WAITING) event.waitUntil(scope.skipWaiting());
});

scope.addEventListener('fetch', (event) => {
  const route = routeRequest(event.request, scope.location.origin);
  if (route === 'network') return;
  event.respondWith(route === 'page' ? page(event.request) : file(event.request));
});

/** A page: the network's (current version), else the cached shell, else the offline page. */
async function page(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (error) {
    const cache = await caches.open(CACHE);
    const fallback = (await cache.match(SHELL_URL)) ?? (await cache.match(OFFLINE_URL));
    if (fallback) return fallback;
    throw error;
  }
}

/**
 * A file of the shell: from the cache, else the network. On-demand files (effects) are kept
 * from their first fetch on, so an effect once used works offline.
 */
async function file(request: Request): Promise<Response> {
  const cached = await caches.match(request, { cacheName: CACHE });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && cachedOnFirstUse(new URL(request.url).pathname)) {
    const copy = response.clone();
    await caches.open(CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}

export {};
