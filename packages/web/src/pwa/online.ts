import { signal } from '@preact/signals';

/**
 * Whether the browser believes it has a network. `false` is reliable (no network at all);
 * `true` may still mean a network without internet, which the connection errors cover.
 */
export const online = signal(typeof navigator === 'undefined' ? true : navigator.onLine);

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => (online.value = true));
  window.addEventListener('offline', () => (online.value = false));
}
