import type { Call } from '@zvonok/sdk';
import type { RoomSession } from '../../room/RoomSession';
import { MediaProblemInCall } from './MediaProblemInCall';
import { MutedHint } from './MutedHint';
import { Toasts } from './Toasts';
import './CallExtras.css';

/** Props of {@link CallExtras}. */
export interface CallExtrasProps {
  session: RoomSession;
  call: Call;
  chatOpen: boolean;
  onOpenChat: () => void;
}

/**
 * What the call shows now and then, loaded after the call's first screen (see ui/lazy.tsx):
 * why the camera or microphone did not turn on, the join, leave and chat toasts, and "You are
 * muted" when someone talks with the microphone off.
 */
export function CallExtras({ session, call, chatOpen, onOpenChat }: CallExtrasProps) {
  return (
    <>
      <MediaProblemInCall session={session} />
      <Toasts call={call} chatOpen={chatOpen} onOpenChat={onOpenChat} />
      <MutedHint session={session} />
    </>
  );
}
