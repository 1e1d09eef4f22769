import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { RoomSession } from '../../room/RoomSession';
import { hintDue, MUTED_HINT_MS, MUTED_SPEECH_MS, watchMutedSpeech } from './mutedSpeech';
import { xt } from './messages';

/**
 * "You are muted" with an Unmute button, shown for a few seconds when the person talks with the
 * microphone off, at most once every 30 s. Its live region is polite and always present, so it
 * is read once when it appears and never interrupts.
 */
export function MutedHint({ session }: { session: RoomSession }) {
  const media = session.mediaState.value;
  const track = media.audioTrack;
  const muted = !media.micOn;
  const visible = useSignal(false);
  const hiddenAt = useRef(-Infinity);

  useEffect(() => {
    if (!track || !muted || track.readyState === 'ended') {
      visible.value = false;
      return;
    }
    let since: number | null = null;
    let check: ReturnType<typeof setTimeout> | undefined;
    let hide: ReturnType<typeof setTimeout> | undefined;
    const show = (): void => {
      if (visible.value || !hintDue(performance.now(), since, hiddenAt.current)) return;
      visible.value = true;
      hide = setTimeout(() => {
        visible.value = false;
        hiddenAt.current = performance.now();
      }, MUTED_HINT_MS);
    };
    const stop = watchMutedSpeech(track, (speaking) => {
      since = speaking ? performance.now() : null;
      clearTimeout(check);
      if (speaking) check = setTimeout(show, MUTED_SPEECH_MS);
    });
    return () => {
      stop();
      clearTimeout(check);
      clearTimeout(hide);
      if (visible.value) hiddenAt.current = performance.now();
      visible.value = false;
    };
  }, [track, muted]);

  return (
    <div class="call-muted" aria-live="polite">
      {visible.value && (
        <div class="call-muted__card">
          <p class="call-muted__text">
            <strong>{xt('mutedTitle')}</strong> {xt('mutedBody')}
          </p>
          <button
            type="button"
            class="button button--primary"
            onClick={() => void session.setMic(true)}
          >
            {xt('unmute')}
          </button>
        </div>
      )}
    </div>
  );
}
