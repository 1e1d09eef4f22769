/**
 * Push to talk: while the microphone is muted in a call, holding Space speaks and letting go
 * mutes again. Not while typing in a field (Space is a space there), and a Space that started
 * it does not also press the focused button.
 */
import { isTypingTarget } from '../hooks/useShortcuts';

/** What push to talk needs of a room page. */
export interface PushToTalkTarget {
  /** In a call (push to talk does nothing in the lobby or after leaving). */
  inCall(): boolean;
  /** Whether the microphone is on now. */
  micOn(): boolean;
  /** Turns the microphone on or off (as the mic button does: the room is told). */
  setMic(on: boolean): Promise<void>;
}

/**
 * Listens on `events` (the window) for Space; returns the unsubscribe. `onHolding` says when
 * the person is speaking by holding Space, for the view to show it.
 */
export function pushToTalk(
  target: PushToTalkTarget,
  events: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
  onHolding: (holding: boolean) => void = () => undefined,
): () => void {
  let holding = false;
  const release = (): void => {
    if (!holding) return;
    holding = false;
    onHolding(false);
    void target.setMic(false);
  };
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.code !== 'Space' || e.ctrlKey || e.metaKey || e.altKey) return;
    if (holding) {
      e.preventDefault(); // The key repeats while held: no page scroll, no button press.
      return;
    }
    if (e.repeat || isTypingTarget(e.target) || !target.inCall() || target.micOn()) return;
    e.preventDefault();
    holding = true;
    onHolding(true);
    void target.setMic(true);
  };
  const onKeyUp = (e: KeyboardEvent): void => {
    if (e.code !== 'Space' || !holding) return;
    e.preventDefault(); // A focused button would otherwise be pressed by this Space.
    release();
  };
  // Switching away while holding: the key-up never comes, so mute then.
  const onBlur = (): void => release();
  events.addEventListener('keydown', onKeyDown, { capture: true });
  events.addEventListener('keyup', onKeyUp, { capture: true });
  events.addEventListener('blur', onBlur);
  return () => {
    release();
    events.removeEventListener('keydown', onKeyDown, { capture: true });
    events.removeEventListener('keyup', onKeyUp, { capture: true });
    events.removeEventListener('blur', onBlur);
  };
}
