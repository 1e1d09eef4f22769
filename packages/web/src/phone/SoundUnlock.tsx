import { soundBlocked, unlockSound } from '../hooks/useMediaStream';
import { t } from '../i18n/i18n';
import { Icon } from '../icons/icons';
import './phone.css';

/** A speaker with sound waves (decorative: the button names itself). */
function SpeakerIcon() {
  return (
    <Icon>
      <path d="M11 5 6 9H2v6h4l5 4zM15.5 8.5a5 5 0 0 1 0 7M19 5a10 10 0 0 1 0 14" />
    </Icon>
  );
}

/**
 * "Tap to turn on sound" while the browser keeps the others' voices muted for want of a gesture
 * (iOS Safari until the first tap, any browser after a reload straight into a call). Any tap
 * unmutes them; this button says that a tap is needed.
 */
export function SoundUnlock() {
  if (!soundBlocked.value) return null;
  return (
    <button type="button" class="button button--primary sound-unlock" onClick={unlockSound}>
      <SpeakerIcon />
      {t('enableSound')}
    </button>
  );
}
