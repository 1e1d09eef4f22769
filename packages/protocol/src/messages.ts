/**
 * Every wire message as a valibot schema, with the TypeScript type inferred from it. The schemas
 * are the single source of truth: the server validates what clients send with them, the SDK what
 * the server sends.
 *
 * Objects are parsed with `v.object`, which drops unknown keys: a client cannot smuggle a `from`
 * (or anything else) through the relay, and newer peers may add fields without breaking older ones.
 */
import * as v from 'valibot';
import {
  MAX_CANDIDATE_LENGTH,
  MAX_CHAT_ID_LENGTH,
  MAX_CHAT_TEXT_LENGTH,
  MAX_DISPLAY_NAME_LENGTH,
  MAX_ID_LENGTH,
  MAX_PASSWORD_LENGTH,
  MAX_ROOM_NAME_LENGTH,
  MAX_SDP_LENGTH,
  MAX_TOKEN_LENGTH,
  ROOM_NAME_PATTERN,
  ROOM_NAME_RULE,
} from './limits.js';
import { ErrorCode } from './errors.js';
import {
  SfuAnswerSchema,
  SfuFeedsSchema,
  SfuIceSchema,
  SfuOfferSchema,
  SfuPublishSchema,
  SfuStartSchema,
  SfuSubscribeSchema,
  TopologyMessageSchema,
  TopologySchema,
} from './sfu.js';
import { isCleanDisplayName, normalizeDisplayName } from './text.js';
import {
  HostActionSchema,
  HostEventSchema,
  KnocksSchema,
  ReactionMessageSchema,
  ReactSchema,
  RoomInfoRequestSchema,
  RoomInfoSchema,
  RoomStateSchema,
  WaitingSchema,
} from './meeting.js';

// ---------------------------------------------------------------------------------------------
// Building blocks

/** A server-made peer id. */
export const PeerIdSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_ID_LENGTH));

/** A room name as it appears in a link. */
export const RoomNameSchema = v.pipe(
  v.string(),
  v.maxLength(MAX_ROOM_NAME_LENGTH),
  v.regex(ROOM_NAME_PATTERN, ROOM_NAME_RULE),
);

/**
 * A display name: trimmed, in normal form C, 1-64 characters, no control, format (bidi overrides,
 * zero-width characters), surrogate or separator characters (see text.ts).
 */
export const DisplayNameSchema = v.pipe(
  v.string(),
  v.transform(normalizeDisplayName),
  v.minLength(1),
  v.maxLength(MAX_DISPLAY_NAME_LENGTH),
  v.check(isCleanDisplayName, 'names cannot contain control, format or invisible characters'),
);

/** What a peer shares about itself; every field optional so that updates can be partial. */
export const PeerStateSchema = v.object({
  /** Microphone is sending (not muted). */
  mic: v.optional(v.boolean()),
  /** Camera is sending. */
  camera: v.optional(v.boolean()),
  /** A screen is being shared. */
  screen: v.optional(v.boolean()),
  /** This peer is recording the call. Everyone is shown this, for consent. */
  recording: v.optional(v.boolean()),
  /** Hand raised. */
  hand: v.optional(v.boolean()),
});
export type PeerState = v.InferOutput<typeof PeerStateSchema>;

/** The keys of PeerState, for code that walks them. */
export const PEER_STATE_KEYS = ['mic', 'camera', 'screen', 'recording', 'hand'] as const;

/** A peer as listed in `peer-list` and announced in `peer-joined`: id, name and flattened state. */
export const PeerInfoSchema = v.object({
  id: PeerIdSchema,
  name: v.optional(v.string()),
  ...PeerStateSchema.entries,
  /** Server time the hand went up (set by the server, with `hand: true`): hands are shown in order. */
  handAt: v.optional(v.number()),
});
export type PeerInfo = v.InferOutput<typeof PeerInfoSchema>;

/** RTCIceCandidateInit, bounded. */
export const IceCandidateSchema = v.object({
  candidate: v.pipe(v.string(), v.maxLength(MAX_CANDIDATE_LENGTH)),
  sdpMid: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(64)))),
  sdpMLineIndex: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0)))),
  usernameFragment: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(256)))),
});
export type IceCandidate = v.InferOutput<typeof IceCandidateSchema>;

const SdpSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_SDP_LENGTH));

/** RTCIceServer as handed to clients. */
export const IceServerSchema = v.object({
  urls: v.union([v.string(), v.array(v.string())]),
  username: v.optional(v.string()),
  credential: v.optional(v.string()),
});
export type IceServer = v.InferOutput<typeof IceServerSchema>;

/** A chat message as delivered and kept in history. */
export const ChatMessageSchema = v.object({
  type: v.literal('chat'),
  /** Sender's peer id. */
  from: PeerIdSchema,
  /** Sender's display name at the time of sending, if it had one. */
  name: v.optional(v.string()),
  /** The client-made id (unique per sender), or a server-made one for clients that sent none. */
  id: v.string(),
  text: v.string(),
  /** Server time of acceptance, ms since the epoch. */
  ts: v.number(),
  /** Position in the room's chat, increasing by one per message (v1 clients use it to catch up). */
  seq: v.optional(v.number()),
});
export type ChatMessage = v.InferOutput<typeof ChatMessageSchema>;

