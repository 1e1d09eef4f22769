import { CallError, CallErrorCode } from '../errors.js';
import { errorName } from '../utils/errorName.js';

/**
 * getUserMedia failure -> coded error. Names per the Media Capture spec, plus the legacy Chrome
 * names (`DevicesNotFoundError`, `TrackStartError`, `ConstraintNotSatisfiedError`).
 */
const CODE_BY_NAME: Readonly<Record<string, CallErrorCode>> = {
  NotAllowedError: CallErrorCode.MediaPermissionDenied,
  PermissionDeniedError: CallErrorCode.MediaPermissionDenied,
  // Thrown when a permissions policy forbids the camera in this frame.
  SecurityError: CallErrorCode.MediaPermissionDenied,
  NotFoundError: CallErrorCode.MediaNotFound,
  DevicesNotFoundError: CallErrorCode.MediaNotFound,
  NotReadableError: CallErrorCode.MediaDeviceBusy,
  TrackStartError: CallErrorCode.MediaDeviceBusy,
  // Firefox reports a camera held by another application as AbortError ("Starting videoinput failed").
  AbortError: CallErrorCode.MediaDeviceBusy,
  OverconstrainedError: CallErrorCode.MediaConstraints,
  ConstraintNotSatisfiedError: CallErrorCode.MediaConstraints,
  // getUserMedia({}) or an insecure context (mediaDevices missing) ends up here.
  TypeError: CallErrorCode.MediaUnsupported,
  NotSupportedError: CallErrorCode.MediaUnsupported,
};

/** Turn anything getUserMedia threw into a CallError with a Media* code; keeps it as `cause`. */
export function toMediaError(err: unknown, what: string): CallError {
  if (err instanceof CallError) return err;
  const name = errorName(err) || 'Error';
  const message =
    typeof err === 'object' && err !== null && 'message' in err ? String(err.message) : '';
  const code = CODE_BY_NAME[name] ?? CallErrorCode.MediaFailed;
  return new CallError(code, `${what}: ${name}${message ? `: ${message}` : ''}`, { cause: err });
}
