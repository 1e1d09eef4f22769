import { signal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';

/**
 * Videos playing muted only because the browser refused sound without a gesture (iOS Safari
 * always until the first tap; Chromium after a reload straight into a call).
 */
const blocked = new Set<HTMLVideoElement>();

/** Some voice is silenced until the person taps or presses a key (`unlockSound` ends it). */
export const soundBlocked = signal(false);

function onBlockedChange(): void {
  soundBlocked.value = blocked.size > 0;
  // The first tap or key press anywhere is a user gesture, which lets sound play. A touch only
  // counts once the finger lifts (pointerup, touchend), not on pointerdown as a mouse does.
  for (const type of ['pointerup', 'touchend', 'keydown'] as const) {
    if (blocked.size > 0) document.addEventListener(type, unlockSound, true);
    else document.removeEventListener(type, unlockSound, true);
  }
}

/** Unmutes every video silenced by the autoplay policy. Call it from a user gesture. */
export function unlockSound(): void {
  for (const video of blocked) {
    video.muted = false;
    video.play().catch(() => undefined);
  }
  blocked.clear();
  onBlockedChange();
}

/**
 * Plays `stream` in the returned video element ref. When the browser refuses to autoplay with
 * sound (no user gesture yet), the element plays muted (pictures at least) and is unmuted on the
 * person's next tap or key press; `soundBlocked` says so meanwhile, for a "turn on sound" button.
 */
export function useMediaStream(stream: MediaStream | null | undefined, muted: boolean) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    if (video.srcObject !== (stream ?? null)) video.srcObject = stream ?? null;
    video.muted = muted;
    if (!stream) return;
    let active = true;
    video.play().catch((err: unknown) => {
      if (!active || muted || !(err instanceof DOMException) || err.name !== 'NotAllowedError') {
        return;
      }
      // Autoplay with sound refused: muted autoplay is always allowed.
      video.muted = true;
      video.play().catch(() => undefined);
      blocked.add(video);
      onBlockedChange();
    });
    return () => {
      active = false;
      if (blocked.delete(video)) onBlockedChange();
    };
  }, [stream, muted]);
  return ref;
}