// ---------------------------------------------------------------------------------------------
// Client -> server

/** Join a room (protocol v1 clients; seed clients are joined by the URL). */
export const JoinSchema = v.object({
  type: v.literal('join'),
  room: RoomNameSchema,
  name: v.optional(DisplayNameSchema),
  /** Sets the password when creating the room; required to enter a room that has one. */
  password: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_PASSWORD_LENGTH))),
  /** From an earlier `joined`: get the same peer id back after a reconnect. */
  resumeToken: v.optional(v.pipe(v.string(), v.maxLength(MAX_TOKEN_LENGTH))),
  /**
   * From an earlier session of the same person that is gone for good (page reload, second tab):
   * that session leaves the room at once (no ghost tile) and this connection joins with a new id.
   */
  replaceToken: v.optional(v.pipe(v.string(), v.maxLength(MAX_TOKEN_LENGTH))),
  /** Highest chat `seq` already seen; history after it is sent. Omit for the whole history. */
  chatSince: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  /** Initial state (mic/camera on or off) so others see it right away. */
  state: v.optional(PeerStateSchema),
});

/** Leave the room; the connection stays open and may join again. */
export const LeaveSchema = v.object({ type: v.literal('leave') });

/** SDP offer to one peer. */
export const OfferSchema = v.object({ type: v.literal('offer'), to: PeerIdSchema, sdp: SdpSchema });

/** SDP answer to one peer. */
export const AnswerSchema = v.object({
  type: v.literal('answer'),
  to: PeerIdSchema,
  sdp: SdpSchema,
});

/** A trickled ICE candidate, or null for end-of-candidates. */
export const IceCandidateMessageSchema = v.object({
  type: v.literal('ice-candidate'),
  to: PeerIdSchema,
  candidate: v.nullable(IceCandidateSchema),
});

/** Chat to the room. `id` is client-made so that resends after a reconnect are not doubled. */
export const ChatSendSchema = v.object({
  type: v.literal('chat'),
  text: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_CHAT_TEXT_LENGTH)),
  id: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_CHAT_ID_LENGTH))),
});

/** Update this peer's state; the fields given replace the old ones. */
export const StateSchema = v.object({ type: v.literal('state'), ...PeerStateSchema.entries });

/** Ask for fresh ICE servers (TURN credentials) before the current ones expire. */
export const IceServersRequestSchema = v.object({ type: v.literal('ice-servers') });

/**
 * Liveness check: the server answers `pong` at once. A browser cannot see WebSocket pings, so a
 * client that has heard nothing for a while asks, and treats a missing answer as a dead
 * connection (a frozen server, a socket left half-open by a network change).
 */
export const PingSchema = v.object({ type: v.literal('ping') });

/** Every client -> server message schema, by type. */
export const clientMessageSchemas = {
  join: JoinSchema,
  leave: LeaveSchema,
  offer: OfferSchema,
  answer: AnswerSchema,
  'ice-candidate': IceCandidateMessageSchema,
  chat: ChatSendSchema,
  state: StateSchema,
  'ice-servers': IceServersRequestSchema,
  ping: PingSchema,
  'sfu-publish': SfuPublishSchema,
  'sfu-subscribe': SfuSubscribeSchema,
  'sfu-start': SfuStartSchema,
  'sfu-ice': SfuIceSchema,
  host: HostActionSchema,
  react: ReactSchema,
  'room-info': RoomInfoRequestSchema,
} as const;

export type ClientMessageType = keyof typeof clientMessageSchemas;
/** Any message a client may send. */
export type ClientMessage = {
  [K in ClientMessageType]: v.InferOutput<(typeof clientMessageSchemas)[K]>;
}[ClientMessageType];
/** The client message of one type. */
export type ClientMessageOf<K extends ClientMessageType> = Extract<ClientMessage, { type: K }>;

// ---------------------------------------------------------------------------------------------
// Server -> client

/** First message on every connection: the id the server gave this connection. */
export const ClientIdSchema = v.object({ type: v.literal('client-id'), id: PeerIdSchema });

/** The others in the room, sent after joining. */
export const PeerListSchema = v.object({
  type: v.literal('peer-list'),
  peers: v.array(PeerInfoSchema),
});

/** Someone entered the room. */
export const PeerJoinedSchema = v.object({
  type: v.literal('peer-joined'),
  ...PeerInfoSchema.entries,
});

/** Someone left the room (or their connection died). */
export const PeerLeftSchema = v.object({ type: v.literal('peer-left'), id: PeerIdSchema });

/** Relayed offer, with the sender set by the server. */
export const RelayedOfferSchema = v.object({
  type: v.literal('offer'),
  from: PeerIdSchema,
  sdp: v.string(),
});

/** Relayed answer. */
export const RelayedAnswerSchema = v.object({
  type: v.literal('answer'),
  from: PeerIdSchema,
  sdp: v.string(),
});

