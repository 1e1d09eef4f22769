/**
 * Web Storage that never throws: it is unavailable in some private modes and in node tests,
 * and a remembered name is never worth an error. `local` survives the browser; `session`
 * belongs to one tab.
 */

type Area = 'local' | 'session';

function area(which: Area): Storage | undefined {
  return which === 'local' ? globalThis.localStorage : globalThis.sessionStorage;
}

/** The stored string, or null when absent or storage is unavailable. */
export function readStored(key: string, which: Area = 'local'): string | null {
  try {
    return area(which)?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Stores a string; silently does nothing when storage is unavailable or full. */
export function writeStored(key: string, value: string, which: Area = 'local'): void {
  try {
    area(which)?.setItem(key, value);
  } catch {
    // Storage full or disabled: the value is simply not remembered.
  }
}

/** Removes a per-tab value. */
export function forgetSession(key: string): void {
  forgetStored(key, 'session');
}

/** Removes a value; silently does nothing when storage is unavailable. */
export function forgetStored(key: string, which: Area = 'local'): void {
  try {
    area(which)?.removeItem(key);
  } catch {
    // Nothing stored, nothing to remove.
  }
}
