/**
 * The SDK's debug log in the browser console, for diagnosing a problem on a real deployment:
 * `?debug` in the address turns it on (also `?debug=1`), `?debug=0` turns it off. The choice is
 * remembered in localStorage, so it survives reloads and the links the app moves to (a room link
 * carries no `?debug`). Off, the SDK logs nothing, as a library should.
 */
import { createConsoleLogger, setLogger, type Logger } from '@zvonok/sdk';
import { forgetStored, readStored, writeStored } from '../hooks/storage';

/** The localStorage key of the remembered choice. */
export const DEBUG_STORAGE_KEY = 'zvonok.debug';

/**
 * What the address asks for: true for `?debug` and `?debug=<anything but 0, false, off>`,
 * false for those three, undefined when it does not say.
 */
export function debugParam(search: string): boolean | undefined {
  const value = new URLSearchParams(search).get('debug');
  if (value === null) return undefined;
  return !['0', 'false', 'off'].includes(value.trim().toLowerCase());
}

/** Where {@link applyDebugLogging} installs the logger (the SDK's `setLogger`; tests pass their own). */
export type SetLogger = (logger: Logger) => void;

/**
 * Turn the SDK's console logging on or off as the address says, else as remembered, and remember
 * an explicit choice. Call before any SDK object is made (they take the logger when made).
 * Returns whether debug logging is on.
 */
export function applyDebugLogging(search: string, install: SetLogger = setLogger): boolean {
  const asked = debugParam(search);
  if (asked === true) writeStored(DEBUG_STORAGE_KEY, '1');
  if (asked === false) forgetStored(DEBUG_STORAGE_KEY);
  const on = asked ?? readStored(DEBUG_STORAGE_KEY) === '1';
  if (!on) return false;
  const logger = createConsoleLogger('debug');
  install(logger);
  logger.info('debug logging is on; open the app with ?debug=0 to turn it off');
  return true;
}
