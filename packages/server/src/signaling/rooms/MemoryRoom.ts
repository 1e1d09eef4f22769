import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ChatMessage, PeerInfo, PeerState, Topology } from '@zvonok/protocol';
import { ChatHistory, type ChatLimits } from './ChatHistory.js';
import { encode, textFrame, type Frame } from '../transport/frames.js';
import { RoomControls } from '../host/RoomControls.js';
import type { Peer } from './Peer.js';
import { RelayOutcome, sendToMembers, type ChatPost, type Room } from './Room.js';

/**
 * A room in this process's memory: its members by id, its chat, and its password (kept only as
 * a salted hash). The registry deletes it, password included, when it is empty.
 */
export class MemoryRoom implements Room {
  readonly members = new Map<string, Peer>();
  readonly chat: ChatHistory;
  /** The host, the lock, knocking and removals (see host/). */
  readonly controls = new RoomControls();
  /** How the room's media travels now (see sfu/topologyPolicy.ts). */
  topology: Topology = 'mesh';
  /** It was on the SFU and came back to the mesh: its SFU side is to be released. */
  backToMesh = false;
  private password: { salt: Buffer; hash: Buffer } | null = null;

  constructor(
    readonly name: string,
    chatLimits: ChatLimits | number,
  ) {
    // Numbered from the creation time: an earlier life of this room never shares numbers with it.
    this.chat = new ChatHistory(chatLimits, Date.now());
  }

  get hasPassword(): boolean {
    return this.password !== null;
  }

  /** Sets the password (done by the person who creates the room, or the host). */
  setPassword(password: string): void {
    const salt = randomBytes(16);
    this.password = { salt, hash: hashPassword(salt, password) };
  }

  /** Removes the password (the host's choice). */
  clearPassword(): void {
    this.password = null;
  }

  /** Compares in constant time; true when the room has no password. (Bound: pass it around.) */
  readonly checkPassword = (password: string): boolean => {
    if (this.password === null) return true;
    return timingSafeEqual(hashPassword(this.password.salt, password), this.password.hash);
  };

  /** The members other than `except`, as listed in `peer-list`. */
  peerInfos(except: Peer): PeerInfo[] {
    const peers: PeerInfo[] = [];
    for (const peer of this.members.values()) if (peer !== except) peers.push(peer.info());
    return peers;
  }

  /** Sends an offer/answer/candidate frame to the member `to`. */
  relay(to: string, frame: Frame): RelayOutcome {
    const target = this.members.get(to);
    if (target === undefined) return RelayOutcome.Unknown;
    return target.relay(frame) ? RelayOutcome.Delivered : RelayOutcome.Queued;
  }

  /**
   * Everything is done before this returns, so the promise is already settled and what is sent
   * keeps its order; a failure here is a bug and throws, as any handler's would.
   */
  postChat(
    sender: Peer,
    message: Omit<ChatMessage, 'seq'>,
    maybeResent: boolean,
  ): Promise<ChatPost> {
    // Only a message with the client's own id can be a resend (ids made here are new).
    const kept = maybeResent ? this.chat.find(sender.id, message.id) : undefined;
    if (kept !== undefined) return Promise.resolve({ entry: kept, sent: 0 });
    const entry = this.chat.add(message);
    return Promise.resolve({ entry, sent: this.broadcast(textFrame(entry.json), sender) });
  }

  /** Tells the v1 members the state fields of `peer` that changed; returns how many got it. */
  announceState(peer: Peer, changed: PeerState): number {
    return this.broadcastV1(encode({ type: 'peer-state', id: peer.id, ...changed }), peer);
  }

  broadcast(frame: Frame, except: Peer | null): number {
    return sendToMembers(this.members, frame, except, false);
  }

  broadcastV1(frame: Frame, except: Peer | null): number {
    return sendToMembers(this.members, frame, except, true);
  }
}

// HMAC-SHA256 with a per-room random salt: fast (a join must not block the event loop the way a
// KDF would) and good enough for a secret that lives only as long as the room, with guessing
// throttled per connection and per address.
function hashPassword(salt: Buffer, password: string): Buffer {
  return createHmac('sha256', salt).update(password, 'utf8').digest();
}
