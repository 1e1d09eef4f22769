/**
 * What kind of device this is, for the few places where phones differ. Prefer feature detection
 * (e.g. screen sharing: the SDK's `canShareScreen`, false on phones); use this only where the
 * question is "is this a phone or tablet" rather than "does the API exist".
 */

/**
 * A touch-first device (phone, tablet): its primary pointer is coarse. Desktops with a touch
 * screen still have a fine primary pointer (mouse or touchpad).
 */
export function isTouchFirst(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;
}
