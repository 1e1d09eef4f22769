import type { ComponentChildren } from 'preact';
import { useSignal } from '@preact/signals';
import { PeerLinkState, type Participant } from '@zvonok/sdk';
import { t } from '../i18n/i18n';
import { featuredId, layoutMode, pin, pinnedId } from '../layout/layoutState';
import { Pager, pageOf } from '../layout/Pager';
import { SelfView } from '../layout/SelfView';
import { TileMenu } from '../layout/TileMenu';
import { isPhoneLayout } from '../layout/useMediaQuery';
import { MeetingSlot } from '../meeting/slots';
import type { RoomSession } from '../room/RoomSession';
import { Tile } from '../tile/Tile';
import { useSpeaking } from '../tile/useSpeaking';
import './ParticipantGrid.css';
import '../layout/Layout.css';

/** Props of {@link ParticipantGrid}. */
export interface ParticipantGridProps {
  session: RoomSession;
  participants: readonly Participant[];
  /** Beside a shared screen: the tiles as one scrolling row (portrait) or column (landscape). */
  strip?: boolean;
  /**
   * Who has the floor (a participant's id or the own id; the call's active speaker): that tile
   * is highlighted, kept in view when paging, and shown large in the speaker layout.
   */
  activeSpeaker?: string | undefined;
  /**
   * Who is speaking now (the call's `speaking`): their tiles get the speaking ring. The others'
   * levels come from what arrives (the audio-level header on their packets): an audio graph per
   * person, as before, kept a 2-core machine of six people busy enough to stretch round trips
   * to seconds.
   */
  speaking: ReadonlySet<string>;
  /** Opens the verification of a person's connection (the participants panel). */
  onVerify?: (peerId: string) => void;
  /** Opens the call statistics at a person's connection. */
  onStats?: (peerId: string) => void;
  /** More tiles after the people's (e.g. shared screens not shown large). */
  children?: ComponentChildren;
}

/**
 * The region "Participants". One-to-one calls and phones: the other people fill the space and
 * the own video floats small in a corner (movable, hideable). Otherwise the grid (everyone the
 * same size, own tile first) or the speaker layout (the pinned or speaking person large, the
 * rest in a strip). More people than fit a page are paged, the speaking person kept in view.
 */
export function ParticipantGrid(props: ParticipantGridProps) {
  const {
    session,
    participants,
    strip = false,
    activeSpeaker,
    speaking,
    onVerify,
    onStats,
    children,
  } = props;
  const call = session.call.value ?? undefined;
  const ownId = call?.localId;
  const speakerId = activeSpeaker;
  const media = session.mediaState.value;
  // The own voice is read off the microphone itself: its ring works before anyone else joins.
  const ownSpeaking = useSpeaking(media.audioTrack, media.micOn);
  const ownName = session.name.value.trim() || t('guest');
  const page = useSignal(0);
  const phone = isPhoneLayout().value;
  const others = participants.length;
  const floating = !strip && others >= 1 && (others === 1 || phone);
  const pinned = pinnedId.value;
  const speakerLayout =
    !strip && others >= 2 && (layoutMode.value === 'speaker' || (pinned !== null && !floating));
  const featured = speakerLayout
    ? featuredId(
        participants.map((p) => p.id),
        pinned,
        speakerId,
      )
    : undefined;

  const own = (className?: string, overlay?: ComponentChildren) => (
    <Tile
      key="self"
      self
      name={ownName}
      label={t('you', { name: ownName })}
      stream={session.media.stream}
      speaking={ownSpeaking}
      mic={media.micOn}
      camera={media.cameraOn}
      activeSpeaker={activeSpeaker !== undefined && activeSpeaker === ownId}
      call={call}
      className={className}
    >
      {overlay ?? <TileMenu name={t('you', { name: ownName })} id="self" />}
      <MeetingSlot name="tile" />
    </Tile>
  );
  const remote = (p: Participant) => {
    const name = p.name ?? t('guest');
    return (
      <Tile
        key={p.id}
        peerId={p.id}
        name={name}
        stream={p.stream}
        speaking={speaking.has(p.id)}
        mic={p.mic}
        camera={p.camera}
        link={p.link}
        activeSpeaker={activeSpeaker === p.id}
        prominent={p.id === featured || p.id === pinned}
        call={call}
        onRetry={() => session.call.value?.retryPeer(p.id)}
        className={p.id === pinned ? 'tile--pinned' : undefined}
      >
        <TileMenu
          name={name}
          id={p.id}
          pinned={p.id === pinned}
          onPin={() => pin(p.id === pinned ? null : p.id)}
          onVerify={
            onVerify && p.link === PeerLinkState.Connected ? () => onVerify(p.id) : undefined
          }
          onStats={onStats && (() => onStats(p.id))}
        />
        <MeetingSlot name="tile" id={p.id} />
      </Tile>
    );
  };

  const selfView = floating && <SelfView>{(cls, controls) => own(cls, controls)}</SelfView>;
  const label = t('participantsRegion');

  if (speakerLayout) {
    const main = participants.find((p) => p.id === featured);
    const rest = participants.filter((p) => p !== main);
    return (
      <section class="grid grid--speaker" aria-label={label}>
        <div class="grid__main">{main && remote(main)}</div>
        <div class="grid__side">
          {!floating && own()}
          {rest.map(remote)}
          {children}
        </div>
        {selfView}
      </section>
    );
  }

  // Paging: as many tiles as stay useful on this screen; the speaking person is kept in view.
  const flow: Participant[] = [...participants];
  const perPage = strip ? Infinity : (phone ? 6 : 12) - (floating ? 0 : 1);
  const paged = pageOf(flow, perPage, page.value, speakerId);
  const count = paged.items.length + (floating ? 0 : 1);
  return (
    <section
      class={strip ? 'grid grid--strip' : 'grid'}
      aria-label={label}
      data-count={Math.min(Math.max(count, 1), 12)}
      data-self-view={floating ? 'float' : undefined}
    >
      {!floating && own()}
      {paged.items.map(remote)}
      {children}
      {others === 0 && !strip && <p class="grid__alone">{t('alone')}</p>}
      {selfView}
      {paged.pages > 1 && (
        <Pager page={paged.page} pages={paged.pages} onPage={(n) => (page.value = n)} />
      )}
    </section>
  );
}
