import type { ReconnectPolicy } from './signaling/ReconnectPolicy.js';
import type { LocalMedia } from './media/LocalMedia.js';
import type { DisplayMediaLike } from './media/ScreenShare.js';
import type { Logger } from './utils/logger.js';

/** Connection state of a {@link Call}. */
export enum CallState {
  /** Created, or back here after a refused `join` (join may be called again). */
  Idle = 'idle',
  /** `join()` is in progress. */
  Connecting = 'connecting',
  /** In the room. */
  Connected = 'connected',
  /** The signaling connection dropped; media keeps flowing while it reconnects and resumes. */
  Reconnecting = 'reconnecting',
  /** Left, replaced by another session, or signaling gave up. Final. */
  Disconnected = 'disconnected',
}

/**
 * How the media path to one participant is doing, in the terms a person is told (derived from
 * the peer connection's state and the SDK's ICE recovery).
 */
export enum PeerLinkState {
  /** Not connected yet (first negotiation and ICE checks). */
  Connecting = 'connecting',
  /** Media flows. */
  Connected = 'connected',
  /** It was connected and is not now: ICE is recovering (restarts run by themselves). */
  Reconnecting = 'reconnecting',
  /**
   * ICE restarts did not bring it back (`maxIceRestarts`). Nothing more is tried on its own
   * until `call.retryPeer(id)` or the signaling connection comes back.
   */
  Unreachable = 'unreachable',
}

/** A remote participant, as an immutable snapshot: a new object on every change. */
export interface Participant {
  /** Server-made peer id, stable across reconnects. */
  readonly id: string;
  readonly name?: string;
  readonly mic: boolean;
  readonly camera: boolean;
  readonly screen: boolean;
  readonly recording: boolean;
  readonly hand: boolean;
  /**
   * While the hand is up: when it went up (ms since the epoch, the server's time where known),
   * so hands can be listed in the order they were raised.
   */
  readonly handAt?: number;
  /** The participant's microphone and camera; the same object for the participant's whole stay. */
  readonly stream: MediaStream;
  /**
   * The participant's shared screen (a video track once it was negotiated; frames only while
   * `screen` is true). The same object for the participant's whole stay.
   */
  readonly screenStream: MediaStream;
  /** State of the peer connection to this participant. */
  readonly connectionState: RTCPeerConnectionState;
  /** How the connection is doing as a person sees it: connecting, connected, reconnecting, unreachable. */
  readonly link: PeerLinkState;
  /**
   * The code to compare with this participant (read aloud: both must see the same), derived from
   * both ends' DTLS certificate fingerprints; undefined until the connection is negotiated. The
   * same code on both sides means nobody, the signaling server included, sits in the middle.
   */
  readonly verificationCode?: string;
}

/** One chat message. */
export interface ChatEntry {
  /** Message id, unique per sender (made by the sender). */
  readonly id: string;
  /** Sender's peer id. */
  readonly from: string;
  /** Sender's display name when sent. */
  readonly name?: string;
  readonly text: string;
  /** Server time of acceptance (local time while pending), ms since the epoch. */
  readonly ts: number;
  /** Sent by this person. */
  readonly mine: boolean;
  /** `pending` until the server acknowledged it. */
  readonly status: 'pending' | 'sent';
}

/** Options of `new Call(...)`. */
export interface CallOptions {
  /** The signaling endpoint, e.g. `wss://host/ws`. */
  signalingUrl: string;
  /** Local camera/microphone. Without it (or without tracks), the call only receives. */
  media?: LocalMedia;
  /** Extra RTCPeerConnection settings; ICE servers from the server are added to these. */
  rtcConfig?: RTCConfiguration;
  /**
   * Send and receive media through the TURN relay only (`iceTransportPolicy: 'relay'`), so that
   * the other participants never learn this person's IP address. Needs a TURN server; without a
   * usable one the call reports `RelayUnreachable`. Default false.
   */
  relayOnly?: boolean;
  /** When to retry a dropped signaling connection. Default: exponential backoff with jitter. */
  reconnectPolicy?: ReconnectPolicy;
  /** Where to log; quiet unless given (see `createConsoleLogger`). */
  logger?: Logger;
  /** Tuning of recovery delays; the defaults suit most apps (see defaults.ts). */
  timings?: CallTimings;
  /** WebSocket implementation (tests). Default: the global `WebSocket`. */
  WebSocket?: WebSocketConstructor;
  /** RTCPeerConnection implementation (tests). Default: the global `RTCPeerConnection`. */
  RTCPeerConnection?: PeerConnectionConstructor;
  /**
   * Adapt what the camera sends each peer to the peer count, the measured uplink, the CPU and
   * how the peer shows it (see README "Adaptive sending"). Default true; false only measures
   * (e.g. to compare both in a benchmark).
   */
  adaptiveSending?: boolean;
  /** Where screens are captured from (tests). Default: `navigator.mediaDevices`. */
  displayMedia?: DisplayMediaLike;
}

/** Recovery delays of a call. */
export interface CallTimings {
  /** ICE `disconnected` for this long triggers an ICE restart. Default 3 s. */
  iceDisconnectedRestartMs?: number;
  /** ICE restarts in a row before a peer is reported unreachable. Default 3. */
  maxIceRestarts?: number;
  /** An ICE restart that has not connected after this long is followed by another. Default 10 s. */
  iceRestartTimeoutMs?: number;
  /** After a resume, a peer the server does not list gets this long to come back. Default 20 s. */
  resumeGraceMs?: number;
  /** An open socket without an answer to `join` for this long is retried. Default 10 s. */
  joinTimeoutMs?: number;
  /**
   * First wait before own chat that the server could not keep for now (shared state out of
   * reach, rate limit) is sent again; each further try waits twice as long, up to 15 s.
   * Default 1 s.
   */
  chatRetryMs?: number;
}

/** Arguments of `call.join(...)`. */
export interface JoinOptions {
  /** Room name, as in the link. */
  room: string;
  /** Display name. */
  name?: string;
  /** Room password: sets it when creating the room, needed to enter a room that has one. */
  password?: string;
  /**
   * The `resumeToken` of an earlier session of this person that is gone for good (page reload,
   * second tab): that session leaves at once instead of lingering as a ghost.
   */
  replaceToken?: string;
}

/** A WebSocket constructor (the global one, or a fake in tests). */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocket;

/** An RTCPeerConnection constructor (the global one, or a fake in tests). */
export type PeerConnectionConstructor = new (config?: RTCConfiguration) => RTCPeerConnection;
