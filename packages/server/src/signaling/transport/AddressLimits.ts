import type { AbuseLimits, BucketConfig } from '../../config.js';
import { TokenBucket } from './TokenBucket.js';

/** What one address (see addressKey) holds and has used. */
interface AddressRecord {
  connections: number;
  joins: TokenBucket | null;
  turnGrants: TokenBucket | null;
}

/**
 * Per-address bookkeeping of the abuse limits: open connections, and the token buckets of joins
 * and TURN grants. A record lives while the address has connections or a bucket that is not full
 * again; the sweep drops the others, so the map holds only addresses that are active.
 */
export class AddressLimits {
  private readonly records = new Map<string, AddressRecord>();

  constructor(private readonly limits: AbuseLimits) {}

  /** Counts a new connection from `key`; false (and nothing counted) when it has too many. */
  open(key: string): boolean {
    const record = this.record(key);
    if (record.connections >= this.limits.maxConnectionsPerAddress) return false;
    record.connections++;
    return true;
  }

  /** A connection from `key` closed. */
  close(key: string): void {
    const record = this.records.get(key);
    if (record !== undefined && record.connections > 0) record.connections--;
  }

  /** Takes one join from the address's budget; false when it is spent. */
  takeJoin(key: string, now: number): boolean {
    const record = this.record(key);
    record.joins ??= bucket(this.limits.joinsPerAddress, now);
    return record.joins.take(now);
  }

  /** Takes one TURN grant from the address's budget; false when it is spent. */
  takeTurnGrant(key: string, now: number): boolean {
    const record = this.record(key);
    record.turnGrants ??= bucket(this.limits.turnGrantsPerAddress, now);
    return record.turnGrants.take(now);
  }

  /** Open connections from `key`. */
  connections(key: string): number {
    return this.records.get(key)?.connections ?? 0;
  }

  /** Addresses tracked. */
  get size(): number {
    return this.records.size;
  }

  /** Forgets addresses without connections whose budgets have refilled. */
  sweep(now: number): void {
    for (const [key, record] of this.records) {
      if (record.connections > 0) continue;
      if (record.joins !== null && record.joins.available(now) < this.limits.joinsPerAddress.burst)
        continue;
      const turn = this.limits.turnGrantsPerAddress.burst;
      if (record.turnGrants !== null && record.turnGrants.available(now) < turn) continue;
      this.records.delete(key);
    }
  }

  private record(key: string): AddressRecord {
    let record = this.records.get(key);
    if (record === undefined) {
      record = { connections: 0, joins: null, turnGrants: null };
      this.records.set(key, record);
    }
    return record;
  }
}

/** A fresh (full) token bucket. */
export function bucket(config: BucketConfig, now: number): TokenBucket {
  return new TokenBucket(config.burst, config.perSecond, now);
}
