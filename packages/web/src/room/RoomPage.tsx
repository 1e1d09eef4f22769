import { useEffect, useMemo } from 'preact/hooks';
import { NotFound } from '../landing/NotFound';
import { Lobby } from '../lobby/Lobby';
import { isRoomName } from '../routing/roomName';
import { LeftView } from './LeftView';
import { RoomSession } from './RoomSession';
import { callScreen, preloadCallScreen } from './callScreen';

/** `/r/<room>`: the lobby, then the call, then the "you left" screen. */
export function RoomPage({ room }: { room: string }) {
  if (!isRoomName(room)) return <NotFound />;
  return <ValidRoom room={room} />;
}

function ValidRoom({ room }: { room: string }) {
  const session = useMemo(() => new RoomSession(room), [room]);
  useEffect(() => {
    const off = session.connect();
    // The call screen is a chunk of its own: fetch it now so that Join does not wait for it.
    preloadCallScreen();
    return () => {
      off();
      session.dispose();
    };
  }, [session]);

  const call = session.call.value;
  // Joining awaits the call screen, so it is here whenever the phase is 'call'.
  const screen = callScreen.value;
  switch (session.phase.value) {
    case 'call':
      return call && screen ? <screen.CallView session={session} call={call} /> : null;
    case 'left':
      return <LeftView session={session} />;
    default:
      return <Lobby session={session} />;
  }
}
