import type { Call } from '@zvonok/sdk';
import { useEffect, useMemo } from 'preact/hooks';
import { t } from '../i18n/i18n';
import type { RoomSession } from '../room/RoomSession';
import { RecordingController } from './RecordingController';

/**
 * The recording controller of a call view: follows the call while mounted; on unmount (the
 * person left, or went to another page) a running recording stops and downloads.
 */
export function useRecording(session: RoomSession, call: Call): RecordingController {
  const controller = useMemo(
    () =>
      new RecordingController(call, {
        room: session.room,
        media: session.media,
        ownName: () => session.name.value.trim() || t('guest'),
      }),
    [session, call],
  );
  useEffect(() => {
    const off = controller.connect();
    return () => {
      off();
      void controller.dispose();
    };
  }, [controller]);
  return controller;
}
