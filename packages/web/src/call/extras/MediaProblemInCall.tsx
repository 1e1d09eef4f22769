import { WarningIcon } from '../../icons/icons';
import type { RoomSession } from '../../room/RoomSession';
import { describeInCallMedia } from './mediaProblemInCall';
import { xt } from './messages';

/**
 * The camera or microphone did not turn on during the call (blocked, in use by another app,
 * unplugged): says why and what to do, right there, with "Try again" and "Dismiss"
 * (`role="alert"`: it answers the person's own press).
 */
export function MediaProblemInCall({ session }: { session: RoomSession }) {
  const problem = session.mediaProblem.value;
  if (!problem || problem.scope === 'all') return null;
  const info = describeInCallMedia(problem.scope, problem.error);
  const retry = (): void =>
    void (problem.scope === 'video' ? session.setCamera(true) : session.setMic(true));
  return (
    <div class="call__notices call__notices--media">
      <div class="error-notice" role="alert">
        <WarningIcon />
        <div class="error-notice__text">
          <p class="error-notice__title">{xt(info.title)}</p>
          <p class="error-notice__body">{xt(info.body)}</p>
          <div class="error-notice__actions">
            <button type="button" class="button button--primary" onClick={retry}>
              {xt('tryAgain')}
            </button>
            <button
              type="button"
              class="button"
              onClick={() => (session.mediaProblem.value = null)}
            >
              {xt('dismiss')}
            </button>
          </div>
        </div>
      </div>
    </div>
  );
}
