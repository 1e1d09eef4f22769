import { useMediaStream } from '../hooks/useMediaStream';
import { st } from './messages';
import type { ScreenShareController, SharedScreen } from './ScreenShareController';
import './Screen.css';

/** The sharer's own screen, small: enough to see what the others see, never a mirror hall. */
function OwnScreenPreview({ screen }: { screen: SharedScreen }) {
  // A screen carries no sound; muted so it also autoplays everywhere.
  const videoRef = useMediaStream(screen.stream, true);
  return (
    <div class="presenting__preview" role="group" aria-label={screen.label} data-screen-of="self">
      <video ref={videoRef} class="presenting__video" autoplay playsInline muted />
    </div>
  );
}

/**
 * What the sharer sees: a bar above the stage, "You are presenting" with a small preview of
 * their own screen and "Stop sharing" (a `role="status"` that is always present, so the change is
 * announced). It sits in the page's flow, so it covers no tile, their own included. Also a
 * problem when sharing could not start, and a polite live region for others starting or stopping.
 */
export function SharingNotice({ controller }: { controller: ScreenShareController }) {
  const own = controller.ownScreen.value;
  const problem = controller.problem.value;
  return (
    <>
      <div class={own ? 'presenting' : 'presenting presenting--empty'} role="status">
        {own && (
          <>
            <OwnScreenPreview screen={own} />
            <div class="presenting__text">
              <span class="presenting__title">{st('youArePresenting')}</span>
              <span class="presenting__body">{st('presentingBody')}</span>
            </div>
            <button type="button" class="presenting__stop" onClick={() => controller.stop()}>
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
