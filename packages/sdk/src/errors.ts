/**
 * Coded errors of the SDK. The UI switches on `code` to show a human message and a way forward;
 * `cause` keeps the original DOMException or protocol error for logs.
 */

/** Every error the SDK reports, by stable code. */
export enum CallErrorCode {
  /** The person (or the browser) refused camera/microphone access: NotAllowedError. */
  MediaPermissionDenied = 'CALL_ERR_MEDIA_PERMISSION_DENIED',
  /** No camera or microphone exists: NotFoundError. */
  MediaNotFound = 'CALL_ERR_MEDIA_NOT_FOUND',
  /** The device exists but another application holds it: NotReadableError. */
  MediaDeviceBusy = 'CALL_ERR_MEDIA_DEVICE_BUSY',
  /** No device satisfies the constraints (e.g. a removed deviceId): OverconstrainedError. */
  MediaConstraints = 'CALL_ERR_MEDIA_CONSTRAINTS',
  /** getUserMedia/getDisplayMedia is not available (insecure context, old browser). */
  MediaUnsupported = 'CALL_ERR_MEDIA_UNSUPPORTED',
  /** Any other media failure. */
  MediaFailed = 'CALL_ERR_MEDIA_FAILED',
  /** The signaling server cannot be reached (after the first attempts). */
  ServerUnreachable = 'CALL_ERR_SERVER_UNREACHABLE',
  /** The room is full. */
  RoomFull = 'CALL_ERR_ROOM_FULL',
  /** The room has a password and none was given. */
  PasswordRequired = 'CALL_ERR_PASSWORD_REQUIRED',
  /** The password was wrong. */
  WrongPassword = 'CALL_ERR_WRONG_PASSWORD',
  /** Too many wrong passwords; wait and retry. */
  TooManyAttempts = 'CALL_ERR_TOO_MANY_ATTEMPTS',
  /** Joined and left too often (a join/leave loop): wait a few seconds, then join again. */
  TooManyJoins = 'CALL_ERR_TOO_MANY_JOINS',
  /** Too many connections from this network (address) at once: close other tabs or wait. */
  TooManyConnections = 'CALL_ERR_TOO_MANY_CONNECTIONS',
  /** The server holds as many calls or connections as it can: try again in a few minutes. */
  ServerBusy = 'CALL_ERR_SERVER_BUSY',
  /**
   * Chat messages were sent faster than the server takes them. Not fatal: the refused ones stay
   * pending and are sent again by themselves shortly.
   */
  ChatRateLimited = 'CALL_ERR_CHAT_RATE_LIMITED',
  /** The room name or display name was refused. */
  InvalidInput = 'CALL_ERR_INVALID_INPUT',
  /** This session was taken over by another tab or device of the same person. */
  Replaced = 'CALL_ERR_REPLACED',
  /** A peer could not be reached (ICE failed and did not recover). */
  PeerUnreachable = 'CALL_ERR_PEER_UNREACHABLE',
  /**
   * Relay-only call, but no relayed candidate could be had: the TURN server refused the
   * credentials, cannot be reached, or the server has none. Nobody can be reached this way.
   */
  RelayUnreachable = 'CALL_ERR_RELAY_UNREACHABLE',
  /**
   * A peer's connection details (SDP) named different certificates in different sections, as
   * only someone rewriting them on the way (the server, or whoever sits between) would. The
   * connection was not made with them.
   */
  TamperedDescription = 'CALL_ERR_TAMPERED_DESCRIPTION',
  /** The server refused a message (rate limit, protocol error). */
  Protocol = 'CALL_ERR_PROTOCOL',
  /** Misuse of the API: e.g. join() twice, or after leave(). */
  InvalidState = 'CALL_ERR_INVALID_STATE',
}

/** Base error of the SDK: a stable code, a developer-facing message and the original cause. */
export class CallError extends Error {
  override readonly name = 'CallError';

  constructor(
    readonly code: CallErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
