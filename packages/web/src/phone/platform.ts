/**
 * What this device and browser can do, for the few places where phones differ. Each check says
 * why it is needed; prefer feature detection, and use the pointer only where the question is
 * "is this a phone or tablet" rather than "does the API exist".
 */

/**
 * A touch-first device (phone, tablet): its primary pointer is coarse. Desktops with a touch
 * screen still have a fine primary pointer (mouse or touchpad).
 */
export function isTouchFirst(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;
}

/**
 * Whether the browser can share the screen. iOS Safari and Android Chrome have no
 * `getDisplayMedia` (a phone cannot share its screen from a web page), so a Share screen button
 * there would only ever fail: hide it instead.
 */
export function canShareScreen(): boolean {
  return (
    typeof navigator !== 'undefined' &&
    typeof navigator.mediaDevices?.getDisplayMedia === 'function'
  );
}
