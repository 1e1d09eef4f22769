/**
 * Limits shared by the server (which enforces them) and the SDK (which checks before sending, so
 * that a person gets a clear message instead of a server error).
 */

/** The room a connection joins when it names none: the seed's one shared peer list. */
export const DEFAULT_ROOM = 'lobby';

/** WebSocket subprotocol that marks a client speaking protocol v1 (explicit `join`, extensions). */
export const PROTOCOL_V1 = 'zvonok.v1';

/** Largest text frame the server accepts as a message; larger ones are answered with an error. */
export const MAX_MESSAGE_BYTES = 64 * 1024;

/**
 * Largest text frame a client accepts from the server. Larger than {@link MAX_MESSAGE_BYTES}:
 * a relayed client frame of that size grows by the `from` the server adds, and a chat message
 * of control characters is stored JSON-escaped (6 bytes a character). History larger than one
 * page comes in several `chat-history` frames of about {@link CHAT_HISTORY_PAGE_BYTES}.
 */
export const MAX_SERVER_MESSAGE_BYTES = 256 * 1024;

/**
 * The server starts a new `chat-history` page before one would grow past this many bytes of
 * messages (a page holds at least one message, so a page is never empty).
 */
export const CHAT_HISTORY_PAGE_BYTES = 48 * 1024;

/** Frames above this are not even buffered: the socket is closed with 1009. */
export const MAX_FRAME_BYTES = 1024 * 1024;

/** Room names: letters, digits, `-` and `_`, 1 to 64 characters (they appear in links). */
export const ROOM_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** What {@link ROOM_NAME_PATTERN} asks for, in words: the message of every bad-room-name error. */
export const ROOM_NAME_RULE =
  'room names are 1-64 letters, digits, - or _, starting with a letter or digit';
export const MAX_ROOM_NAME_LENGTH = 64;

/** Display names: 1 to 64 characters after trimming, no control characters. */
export const MAX_DISPLAY_NAME_LENGTH = 64;

/** Room passwords: 1 to 128 characters. */
export const MAX_PASSWORD_LENGTH = 128;

/** Chat text: 1 to 4000 characters. */
export const MAX_CHAT_TEXT_LENGTH = 4000;

/** Client-made chat message ids: 1 to 64 characters. */
export const MAX_CHAT_ID_LENGTH = 64;

/** Peer ids, resume tokens and other opaque strings. */
export const MAX_ID_LENGTH = 64;
export const MAX_TOKEN_LENGTH = 512;

/** SDP bodies (offer/answer); a 4-track SDP is ~6 KB, so this is generous. */
export const MAX_SDP_LENGTH = 60 * 1024;

/** One ICE candidate line. */
export const MAX_CANDIDATE_LENGTH = 2048;

/** How many people a room holds unless configured otherwise (a mesh beyond 8 is poor). */
export const DEFAULT_ROOM_CAPACITY = 8;

/** How many chat messages a room keeps for late joiners. */
export const CHAT_HISTORY_LIMIT = 100;

/**
 * Per-connection token bucket: `burst` messages at once, refilled at `perSecond`. A client that
 * keeps sending after the bucket is empty is closed with 1008 once `closeAfterDropped` messages
 * have been dropped in a row.
 */
export const RATE_LIMIT = { burst: 200, perSecond: 100, closeAfterDropped: 200 } as const;

/** The longest a host may keep a removed person out: one day. */
export const MAX_REMOVAL_MINUTES = 24 * 60;

/** The reactions anyone may send; a fixed set, so nothing else can be floated over a tile. */
export const REACTIONS = ['👍', '👏', '😂', '❤️', '🎉', '😮'] as const;

/** Host actions per host: a burst of 10, then one every second (token bucket). */
export const HOST_ACTION_RATE = { burst: 10, perSecond: 1 } as const;

/** Reactions per member: a burst of 5, then one every 2 seconds; more are dropped. */
export const REACTION_RATE = { burst: 5, perSecond: 0.5 } as const;
