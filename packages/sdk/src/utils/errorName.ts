/**
 * The `name` of anything thrown (`'NotAllowedError'`, `'OverconstrainedError'`...), '' when it
 * has none. Browsers throw DOMExceptions, and some throw plain objects, so `instanceof Error` is
 * not enough to read it.
 */
export function errorName(err: unknown): string {
  return typeof err === 'object' && err !== null && 'name' in err ? String(err.name) : '';
}
