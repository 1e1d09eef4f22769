/**
 * Which recordings are still being recorded, across tabs, with the Web Locks API: the recording
 * tab holds a lock named after the recording until it stops. The browser releases the lock when
 * that tab crashes, reloads or closes, which is exactly when a stored recording becomes
 * "unfinished" and should be offered for recovery.
 * https://developer.mozilla.org/docs/Web/API/Web_Locks_API
 */

/** The lock name of a recording. */
export function recordingLockName(id: string): string {
  return `zvonok-recording:${id}`;
}

function lockManager(): LockManager | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.locks;
}

/**
 * Whether some tab of this origin holds the recording's lock. Without Web Locks (very old
 * browsers) nothing counts as active, so a recording running in another tab may be offered too.
 */
export async function isRecordingActive(id: string): Promise<boolean> {
  const locks = lockManager();
  if (!locks) return false;
  const { held = [] } = await locks.query();
  return held.some((lock) => lock.name === recordingLockName(id));
}

/**
 * Takes the recording's lock and keeps it until the returned function is called. Resolves once
 * the lock is held, so no other tab can see the recording as unfinished from then on. Without
 * Web Locks it resolves at once and holds nothing.
 */
export async function acquireRecordingLock(id: string): Promise<() => void> {
  const locks = lockManager();
  if (!locks) return () => undefined;
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await new Promise<void>((acquired, failed) => {
    locks
      .request(recordingLockName(id), () => {
        acquired();
        return released;
      })
      .catch(failed);
  });
  return release;
}
