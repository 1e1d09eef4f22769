import { useEffect, useMemo } from 'preact/hooks';
import { CallView } from '../call/CallView';
import { NotFound } from '../landing/NotFound';
import { Lobby } from '../lobby/Lobby';
import { isRoomName } from '../routing/roomName';
import { LeftView } from './LeftView';
import { RoomSession } from './RoomSession';

/** `/r/<room>`: the lobby, then the call, then the "you left" screen. */
export function RoomPage({ room }: { room: string }) {
  if (!isRoomName(room)) return <NotFound />;
  return <ValidRoom room={room} />;
}

function ValidRoom({ room }: { room: string }) {
  const session = useMemo(() => new RoomSession(room), [room]);
  useEffect(() => {
    const off = session.connect();
    return () => {
      off();
      session.dispose();
    };
  }, [session]);

  const call = session.call.value;
  switch (session.phase.value) {
    case 'call':
      return call ? <CallView session={session} call={call} /> : null;
    case 'left':
      return <LeftView session={session} />;
    default:
      return <Lobby session={session} />;
  }
}
