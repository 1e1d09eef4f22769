import type { ChatMessage, PeerInfo, PeerState, Topology } from '@zvonok/protocol';
import type { ChatEntry } from './ChatHistory.js';
import type { Frame } from '../transport/frames.js';
import type { RoomControls } from '../host/RoomControls.js';
import type { Peer } from './Peer.js';

/** What became of a relayed offer/answer/candidate. */
export const RelayOutcome = {
  /** `to` is not a member of the room. */
  Unknown: -1,
  /** The target's connection is gone for now: kept for its resume. */
  Queued: 0,
  /** Written to the target's socket. */
  Delivered: 1,
  /** Handed to the instance that holds the target (shared rooms). */
  Forwarded: 2,
} as const;
export type RelayOutcome = (typeof RelayOutcome)[keyof typeof RelayOutcome];

/** A chat message as kept by the room, and what posting it did. */
export interface ChatPost {
  /** The kept message (the earlier one, for a resend of a message already kept). */
  readonly entry: ChatEntry;
  /** Recipients it was written to here (0 for a resend, or where delivery happens later). */
  readonly sent: number;
}

/**
 * One room as handlers, host controls and the SFU see it: its members on this instance, its
 * settings, and the ways to reach the others. A room exists while it has members.
 *
 * Two implementations: {@link MemoryRoom} (`MemoryRoom.ts`) keeps everything in this process;
 * `backplane/SharedRoom.ts` keeps the room in Redis and reaches members held by other instances
 * as well. Handlers reach other members only through {@link Room.relay}, {@link Room.postChat},
 * {@link Room.announceState} and the broadcasts, so they work the same on both.
 */
export interface Room {
  readonly name: string;
  /** The members this instance holds, by id (with their connections, or awaiting a resume). */
  readonly members: Map<string, Peer>;
  /** The host, the lock, knocking and removals (see host/). */
  readonly controls: RoomControls;
  /** How the room's media travels now (see sfu/topologyPolicy.ts). */
  topology: Topology;
  /** It was on the SFU and came back to the mesh: its SFU side is to be released. */
  backToMesh: boolean;
  /** Whether entering needs a password. */
  readonly hasPassword: boolean;
  /** Sets the password (the host's choice). */
  setPassword(password: string): void;
  /** Removes the password (the host's choice). */
  clearPassword(): void;
  /** Every member other than `except` (on any instance), as listed in `peer-list`. */
  peerInfos(except: Peer): PeerInfo[];
  /** Sends an offer/answer/candidate frame to the member `to`. */
  relay(to: string, frame: Frame): RelayOutcome;
  /**
   * Numbers, keeps and delivers a chat message to everyone but its sender. A resend of a kept
   * message (same sender and client id; `maybeResent` when the client gave the id) is not
   * delivered again: the kept entry is the answer. Settles once the message is kept.
   */
  postChat(
    sender: Peer,
    message: Omit<ChatMessage, 'seq'>,
    maybeResent: boolean,
  ): Promise<ChatPost>;
  /** Tells the v1 members the state fields of `peer` that changed; returns how many got it here. */
  announceState(peer: Peer, changed: PeerState): number;
  /** Sends one frame to every connected member here but `except`; returns how many got it. */
  broadcast(frame: Frame, except: Peer | null): number;
  /** Like broadcast, to protocol v1 members only (extension messages seed clients never get). */
  broadcastV1(frame: Frame, except: Peer | null): number;
}

/**
 * Writes `frame` to every connected member of `members` but `except` (v1 members only with
 * `v1Only`); returns how many got it. The broadcast of both room implementations.
 */
export function sendToMembers(
  members: ReadonlyMap<string, Peer>,
  frame: Frame,
  except: Peer | null,
  v1Only: boolean,
): number {
  let sent = 0;
  for (const peer of members.values()) {
    const conn = peer.conn;
    if (peer === except || conn === null || (v1Only && !conn.v1)) continue;
    conn.send(frame);
    sent++;
  }
  return sent;
}
