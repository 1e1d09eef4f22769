import { useMediaStream } from '../hooks/useMediaStream';
import { st } from './messages';
import type { SharedScreen } from './ScreenShareController';
import { withName } from '../ui/Isolated';

/** Props of {@link ScreenTile}. */
export interface ScreenTileProps {
  screen: SharedScreen;
  /** The large one of the spotlight layout. */
  large?: boolean;
  /** Offered on small screen tiles: show this one large instead. */
  onShowLarge?: () => void;
}

/**
 * A shared screen: the whole picture (never cropped, text must stay readable), captioned with
 * whose screen it is. A `role="group"` named "Ann's screen" / "Your screen".
 */
export function ScreenTile({ screen, large = false, onShowLarge }: ScreenTileProps) {
  // A screen carries no sound: always muted, so it never competes with the voices.
  const videoRef = useMediaStream(screen.stream, true);
  return (
    <div
      class={`screen-tile${large ? ' screen-tile--large' : ''}`}
      role="group"
      aria-label={screen.label}
      data-screen-of={screen.own ? 'self' : screen.id}
    >
      <video ref={videoRef} class="screen-tile__video" autoplay playsInline muted />
      <div class="screen-tile__footer">
        <span class="screen-tile__name">{withName(screen.label, screen.name)}</span>
        {onShowLarge && (
          <button
            type="button"
            class="screen-tile__button"
            aria-label={st('showLargeLabel', { name: screen.name })}
            onClick={onShowLarge}
          >
            {st('showLarge')}
          </button>
        )}
      </div>
    </div>
  );
}
