import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { PeerInfo } from '@zvonok/protocol';
import { ChatHistory } from './ChatHistory.js';
import type { Frame } from './frames.js';
import type { Peer } from './Peer.js';

/**
 * One room: its members by id, its chat, and its password (kept only as a salted hash).
 * A room exists while it has members; the registry deletes it, password included, when empty.
 */
export class Room {
  readonly members = new Map<string, Peer>();
  readonly chat: ChatHistory;
  private password: { salt: Buffer; hash: Buffer } | null = null;

  constructor(
    readonly name: string,
    chatLimit: number,
  ) {
    this.chat = new ChatHistory(chatLimit);
  }

  get hasPassword(): boolean {
    return this.password !== null;
  }

  /** Sets the password (done by the person who creates the room). */
  setPassword(password: string): void {
    const salt = randomBytes(16);
    this.password = { salt, hash: hashPassword(salt, password) };
  }

  /** Compares in constant time; true when the room has no password. */
  checkPassword(password: string): boolean {
    if (this.password === null) return true;
    return timingSafeEqual(hashPassword(this.password.salt, password), this.password.hash);
  }

  /** The members other than `except`, as listed in `peer-list`. */
  peerInfos(except: Peer): PeerInfo[] {
    const peers: PeerInfo[] = [];
    for (const peer of this.members.values()) if (peer !== except) peers.push(peer.info());
    return peers;
  }

  /** Sends one frame to every connected member but `except`; returns how many got it. */
  broadcast(frame: Frame, except: Peer | null): number {
    let sent = 0;
    for (const peer of this.members.values()) {
      const conn = peer.conn;
      if (peer === except || conn === null) continue;
      conn.send(frame);
      sent++;
    }
    return sent;
  }

  /** Like broadcast, to protocol v1 members only (extension messages seed clients never get). */
  broadcastV1(frame: Frame, except: Peer | null): number {
    let sent = 0;
    for (const peer of this.members.values()) {
      const conn = peer.conn;
      if (peer === except || conn === null || !conn.v1) continue;
      conn.send(frame);
      sent++;
    }
    return sent;
  }
}

// HMAC-SHA256 with a per-room random salt: fast (a join must not block the event loop the way a
// KDF would) and good enough for a secret that lives only as long as the room, with guessing
// throttled per connection and per address.
function hashPassword(salt: Buffer, password: string): Buffer {
  return createHmac('sha256', salt).update(password, 'utf8').digest();
}
