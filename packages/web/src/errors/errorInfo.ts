/**
 * What a person is told for each CallErrorCode, and the ways forward offered. The table is a
 * `Record` over the enum, so adding a code to the SDK fails the type check until it is described
 * here (and errorInfo.test.ts checks it at run time too).
 */
import { CallError, CallErrorCode } from '@zvonok/sdk';
import type { MessageKey } from '../i18n/en';

/** A way forward, shown as a button where the screen can do it. */
export type ErrorAction =
  'tryAgain' | 'joinAudioOnly' | 'joinWithoutMedia' | 'rejoin' | 'newCall' | 'reload' | 'dismiss';

/** The message for an error and what can be done about it. */
export interface ErrorInfo {
  readonly title: MessageKey;
  readonly body: MessageKey;
  /** Buttons, most useful first. */
  readonly actions: readonly ErrorAction[];
  /** A field to move focus to so the person can fix the input right away. */
  readonly focus?: 'password' | 'name';
}

/** Every code, described. */
export const errorInfo: Record<CallErrorCode, ErrorInfo> = {
  [CallErrorCode.MediaPermissionDenied]: {
    title: 'errPermissionTitle',
    body: 'errPermissionBody',
    actions: ['tryAgain', 'joinAudioOnly', 'joinWithoutMedia'],
  },
  [CallErrorCode.MediaNotFound]: {
    title: 'errNotFoundTitle',
    body: 'errNotFoundBody',
    actions: ['joinAudioOnly', 'joinWithoutMedia', 'tryAgain'],
  },
  [CallErrorCode.MediaDeviceBusy]: {
    title: 'errBusyTitle',
    body: 'errBusyBody',
    actions: ['tryAgain', 'joinAudioOnly', 'joinWithoutMedia'],
  },
  [CallErrorCode.MediaConstraints]: {
    title: 'errConstraintsTitle',
    body: 'errConstraintsBody',
    actions: ['tryAgain', 'joinWithoutMedia'],
  },
  [CallErrorCode.MediaUnsupported]: {
    title: 'errUnsupportedTitle',
    body: 'errUnsupportedBody',
    actions: ['joinWithoutMedia'],
  },
  [CallErrorCode.MediaFailed]: {
    title: 'errMediaFailedTitle',
    body: 'errMediaFailedBody',
    actions: ['tryAgain', 'joinWithoutMedia'],
  },
  [CallErrorCode.ServerUnreachable]: {
    title: 'errServerTitle',
    body: 'errServerBody',
    actions: ['tryAgain'],
  },
  [CallErrorCode.RoomFull]: {
    title: 'errRoomFullTitle',
    body: 'errRoomFullBody',
    actions: ['tryAgain', 'newCall'],
  },
  [CallErrorCode.PasswordRequired]: {
    title: 'errPasswordRequiredTitle',
    body: 'errPasswordRequiredBody',
    actions: [],
    focus: 'password',
  },
  [CallErrorCode.WrongPassword]: {
    title: 'errWrongPasswordTitle',
    body: 'errWrongPasswordBody',
    actions: [],
    focus: 'password',
  },
  [CallErrorCode.TooManyAttempts]: {
    title: 'errTooManyTitle',
    body: 'errTooManyBody',
    actions: ['tryAgain'],
  },
  [CallErrorCode.TooManyJoins]: {
    title: 'errTooManyJoinsTitle',
    body: 'errTooManyJoinsBody',
    actions: ['tryAgain'],
  },
  [CallErrorCode.TooManyConnections]: {
    title: 'errTooManyConnectionsTitle',
    body: 'errTooManyConnectionsBody',
    actions: ['tryAgain'],
  },
  [CallErrorCode.ServerBusy]: {
    title: 'errServerBusyTitle',
    body: 'errServerBusyBody',
    actions: ['tryAgain'],
  },
  [CallErrorCode.ChatRateLimited]: {
    title: 'errChatRateTitle',
    body: 'errChatRateBody',
    actions: ['dismiss'],
  },
  [CallErrorCode.InvalidInput]: {
    title: 'errInvalidInputTitle',
    body: 'errInvalidInputBody',
    actions: [],
    focus: 'name',
  },
  [CallErrorCode.Replaced]: {
    title: 'errReplacedTitle',
    body: 'errReplacedBody',
    actions: ['rejoin'],
  },
  [CallErrorCode.PeerUnreachable]: {
    title: 'errPeerTitle',
    body: 'errPeerBody',
    actions: ['dismiss'],
  },
  [CallErrorCode.RelayUnreachable]: {
    title: 'errRelayTitle',
    body: 'errRelayBody',
    actions: ['dismiss'],
  },
  [CallErrorCode.TamperedDescription]: {
    title: 'errTamperedTitle',
    body: 'errTamperedBody',
    actions: ['dismiss'],
  },
  [CallErrorCode.Protocol]: {
    title: 'errProtocolTitle',
    body: 'errProtocolBody',
    actions: ['dismiss'],
  },
  [CallErrorCode.InvalidState]: {
    title: 'errInvalidStateTitle',
    body: 'errInvalidStateBody',
    actions: ['reload'],
  },
};

const UNKNOWN: ErrorInfo = {
  title: 'errUnknownTitle',
  body: 'errUnknownBody',
  actions: ['tryAgain'],
};

/** The description of any thrown value: a CallError by its code, anything else as unknown. */
export function describeError(error: unknown): ErrorInfo {
  if (error instanceof CallError && Object.hasOwn(errorInfo, error.code)) {
    return errorInfo[error.code];
  }
  return UNKNOWN;
}

/**
 * When only the camera failed (the microphone works), the message is about the camera and the
 * first way forward is to join with audio.
 */
export function describeCameraError(error: unknown): ErrorInfo {
  const code = error instanceof CallError ? error.code : undefined;
  switch (code) {
    case CallErrorCode.MediaPermissionDenied:
      return {
        title: 'errCameraBlockedTitle',
        body: 'errCameraBlockedBody',
        actions: ['joinAudioOnly', 'tryAgain'],
      };
    case CallErrorCode.MediaNotFound:
      return {
        title: 'errNoCameraTitle',
        body: 'errNoCameraBody',
        actions: ['joinAudioOnly', 'tryAgain'],
      };
    default: {
      const info = describeError(error);
      return { ...info, actions: ['joinAudioOnly', 'tryAgain'] };
    }
  }
}
