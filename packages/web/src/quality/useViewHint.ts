import type { Call } from '@zvonok/sdk';
import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/**
 * Tells the person `peerId` (through `call.setViewHint`) how the tile in `ref` shows their
 * camera whenever that changes: its height in device pixels, whether it is on screen at all
 * (scrolled away, tab in the background, phone screen off) and whether it is prominent (the
 * active speaker, pinned, the speaker layout's large tile). The sender then sends no more than
 * the tile needs. A tile that goes away (paged out, another layout) says it is hidden.
 */
export function useViewHint(
  ref: RefObject<HTMLElement | null>,
  call: Call | undefined,
  peerId: string | undefined,
  prominent: boolean,
): void {
  const prominentNow = useRef(prominent);
  prominentNow.current = prominent;
  const resend = useRef<(() => void) | undefined>(undefined);
  useEffect(() => {
    const el = ref.current;
    if (!el || !call || peerId === undefined) return;
    let height = 0;
    let onScreen = true;
    const send = (): void =>
      call.setViewHint(peerId, {
        visible: onScreen && document.visibilityState !== 'hidden',
        height: Math.round(height * (window.devicePixelRatio || 1)),
        prominent: prominentNow.current,
      });
    resend.current = send;
    const resize =
      typeof ResizeObserver === 'undefined'
        ? undefined
        : new ResizeObserver((entries) => {
            height = entries[0]?.contentRect.height ?? height;
            send();
          });
    const intersect =
      typeof IntersectionObserver === 'undefined'
        ? undefined
        : new IntersectionObserver((entries) => {
            onScreen = entries[0]?.isIntersecting ?? onScreen;
            send();
          });
    resize?.observe(el);
    intersect?.observe(el);
    height = el.getBoundingClientRect().height;
    send();
    document.addEventListener('visibilitychange', send);
    return () => {
      resend.current = undefined;
      resize?.disconnect();
      intersect?.disconnect();
      document.removeEventListener('visibilitychange', send);
      call.setViewHint(peerId, { visible: false, height: 0, prominent: false });
    };
  }, [ref, call, peerId]);
  // Prominence changes often (whoever speaks): one message, no re-subscription.
  useEffect(() => resend.current?.(), [prominent]);
}
