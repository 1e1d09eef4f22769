import { useEffect } from 'preact/hooks';

/**
 * Keeps the screen on while mounted (a call on a phone should not dim and lock). The browser
 * drops the lock whenever the page is hidden, so it is asked for again on return.
 * Unsupported browsers (Firefox before 126, older iOS) simply keep their normal behaviour.
 */
export function useWakeLock(): void {
  useEffect(() => {
    const wakeLock = (navigator as Navigator & { wakeLock?: WakeLock }).wakeLock;
    if (!wakeLock) return;
    let sentinel: WakeLockSentinel | undefined;
    let active = true;
    const request = (): void => {
      if (document.visibilityState !== 'visible') return;
      wakeLock
        .request('screen')
        .then((s) => {
          if (active) sentinel = s;
          else void s.release();
        })
        .catch(() => undefined); // Refused (battery saver, no permission): not worth a message.
    };
    request();
    document.addEventListener('visibilitychange', request);
    return () => {
      active = false;
      document.removeEventListener('visibilitychange', request);
      void sentinel?.release();
    };
  }, []);
}
