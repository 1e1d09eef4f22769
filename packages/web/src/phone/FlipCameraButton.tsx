import { t } from '../i18n/i18n';
import { Icon } from '../icons/icons';
import { useDevices } from '../lobby/useDevices';
import type { RoomSession } from '../room/RoomSession';
import { ControlButton } from '../ui/ControlButton';
import { isTouchFirst } from './platform';

/** A camera with two turning arrows (decorative: the button names itself). */
function FlipCameraIcon() {
  return (
    <Icon>
      <path d="M4 8h3l2-3h6l2 3h3a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V9a1 1 0 0 1 1-1z" />
      <path d="M15.5 12.5A3.5 3.5 0 0 0 9 11M8.5 14.5A3.5 3.5 0 0 0 15 16" />
      <path d="M9 9v2h2M15 18v-2h-2" />
    </Icon>
  );
}

/**
 * "Flip": front <-> back camera, on phones and tablets with more than one camera while the
 * camera is on. Desktops choose their camera in the lobby's device picker instead.
 */
export function FlipCameraButton({ session }: { session: RoomSession }) {
  const media = session.mediaState.value;
  const devices = useDevices(session.media, media.version);
  const cameras = devices.filter((d) => d.kind === 'videoinput' && d.deviceId).length;
  if (!media.cameraOn || cameras < 2 || !isTouchFirst()) return null;

  const flip = (): void => {
    // Loaded at the first press: phones only, and not on the first screen's download.
    import('./flipCamera')
      .then(({ flipCamera }) => flipCamera(session.media))
      .catch((error: unknown) => {
        session.mediaProblem.value = { error, scope: 'video', audioOnlyPossible: true };
      });
  };
  return (
    <ControlButton
      label={t('flipCamera')}
      icon={<FlipCameraIcon />}
      hint={t('flipCameraHint')}
      onClick={flip}
    />
  );
}
