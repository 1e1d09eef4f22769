import type { BucketConfig } from '../../config.js';
import { bucket } from './AddressLimits.js';
import type { Peer } from '../rooms/Peer.js';
import type { TokenBucket } from './TokenBucket.js';

/**
 * One token bucket per member for one kind of action (host actions, reactions): made full on the
 * member's first action, and gone with the peer (a weak map: nothing to forget or sweep).
 */
export class PeerBudgets {
  private readonly buckets = new WeakMap<Peer, TokenBucket>();

  constructor(private readonly rate: BucketConfig) {}

  /** Takes one action from the budget of `peer`; false when it is spent. */
  take(peer: Peer, now: number): boolean {
    let budget = this.buckets.get(peer);
    if (budget === undefined) {
      budget = bucket(this.rate, now);
      this.buckets.set(peer, budget);
    }
    return budget.take(now);
  }
}
