import { CallError, CallErrorCode } from '@zvonok/sdk';
import type { ExtrasMessageKey } from './messages';

/** What a person is told when turning the camera or microphone on during a call fails. */
export interface InCallMediaInfo {
  readonly title: ExtrasMessageKey;
  readonly body: ExtrasMessageKey;
}

type Reason = 'blocked' | 'busy' | 'missing' | 'failed';

const WORDS: Record<'video' | 'audio', Record<Reason, InCallMediaInfo>> = {
  video: {
    blocked: { title: 'cameraBlockedTitle', body: 'cameraBlockedBody' },
    busy: { title: 'cameraBusyTitle', body: 'cameraBusyBody' },
    missing: { title: 'noCameraTitle', body: 'noCameraBody' },
    failed: { title: 'cameraFailedTitle', body: 'cameraFailedBody' },
  },
  audio: {
    blocked: { title: 'micBlockedTitle', body: 'micBlockedBody' },
    busy: { title: 'micBusyTitle', body: 'micBusyBody' },
    missing: { title: 'noMicTitle', body: 'noMicBody' },
    failed: { title: 'micFailedTitle', body: 'micFailedBody' },
  },
};

function reason(error: unknown): Reason {
  if (!(error instanceof CallError)) return 'failed';
  switch (error.code) {
    case CallErrorCode.MediaPermissionDenied:
      return 'blocked';
    case CallErrorCode.MediaDeviceBusy:
      return 'busy';
    case CallErrorCode.MediaNotFound:
    case CallErrorCode.MediaConstraints:
      return 'missing';
    default:
      return 'failed';
  }
}

/**
 * Why the camera (`video`) or microphone (`audio`) did not turn on in the call, and what to do:
 * in-call words (the lobby's speak of joining, which is done).
 */
export function describeInCallMedia(kind: 'video' | 'audio', error: unknown): InCallMediaInfo {
  return WORDS[kind][reason(error)];
}
