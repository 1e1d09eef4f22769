/**
 * What the service worker does with a request, as a pure function (unit-tested; sw.ts only
 * carries it out). The worker caches the app shell and nothing else: signaling, the server's
 * API and its probes always go to the network untouched, so a call never talks to a cache.
 */

/** Paths that belong to the server, not to the app shell. Never answered by the worker. */
const SERVER_PATHS: readonly RegExp[] = [
  /^\/ws(\/|$)/,
  /^\/api(\/|$)/,
  /^\/healthz$/,
  /^\/metrics$/,
];

/**
 * - `network`: not the worker's business (other origin, not a GET, a server path): the
 *   browser fetches it as if there were no worker.
 * - `page`: a navigation to a page of the app: the network first (so the page always matches the
 *   server's version), the cached shell when offline, else the offline page.
 * - `file`: a file of the shell (hashed script, stylesheet, icon): the cache first.
 */
export type SwRoute = 'network' | 'page' | 'file';

/** The parts of a Request the decision needs. */
export interface RequestLike {
  readonly method: string;
  readonly url: string;
  readonly mode: string;
}

/** Decides how the worker answers `request` on a page served from `origin`. */
export function routeRequest(request: RequestLike, origin: string): SwRoute {
  if (request.method !== 'GET') return 'network';
  const url = new URL(request.url);
  if (url.origin !== origin) return 'network';
  if (SERVER_PATHS.some((path) => path.test(url.pathname))) return 'network';
  return request.mode === 'navigate' ? 'page' : 'file';
}

/**
 * Where the build puts what only some people load (the effects' code, wasm, models): left out of
 * the install-time download, cached the first time they are fetched, for offline use after.
 */
export const ON_DEMAND_DIR = 'assets/ondemand';

/** Whether a file of the app is cached when first fetched rather than at install. */
export function cachedOnFirstUse(pathname: string): boolean {
  return pathname.startsWith(`/${ON_DEMAND_DIR}/`);
}

/** Cache names start with this; the build id follows, so each build has its own cache. */
export const CACHE_PREFIX = 'zvonok-shell-';

/** The cache of one build. */
export function cacheName(build: string): string {
  return `${CACHE_PREFIX}${build}`;
}

/** The key under which the shell (index.html) is cached: the app's start page. */
export const SHELL_URL = '/';

/** The page shown for a navigation when neither the network nor the shell is there. */
export const OFFLINE_URL = '/offline.html';

/** Message a page posts to a waiting worker to make it take over now. */
export const SKIP_WAITING = 'zvonok:skip-waiting';
