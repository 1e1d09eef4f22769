import type { ComponentChildren } from 'preact';
import type { Participant } from '@zvonok/sdk';
import { t } from '../i18n/i18n';
import type { RoomSession } from '../room/RoomSession';
import { Tile } from '../tile/Tile';
import './ParticipantGrid.css';

/** Props of {@link ParticipantGrid}. */
export interface ParticipantGridProps {
  session: RoomSession;
  participants: readonly Participant[];
  /** Beside a shared screen: the tiles as one scrolling row (portrait) or column (landscape). */
  strip?: boolean;
  /** Who has the floor (a participant's id or the own id): that tile is highlighted. */
  activeSpeaker?: string | undefined;
  /** More tiles after the people's (e.g. shared screens not shown large). */
  children?: ComponentChildren;
}

/** The region "Participants": own tile first, then everyone else in the order they came. */
export function ParticipantGrid({
  session,
  participants,
  strip,
  activeSpeaker,
  children,
}: ParticipantGridProps) {
  const ownId = session.call.value?.localId;
  const media = session.mediaState.value;
  const ownName = session.name.value.trim() || t('guest');
  const count = participants.length + 1;
  return (
    <section
      class={strip ? 'grid grid--strip' : 'grid'}
      aria-label={t('participantsRegion')}
      data-count={Math.min(count, 10)}
    >
      <Tile
        self
        name={ownName}
        label={t('you', { name: ownName })}
        stream={session.media.stream}
        audioTrack={media.audioTrack}
        mic={media.micOn}
        camera={media.cameraOn}
        activeSpeaker={activeSpeaker !== undefined && activeSpeaker === ownId}
      />
      {participants.map((p) => (
        <Tile
          key={p.id}
          peerId={p.id}
          name={p.name ?? t('guest')}
          stream={p.stream}
          audioTrack={p.stream.getAudioTracks()[0]}
          mic={p.mic}
          camera={p.camera}
          link={p.link}
          activeSpeaker={activeSpeaker === p.id}
          verificationCode={p.verificationCode}
          onRetry={() => session.call.value?.retryPeer(p.id)}
        />
      ))}
      {children}
      {count === 1 && !strip && <p class="grid__alone">{t('alone')}</p>}
    </section>
  );
}
