/**
 * Stable error codes carried by the `error` message. Clients switch on these, never on the text;
 * a code, once published, keeps its meaning.
 */
export enum ErrorCode {
  /** The frame was not valid JSON. */
  BadJson = 'SIG_ERR_BAD_JSON',
  /** The JSON was valid but not a message: fields missing, of the wrong type or out of range. */
  BadMessage = 'SIG_ERR_BAD_MESSAGE',
  /** The `type` is not one this server knows. */
  UnknownType = 'SIG_ERR_UNKNOWN_TYPE',
  /** The frame was larger than MAX_MESSAGE_BYTES. */
  MessageTooLarge = 'SIG_ERR_MESSAGE_TOO_LARGE',
  /** Binary frames are not part of the protocol. */
  BinaryFrame = 'SIG_ERR_BINARY_FRAME',
  /** `to` names no peer in the sender's room (gone, never there, or in another room). */
  UnknownPeer = 'SIG_ERR_UNKNOWN_PEER',
  /** The message needs a room, and this connection has not joined one. */
  NotJoined = 'SIG_ERR_NOT_JOINED',
  /** `join` on a connection that is already in a room. */
  AlreadyJoined = 'SIG_ERR_ALREADY_JOINED',
  /** The room name does not match ROOM_NAME_PATTERN. */
  BadRoomName = 'SIG_ERR_BAD_ROOM_NAME',
  /** The room has reached its capacity. */
  RoomFull = 'SIG_ERR_ROOM_FULL',
  /** The room has a password and none was given. */
  PasswordRequired = 'SIG_ERR_PASSWORD_REQUIRED',
  /** The password given does not match the room's. */
  WrongPassword = 'SIG_ERR_WRONG_PASSWORD',
  /** Too many wrong passwords: wait before trying again. */
  TooManyAttempts = 'SIG_ERR_TOO_MANY_ATTEMPTS',
  /** The connection sends faster than RATE_LIMIT allows; messages are being dropped. */
  RateLimited = 'SIG_ERR_RATE_LIMITED',
  /** No TURN relay is configured on this server. */
  TurnUnavailable = 'SIG_ERR_TURN_UNAVAILABLE',
  /** The call cannot use the SFU: none is configured, or it is out of reach for now. */
  SfuUnavailable = 'SIG_ERR_SFU_UNAVAILABLE',
  /** The SFU refused or failed a publish or subscription (the message says what). */
  SfuFailed = 'SIG_ERR_SFU_FAILED',
  /** Something went wrong on the server; the message was not processed. */
  Internal = 'SIG_ERR_INTERNAL',
  /**
   * A text field holds ill-formed Unicode (a lone surrogate such as `\ud800`): the message is
   * refused whole, whatever field it is in.
   */
  BadText = 'SIG_ERR_BAD_TEXT',
  /** Joins (or join/leave loops) come faster than the server allows: wait, then join again. */
  TooManyJoins = 'SIG_ERR_TOO_MANY_JOINS',
  /** Chat messages come faster than the chat limit: this one was not kept; send it again later. */
  ChatRateLimited = 'SIG_ERR_CHAT_RATE_LIMITED',
  /** The server holds as many rooms as it is configured to: a new room cannot open now. */
  ServerBusy = 'SIG_ERR_SERVER_BUSY',
  /** TURN credentials were asked for more often than the server hands them out: wait. */
  TurnRateLimited = 'SIG_ERR_TURN_RATE_LIMITED',
  /** A host action from someone who is not the room's host. */
  NotHost = 'SIG_ERR_NOT_HOST',
  /** The host locked the room: no one new may join. */
  RoomLocked = 'SIG_ERR_ROOM_LOCKED',
  /** The host turned this knock away. */
  KnockDenied = 'SIG_ERR_KNOCK_DENIED',
  /** The host removed this person; the message says when they may come back. */
  Removed = 'SIG_ERR_REMOVED',
}

/** WebSocket close codes the server uses. 4000-4999 are application codes. */
export enum CloseCode {
  /** Normal closure (the client left). */
  Normal = 1000,
  /** The server is going away for good. */
  GoingAway = 1001,
  /**
   * Never sent: what a WebSocket reports when the connection was lost without a close frame
   * (network gone, process killed). Not a leave: the server keeps the seat for the resume.
   */
  Abnormal = 1006,
  /** Policy violation: rate limit exceeded for too long, or origin not allowed. */
  PolicyViolation = 1008,
  /** A frame above MAX_FRAME_BYTES. */
  MessageTooBig = 1009,
  /** The server restarts: reconnect (with backoff) and resume. */
  ServiceRestart = 1012,
  /** The server holds as many connections as it is configured to (MAX_CONNECTIONS). */
  TryAgainLater = 1013,
  /**
   * Sent by a client that gives up a connection which stopped answering and reconnects at once:
   * not a leave, so the server keeps its seat for the resume (as for 1006).
   */
  Reconnecting = 4000,
  /** This identity was resumed on another connection; do not reconnect. */
  Replaced = 4001,
  /** A seed (non-v1) client was auto-joined into a full room. */
  RoomFull = 4009,
  /** The host removed this person from the room; do not reconnect. */
  Removed = 4003,
  /** The host ended the call for everyone; do not reconnect. */
  CallEnded = 4004,
  /** Did not send `join` in time after connecting (v1 clients). */
  JoinTimeout = 4010,
  /**
   * Too many connections from this address (IPv6: from this /64) at once
   * (MAX_CONNECTIONS_PER_ADDRESS).
   */
  TooManyConnections = 4029,
}

/** Close codes after which a client should not reconnect by itself. */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.Normal,
  CloseCode.Replaced,
  CloseCode.RoomFull,
  CloseCode.PolicyViolation,
  CloseCode.TryAgainLater,
  CloseCode.TooManyConnections,
  CloseCode.Removed,
  CloseCode.CallEnded,
]);