/** Relayed ICE candidate. */
export const RelayedIceCandidateSchema = v.object({
  type: v.literal('ice-candidate'),
  from: PeerIdSchema,
  candidate: v.nullable(IceCandidateSchema),
});

/** v1: the join succeeded. Sent before `peer-list`. */
export const JoinedSchema = v.object({
  type: v.literal('joined'),
  /** This connection's peer id: the old one when `resumed`. */
  id: PeerIdSchema,
  room: v.string(),
  /**
   * Keep it for this tab only: send it in the next `join` to resume this id after a reconnect,
   * or as `replaceToken` after a reload. Refused once the session left.
   */
  resumeToken: v.string(),
  /**
   * Only ends this session (as `replaceToken` from another tab or after a crash), never resumes
   * it: the one to keep where other tabs can read it. Absent from older servers.
   */
  takeoverToken: v.optional(v.string()),
  resumed: v.boolean(),
  capacity: v.number(),
  /** STUN/TURN servers to use, with this client's own short-lived TURN credentials. */
  iceServers: v.array(IceServerSchema),
  /** When the TURN credentials in iceServers expire (ms since epoch), if there are any. */
  iceServersExpireAt: v.optional(v.number()),
  /** How the room's media travels; absent: `mesh`. */
  topology: v.optional(TopologySchema),
});

/** v1: someone's state changed (flattened PeerState, only the fields that changed). */
export const PeerStateMessageSchema = v.object({
  type: v.literal('peer-state'),
  id: PeerIdSchema,
  ...PeerStateSchema.entries,
});

/** v1: the server accepted (or already had) a chat message of ours. */
export const ChatAckSchema = v.object({
  type: v.literal('chat-ack'),
  id: v.string(),
  seq: v.number(),
  ts: v.number(),
});

/**
 * v1: chat of the room since `chatSince` (or all kept), oldest first. History larger than
 * CHAT_HISTORY_PAGE_BYTES comes in pages, each but the last with `more: true`; the client takes
 * the history as a whole once the last page arrived.
 */
export const ChatHistorySchema = v.object({
  type: v.literal('chat-history'),
  messages: v.array(ChatMessageSchema),
  /** More pages of this history follow. */
  more: v.optional(v.boolean()),
});

/** v1: fresh ICE servers in answer to `ice-servers`. */
export const IceServersSchema = v.object({
  type: v.literal('ice-servers'),
  iceServers: v.array(IceServerSchema),
  expireAt: v.optional(v.number()),
});

/** Something the client sent was refused. The connection stays open unless a close follows. */
export const ErrorMessageSchema = v.object({
  type: v.literal('error'),
  code: v.enum(ErrorCode),
  message: v.string(),
  /** The `type` of the message that caused it, when known. */
  ref: v.optional(v.string()),
});

/** The server is about to restart: reconnect after about `reconnectInMs` and resume. */
export const GoingAwaySchema = v.object({
  type: v.literal('going-away'),
  reconnectInMs: v.number(),
});

/** The answer to `ping`. */
export const PongSchema = v.object({ type: v.literal('pong') });

/** Every server -> client message schema, by type. */
export const serverMessageSchemas = {
  'client-id': ClientIdSchema,
  'peer-list': PeerListSchema,
  'peer-joined': PeerJoinedSchema,
  'peer-left': PeerLeftSchema,
  offer: RelayedOfferSchema,
  answer: RelayedAnswerSchema,
  'ice-candidate': RelayedIceCandidateSchema,
  chat: ChatMessageSchema,
  joined: JoinedSchema,
  'peer-state': PeerStateMessageSchema,
  'chat-ack': ChatAckSchema,
  'chat-history': ChatHistorySchema,
  'ice-servers': IceServersSchema,
  error: ErrorMessageSchema,
  'going-away': GoingAwaySchema,
  pong: PongSchema,
  'sfu-answer': SfuAnswerSchema,
  'sfu-offer': SfuOfferSchema,
  'sfu-feeds': SfuFeedsSchema,
  'room-state': RoomStateSchema,
  'host-event': HostEventSchema,
  knocks: KnocksSchema,
  waiting: WaitingSchema,
  reaction: ReactionMessageSchema,
  'room-info': RoomInfoSchema,
  topology: TopologyMessageSchema,
} as const;

export type ServerMessageType = keyof typeof serverMessageSchemas;
/** Any message the server may send. */
export type ServerMessage = {
  [K in ServerMessageType]: v.InferOutput<(typeof serverMessageSchemas)[K]>;
}[ServerMessageType];
/** The server message of one type. */
export type ServerMessageOf<K extends ServerMessageType> = Extract<ServerMessage, { type: K }>;

/** The eight message types of the seed protocol; a client that knows only these keeps working. */
export const SEED_MESSAGE_TYPES: ReadonlySet<string> = new Set([
  'client-id',
  'peer-list',
  'peer-joined',
  'peer-left',
  'offer',
  'answer',
  'ice-candidate',
  'chat',
]);
