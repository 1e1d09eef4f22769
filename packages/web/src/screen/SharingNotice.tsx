import { st } from './messages';
import type { ScreenShareController } from './ScreenShareController';
import './Screen.css';

/**
 * What the sharer sees: "You are sharing your screen" with a Stop button (a `role="status"`
 * that is always present, so the change is announced), a problem when sharing could not start,
 * and a polite live region for others starting or stopping.
 */
export function SharingNotice({ controller }: { controller: ScreenShareController }) {
  const sharing = controller.sharing.value;
  const problem = controller.problem.value;
  return (
    <>
      <div class={sharing ? 'share-notice' : 'share-notice share-notice--empty'} role="status">
        {sharing && (
          <>
            <span class="share-notice__text">{st('youAreSharing')}</span>
            <button type="button" class="share-notice__stop" onClick={() => controller.stop()}>
              {st('stopSharing')}
            </button>
          </>
        )}
      </div>
      {problem && (
        <div class="share-problem" role="alert">
          <p>{problem}</p>
          <button
            type="button"
            class="share-problem__dismiss"
            onClick={() => (controller.problem.value = null)}
          >
            {st('dismiss')}
          </button>
        </div>
      )}
      <div class="visually-hidden" aria-live="polite">
        {controller.announcement.value}
      </div>
    </>
  );
}
