import { ShareScreenIcon } from './icons';
import { st } from './messages';
import type { ScreenShareController } from './ScreenShareController';
import './Screen.css';

/**
 * The toolbar's "Share screen" toggle (`aria-pressed` while sharing). Not shown where the
 * browser cannot share a screen (phones), rather than shown broken.
 */
export function ShareScreenButton({ controller }: { controller: ScreenShareController }) {
  if (!controller.canShare) return null;
  const on = controller.sharing.value;
  return (
    <button
      type="button"
      id="control-screen"
      class={`control ${on ? 'control--active' : 'control--default'}`}
      aria-pressed={on}
      title={on ? st('stopSharingHint') : st('shareScreenHint')}
      disabled={controller.starting.value}
      onClick={() => void controller.toggle()}
    >
      <span class="control__icon">
        <ShareScreenIcon active={on} />
      </span>
      <span class="control__label">{st('shareScreen')}</span>
    </button>
  );
}
