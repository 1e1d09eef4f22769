import type { PeerInfo } from '@zvonok/protocol';
import { KeyedTimers } from '../utils/KeyedTimers.js';
import type { Logger } from '../utils/logger.js';

/** Options of `new PeerDirectory(...)`. */
export interface PeerDirectoryOptions {
  /** After a resume, a peer the server does not list gets this long to come back. */
  graceMs: number;
  logger: Logger;
  /** Make sure there is a connection with a listed peer (`initiator`: we offer). */
  add: (peer: PeerInfo, initiator: boolean) => void;
  /** A peer that did not come back in time: drop it. */
  drop: (id: string) => void;
}

/**
 * Which remote peers the call keeps, from the server's peer lists. After a resumed reconnect
 * the server sends its list again; a peer we still have a connection with but that is not
 * listed may be resuming too (after a server restart everyone is), so it gets `graceMs` to come
 * back before it is dropped. Anything heard from a peer ends its grace.
 */
export class PeerDirectory {
  readonly #options: PeerDirectoryOptions;
  /** Peers that the server did not list after a resume: dropped unless they come back. */
  readonly #grace = new KeyedTimers<string>();
  #reconcileNextList = false;

  constructor(options: PeerDirectoryOptions) {
    this.#options = options;
  }

  /**
   * Joined: `resumed` says whether this session was resumed (same id), so that the next peer
   * list is compared with the peers we still have.
   */
  joined(resumed: boolean): void {
    this.#reconcileNextList = resumed;
  }

  /**
   * The server's peer list. Every listed peer gets a connection, with us offering (we are the
   * newcomer; a peer we already have keeps its connection). After a resume, peers in `current`
   * that are not listed start their grace.
   */
  listed(peers: readonly PeerInfo[], ownId: string | undefined, current: () => string[]): void {
    const listed = new Set<string>();
    for (const peer of peers) {
      if (peer.id === ownId) continue;
      listed.add(peer.id);
      this.#options.add(peer, true);
    }
    if (!this.#reconcileNextList) return;
    this.#reconcileNextList = false;
    for (const id of current()) {
      if (listed.has(id) || this.#grace.has(id)) continue;
      // Not listed after our resume: it may still be resuming too (server restart). Give it time.
      this.#grace.set(id, this.#options.graceMs, () => {
        this.#options.logger.info(`${id} did not come back after the resume; dropping it`);
        this.#options.drop(id);
      });
    }
  }

  /** The peer is here (announced, listed, or it sent something), or it left: no grace. */
  settled(id: string): void {
    this.#grace.cancel(id);
  }

  /** Forget every grace (leaving, or everyone is reconnected from scratch). */
  clear(): void {
    this.#grace.clear();
  }
}
