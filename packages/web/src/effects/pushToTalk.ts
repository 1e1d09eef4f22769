/**
 * Push to talk: while the microphone is muted in a call, holding Space speaks and letting go
 * mutes again. Not while typing in a field (Space is a space there), and not while a button,
 * checkbox or menu item has the focus: Space presses it, as keyboard and screen-reader users
 * rely on (the call view's focus starts on the mic button, which Space must keep toggling).
 */
import { isTypingTarget } from '../hooks/useShortcuts';

/** Controls that Space activates: push to talk leaves Space to them. */
const SPACE_CONTROLS =
  'button, input[type="checkbox"], input[type="radio"], input[type="button"], input[type="submit"], input[type="reset"], [role="button"], [role="checkbox"], [role="switch"], [role="menuitem"], [role="menuitemcheckbox"], [role="menuitemradio"], [role="option"], [role="radio"], [role="tab"]';

/** Whether Space belongs to the focused element: text typed there, or a control it presses. */
function spaceBelongsTo(target: EventTarget | null): boolean {
  if (isTypingTarget(target)) return true;
  return target instanceof Element && target.closest(SPACE_CONTROLS) !== null;
}

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
    if (e.repeat || spaceBelongsTo(e.target) || !target.inCall() || target.micOn()) return;
    e.preventDefault();
    holding = true;
    onHolding(true);
    void target.setMic(true);
  };
  const onKeyUp = (e: KeyboardEvent): void => {
    if (e.code !== 'Space' || !holding) return;
    e.preventDefault(); // Nothing else should act on the Space that talked.
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
