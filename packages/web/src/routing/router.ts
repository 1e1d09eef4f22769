/**
 * A tiny router over the History API: the current path is a signal; `navigate` pushes a new
 * entry. The server answers every `/r/*` path with index.html, so deep links work.
 */
import { signal } from '@preact/signals';

/** The current location path (no query, no hash). */
export const currentPath = signal(typeof location === 'undefined' ? '/' : location.pathname);

/** Goes to `path` in the app, adding a history entry (or replacing the current one). */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  currentPath.value = location.pathname;
}

/** Keeps `currentPath` in step with the back and forward buttons. Returns the unsubscribe. */
export function listenToHistory(): () => void {
  const onPop = (): void => {
    currentPath.value = location.pathname;
  };
  addEventListener('popstate', onPop);
  return () => removeEventListener('popstate', onPop);
}

/** What a path shows. */
export type Route = { page: 'landing' } | { page: 'room'; room: string } | { page: 'notFound' };

/** Maps a path to its page. Room names are validated by the room page, not here. */
export function matchRoute(path: string): Route {
  if (path === '/' || path === '/index.html') return { page: 'landing' };
  const room = /^\/r\/([^/]+)\/?$/.exec(path)?.[1];
  if (room !== undefined) {
    try {
      return { page: 'room', room: decodeURIComponent(room) };
    } catch {
      return { page: 'notFound' };
    }
  }
  return { page: 'notFound' };
}

/** The path of a room's page. */
export function roomPath(room: string): string {
  return `/r/${encodeURIComponent(room)}`;
}
