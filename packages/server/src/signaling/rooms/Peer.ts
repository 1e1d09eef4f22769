import { PEER_STATE_KEYS, type PeerInfo, type PeerState } from '@zvonok/protocol';
import type { Connection } from '../transport/Connection.js';
import type { Frame } from '../transport/frames.js';
import type { Room } from './Room.js';

/** Relayed frames kept for a peer whose connection dropped, delivered when it resumes. */
const MAX_QUEUED_RELAYS = 64;

/**
 * A member of a room. Outlives its connection for the resume grace: when the connection drops
 * abnormally the peer stays (conn = null), keeps its seat and queues what is relayed to it, and a
 * resuming connection takes it over with the same id.
 */
export class Peer {
  /** The connection driving this peer; null while it waits to be resumed. */
  conn: Connection | null;
  name: string | undefined;
  state: PeerState | undefined;
  /** Pending removal while the connection is gone. */
  graceTimer: NodeJS.Timeout | null = null;
  /** Relays that arrived while the connection was gone. */
  queue: Frame[] | null = null;
  /**
   * Shared rooms: the room event this member's snapshot (peer list, history) reflects; later
   * events are delivered to it, earlier ones are not. Unused in memory.
   */
  since = 0;
  /** When the hand went up (server time), while it is up: hands are listed in this order. */
  handAt: number | undefined = undefined;

  constructor(
    readonly id: string,
    readonly room: Room,
    conn: Connection,
    name: string | undefined,
    state: PeerState | undefined,
  ) {
    this.conn = conn;
    this.name = name;
    this.state = state === undefined ? undefined : { ...state };
    if (state?.hand === true) this.handAt = Date.now();
  }

  /** As listed in `peer-list` and announced in `peer-joined`. */
  info(): PeerInfo {
    const info: PeerInfo = { id: this.id };
    if (this.name !== undefined) info.name = this.name;
    if (this.state === undefined) return info;
    const full: PeerInfo = { ...info, ...this.state };
    if (this.handAt !== undefined) full.handAt = this.handAt;
    return full;
  }

  /** Sends an offer/answer/candidate, or keeps it for after the resume if disconnected. */
  relay(frame: Frame): boolean {
    if (this.conn !== null) {
      this.conn.send(frame);
      return true;
    }
    if (this.queue === null) this.queue = [];
    if (this.queue.length < MAX_QUEUED_RELAYS) this.queue.push(frame);
    return false;
  }

  /** Sends what was queued while disconnected. */
  flush(): void {
    const queue = this.queue;
    this.queue = null;
    if (queue === null || this.conn === null) return;
    for (const frame of queue) this.conn.send(frame);
  }

  /** Applies the given state fields; returns those that changed, or null when none did. */
  applyState(update: PeerState): PeerState | null {
    let changed: PeerState | null = null;
    for (const key of PEER_STATE_KEYS) {
      const value = update[key];
      if (value === undefined) continue;
      const state = (this.state ??= {});
      if (state[key] === value) continue;
      state[key] = value;
      (changed ??= {})[key] = value;
      if (key === 'hand') this.handAt = value ? Date.now() : undefined;
    }
    return changed;
  }
}
