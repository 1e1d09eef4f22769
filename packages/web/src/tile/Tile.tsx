import type { ComponentChildren } from 'preact';
import { PeerLinkState, type Call } from '@zvonok/sdk';
import { qualityUi } from '../quality/qualityUi';
import { useMediaStream } from '../hooks/useMediaStream';
import { t } from '../i18n/i18n';
import { MicOffIcon } from '../icons/icons';
import { colorSlot, initials } from './initials';
import { LinkNotice } from './LinkNotice';
import { useSpeaker } from '../settings/speaker';
import './Tile.css';
import { withName } from '../ui/Isolated';

/** Props of {@link Tile}. */
export interface TileProps {
  /** The person's display name (shown, and the base of the tile's accessible name). */
  name: string;
  /** Accessible name of the tile; defaults to `name`. */
  label?: string;
  stream: MediaStream | null;
  /** The person is speaking now: the tile gets its speaking ring (ignored while `mic` is off). */
  speaking: boolean;
  mic: boolean;
  camera: boolean;
  /** Own tile: mirrored and muted (never play one's own voice back). */
  self?: boolean;
  /** Remote tiles carry the peer id for tests and tools. */
  peerId?: string;
  /**
   * How the connection to this peer is doing (remote tiles): a notice while connecting or
   * reconnecting, and a Retry button when the person cannot be reached.
   */
  link?: PeerLinkState;
  /**
   * This person has the floor (the call's active speaker): highlighted while they speak, and
   * marked as the last speaker while everyone is quiet.
   */
  activeSpeaker?: boolean;
  /** Shown large (pinned, or the speaker layout's main tile): its sender may send more. */
  prominent?: boolean;
  /**
   * The call: the tile shows how its link is doing (the own tile: the own uplink) and a remote
   * tile tells its sender how it is shown (size, visibility).
   */
  call?: Call | undefined;
  /** Retry reaching an unreachable peer. */
  onRetry?: () => void;
  /** More classes on the tile (e.g. the floating self-view's). */
  className?: string;
  /**
   * What sits over the video besides the name: the tile's options menu, the self-view's buttons,
   * indicators. Drawn after the footer, so it is above it.
   */
  children?: ComponentChildren;
}

/**
 * One person in the call: video (or an avatar with initials when the camera is off), name,
 * mic-off icon and a speaking ring while they speak.
 */
export function Tile(props: TileProps) {
  const { name, stream, mic, camera, self = false, peerId, link, onRetry } = props;
  const videoRef = useMediaStream(stream, self);
  // Others' voices play on the chosen speaker.
  useSpeaker(videoRef, !self);
  const speaking = props.speaking && mic;
  const failed = link === PeerLinkState.Unreachable;
  const reconnecting = link === PeerLinkState.Reconnecting;
  const active = props.activeSpeaker === true;
  const TileQuality = qualityUi.value?.TileQuality;

  return (
    <div
      class={`tile${speaking ? ' tile--speaking' : ''}${active ? ' tile--active' : ''}${failed ? ' tile--failed' : ''}${reconnecting ? ' tile--reconnecting' : ''}${props.className ? ` ${props.className}` : ''}`}
      role="group"
      aria-label={props.label ?? name}
      data-peer-id={peerId}
      data-speaking={speaking ? 'true' : 'false'}
      data-active-speaker={active ? 'true' : undefined}
      data-link={link}
    >
      {/* The element stays while the camera is off: it also plays the person's voice. */}
      <video
        ref={videoRef}
        class={`tile__video${self ? ' mirrored' : ''}${camera ? '' : ' tile__video--off'}`}
        autoplay
        playsInline // iOS Safari would otherwise open the video full screen.
        muted={self}
      />
      {!camera && (
        <div class="tile__avatar-wrap">
          <div
            class={`tile__avatar avatar--${colorSlot(name)}`}
            role="img"
            aria-label={t('cameraOff')}
          >
            <span aria-hidden="true">{initials(name)}</span>
          </div>
        </div>
      )}
      {link && <LinkNotice name={name} link={link} onRetry={onRetry} />}
      {TileQuality && (
        <TileQuality
          videoRef={videoRef}
          call={props.call}
          peerId={peerId}
          name={name}
          prominent={active || props.prominent === true}
          link={link}
        />
      )}
      <div class="tile__footer">
        {!mic && (
          <span class="tile__mic-off" role="img" aria-label={t('micOff')}>
            <MicOffIcon />
          </span>
        )}
        <span class="tile__name">{withName(props.label ?? name, name)}</span>
      </div>
      {props.children}
    </div>
  );
}
