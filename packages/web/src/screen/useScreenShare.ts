import type { Call } from '@zvonok/sdk';
import { useEffect, useMemo } from 'preact/hooks';
import { t } from '../i18n/i18n';
import type { RoomSession } from '../room/RoomSession';
import { ScreenShareController } from './ScreenShareController';

/** The screen-sharing controller of a call view, following the call while mounted. */
export function useScreenShare(session: RoomSession, call: Call): ScreenShareController {
  const controller = useMemo(
    () => new ScreenShareController(call, () => session.name.value.trim() || t('guest')),
    [session, call],
  );
  useEffect(() => controller.connect(), [controller]);
  return controller;
}
