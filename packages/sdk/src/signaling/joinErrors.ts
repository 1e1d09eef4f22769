import { ErrorCode } from '@zvonok/protocol';
import { CallErrorCode } from '../errors.js';

/** Server error codes that refuse a `join`, and what they mean to the SDK's user. */
const JOIN_ERRORS: ReadonlyMap<ErrorCode, CallErrorCode> = new Map([
  [ErrorCode.RoomFull, CallErrorCode.RoomFull],
  [ErrorCode.PasswordRequired, CallErrorCode.PasswordRequired],
  [ErrorCode.WrongPassword, CallErrorCode.WrongPassword],
  [ErrorCode.TooManyAttempts, CallErrorCode.TooManyAttempts],
  [ErrorCode.BadRoomName, CallErrorCode.InvalidInput],
  [ErrorCode.TooManyJoins, CallErrorCode.TooManyJoins],
  [ErrorCode.ServerBusy, CallErrorCode.ServerBusy],
]);

/**
 * The CallErrorCode of a server `error` that answers a `join`, or undefined when the error is
 * about something else (e.g. a relay to a peer that just left, which may race the join).
 */
export function joinErrorCode(code: ErrorCode, ref: string | undefined): CallErrorCode | undefined {
  const mapped = JOIN_ERRORS.get(code);
  if (mapped) return mapped;
  if (ref === 'join') {
    // A join the server could not parse: a name or password out of bounds, or not proper text.
    return code === ErrorCode.BadMessage || code === ErrorCode.BadText
      ? CallErrorCode.InvalidInput
      : CallErrorCode.Protocol;
  }
  return undefined;
}
