import { useEffect, useRef } from 'preact/hooks';

/**
 * Plays `stream` in the returned video element ref. When the browser refuses to autoplay with
 * sound (no user gesture yet: a reload straight into a call, iOS Safari), the element plays muted
 * and is unmuted on the person's next tap or key press.
 */
export function useMediaStream(stream: MediaStream | null | undefined, muted: boolean) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    if (video.srcObject !== (stream ?? null)) video.srcObject = stream ?? null;
    video.muted = muted;
    if (!stream) return;
    let unlock: (() => void) | undefined;
    video.play().catch((err: unknown) => {
      if (muted || !(err instanceof DOMException) || err.name !== 'NotAllowedError') return;
      // Autoplay with sound refused: play muted now, unmute on the first gesture.
      video.muted = true;
      video.play().catch(() => undefined);
      unlock = () => {
        video.muted = false;
        video.play().catch(() => undefined);
        removeUnlock();
      };
      document.addEventListener('pointerdown', unlock, { once: true });
      document.addEventListener('keydown', unlock, { once: true });
    });
    const removeUnlock = (): void => {
      if (!unlock) return;
      document.removeEventListener('pointerdown', unlock);
      document.removeEventListener('keydown', unlock);
      unlock = undefined;
    };
    return removeUnlock;
  }, [stream, muted]);
  return ref;
}
