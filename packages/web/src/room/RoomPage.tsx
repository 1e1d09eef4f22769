import { useEffect, useMemo } from 'preact/hooks';
import { CallView } from '../call/CallView';
import { t } from '../i18n/i18n';
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

  useEffect(() => {
    document.title = `${t('appName')} · ${room.slice(0, 8)}`;
    return () => {
      document.title = t('appName');
    };
  }, [room]);

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
