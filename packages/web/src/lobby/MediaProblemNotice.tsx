import { CallErrorCode, CallError } from '@zvonok/sdk';
import { describeCameraError, describeError, type ErrorInfo } from '../errors/errorInfo';
import { ErrorNotice } from '../errors/ErrorNotice';
import type { MediaProblem, RoomSession } from '../room/RoomSession';

/** The message and ways forward for a media problem in the lobby. */
export function mediaProblemInfo(problem: MediaProblem): ErrorInfo {
  if (problem.scope === 'video') return describeCameraError(problem.error);
  const info = describeError(problem.error);
  if (problem.scope === 'audio') {
    // The camera works; only the mic failed: retry it, or go on without it.
    return { ...info, actions: ['tryAgain', 'dismiss'] };
  }
  return problem.audioOnlyPossible
    ? info
    : { ...info, actions: info.actions.filter((a) => a !== 'joinAudioOnly') };
}

/** The lobby's media failure, if any (`role="alert"`). */
export function MediaProblemNotice({ session }: { session: RoomSession }) {
  const problem = session.mediaProblem.value;
  if (!problem) return null;
  const constraints =
    problem.error instanceof CallError && problem.error.code === CallErrorCode.MediaConstraints;
  return (
    <ErrorNotice
      info={mediaProblemInfo(problem)}
      busy={session.joining.value || session.mediaStatus.value === 'starting'}
      handlers={{
        tryAgain: () => void session.startMedia({ deviceReset: constraints }),
        joinAudioOnly: () => void session.joinAudioOnly(),
        joinWithoutMedia: () => void session.joinWithoutMedia(),
        dismiss: () => (session.mediaProblem.value = null),
      }}
    />
  );
}
