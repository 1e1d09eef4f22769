// One clock for every benchmark process. process.hrtime reads CLOCK_MONOTONIC, which on Linux is
// system-wide: a timestamp written by one process can be subtracted from a reading in another, so
// one-way latency across processes needs no clock sync and never jumps with NTP steps.

/** Microseconds of the system's monotonic clock (an integer, exact in a double for ~285 years). */
export function nowUs() {
  const [s, ns] = process.hrtime();
  return s * 1_000_000 + Math.floor(ns / 1000);
}

/**
 * Resolve after `ms` milliseconds (pacing only: never the proof that something happened).
 * @param {number} ms
 * @returns {Promise<void>}
 */
export function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Poll `check` every `everyMs` until it returns true or `timeoutMs` passes.
 * @param {() => boolean} check
 * @param {number} timeoutMs
 * @param {number} [everyMs]
 * @returns {Promise<boolean>} whether the condition was met in time
 */
export async function waitUntil(check, timeoutMs, everyMs = 20) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() >= deadline) return false;
    await delay(everyMs);
  }
  return true;
}
