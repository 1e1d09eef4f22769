/**
 * Where the meeting features (raised hands, reactions) sit in the call screen. Their code loads
 * on its own when a call starts (see MeetingUi.tsx): the screens shown first carry only these
 * empty places, which fill in once it has loaded.
 */
import { signal } from '@preact/signals';
import type { Call } from '@zvonok/sdk';
import type { FunctionComponent } from 'preact';
import type { CallStore } from '../call/CallStore';
import type { RoomSession } from '../room/RoomSession';
import type { MenuItem } from '../ui/Menu';

/** What the call screen hands to the meeting features. */
export interface MeetingContext {
  call: Call;
  store: CallStore;
  session: RoomSession;
}

/** The pieces the meeting features put into the call screen. */
export interface MeetingUi {
  /** Toolbar buttons (desktop). */
  toolbar: FunctionComponent;
  /** Over each tile: the raised hand and floating reactions (`id`: the peer id, or the own). */
  tile: FunctionComponent<{ id: string | undefined }>;
  /** At the top of the participants panel: raised hands, in the order they went up. */
  people: FunctionComponent;
  /** Settings of the meeting features (in the Settings panel). */
  settings: FunctionComponent;
  /** Live region, sounds, shortcut: always mounted while in the call. */
  layer: FunctionComponent;
  /** The toolbar buttons as "More" items (phones). */
  moreItems: () => MenuItem[];
  dispose: () => void;
}

/** The loaded meeting features, or null before they have loaded. */
export const meetingUi = signal<MeetingUi | null>(null);

/** Loads the meeting features for `context`; returns what undoes it (for a `useEffect`). */
export function loadMeetingUi(context: MeetingContext): () => void {
  let gone = false;
  import('./MeetingUi').then(
    ({ createMeetingUi }) => {
      if (!gone) meetingUi.value = createMeetingUi(context);
    },
    // Not fetched (offline before it was ever cached): the call goes on without these features.
    () => undefined,
  );
  return () => {
    gone = true;
    meetingUi.value?.dispose();
    meetingUi.value = null;
  };
}

/** One of the places: empty until the features have loaded. */
export function MeetingSlot({
  name,
  id,
}: {
  name: Exclude<keyof MeetingUi, 'moreItems' | 'dispose'>;
  id?: string | undefined;
}) {
  const Piece = meetingUi.value?.[name] as
    FunctionComponent<{ id?: string | undefined }> | undefined;
  return Piece ? <Piece id={id} /> : null;
}
