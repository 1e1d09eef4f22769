/**
 * Full screen for one element (a tile or the shared screen's stage). The element shown full
 * screen is a signal, so menus can offer "Exit full screen" for it.
 */
import { signal } from '@preact/signals';

/** The element shown full screen, if any. */
export const fullScreenElement = signal<Element | null>(
  typeof document === 'undefined' ? null : document.fullscreenElement,
);

if (typeof document !== 'undefined') {
  document.addEventListener('fullscreenchange', () => {
    fullScreenElement.value = document.fullscreenElement;
  });
}

/** Whether this browser can show an element full screen (iPhone Safari cannot). */
export function canFullScreen(): boolean {
  return typeof document !== 'undefined' && document.fullscreenEnabled === true;
}

/** Shows `element` full screen, or leaves full screen when it already is. */
export function toggleFullScreen(element: Element | null | undefined): void {
  if (!element) return;
  if (document.fullscreenElement === element) {
    void document.exitFullscreen().catch(() => undefined);
    return;
  }
  // Refused (no user gesture, a policy): nothing to do but stay as it is.
  element.requestFullscreen().catch(() => undefined);
}
