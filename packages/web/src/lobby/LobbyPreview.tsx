import { useMediaStream } from '../hooks/useMediaStream';
import { t } from '../i18n/i18n';
import { CameraIcon, CameraOffIcon, MicIcon, MicOffIcon } from '../icons/icons';
import type { RoomSession } from '../room/RoomSession';
import { colorSlot, initials } from '../tile/initials';
import { useSpeaking } from '../tile/useSpeaking';
import { FlipCameraButton } from '../phone/FlipCameraButton';
import { ControlButton } from '../ui/ControlButton';

/** Props of {@link LobbyPreview}. */
export interface LobbyPreviewProps {
  session: RoomSession;
  onToggleMic: () => void;
  onToggleCamera: () => void;
}

/** The mirrored camera preview with the mic and camera toggles on it. */
export function LobbyPreview({ session, onToggleMic, onToggleCamera }: LobbyPreviewProps) {
  const media = session.mediaState.value;
  const videoRef = useMediaStream(session.media.stream, true);
  const speaking = useSpeaking(media.audioTrack, media.micOn);
  const name = session.name.value.trim() || t('guest');
  const starting = session.mediaStatus.value === 'starting';

  return (
    <section class={`lobby__preview${speaking ? ' tile--speaking' : ''}`}>
      <video
        ref={videoRef}
        class={`lobby__video mirrored${media.cameraOn ? '' : ' tile__video--off'}`}
        aria-label={t('cameraPreview')}
        autoplay
        playsInline // iOS Safari would otherwise play it full screen, over the lobby.
        muted // Never one's own voice back; muted video also autoplays everywhere.
      />
      {!media.cameraOn && (
        <div class="tile__avatar-wrap">
          {starting ? (
            <p class="lobby__starting">{t('startingMedia')}</p>
          ) : (
            <div class={`tile__avatar avatar--${colorSlot(name)}`} aria-hidden="true">
              {initials(name)}
            </div>
          )}
        </div>
      )}
      <div class="lobby__toggles">
        <ControlButton
          label={t('microphone')}
          icon={media.micOn ? <MicIcon /> : <MicOffIcon />}
          pressed={media.micOn}
          hint={t('shortcutHint', { key: 'M' })}
          onClick={onToggleMic}
        />
        <ControlButton
          label={t('camera')}
          icon={media.cameraOn ? <CameraIcon /> : <CameraOffIcon />}
          pressed={media.cameraOn}
          hint={t('shortcutHint', { key: 'V' })}
          onClick={onToggleCamera}
        />
        <FlipCameraButton session={session} />
      </div>
    </section>
  );
}
