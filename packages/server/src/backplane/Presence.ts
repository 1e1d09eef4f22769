import type { Redis } from 'ioredis';
import type { BackplaneScripts } from './BackplaneScripts.js';
import type { Keys } from './keys.js';
import type { BackplaneHost } from './RedisBackplane.js';

/** What presence needs to know of the configuration. */
export interface PresenceTiming {
  /** How long an instance's presence lasts without a refresh (ms). */
  presenceTtlMs: number;
  /** A heartbeat without an answer within this long counts as Redis down (ms). */
  commandTimeoutMs: number;
}

/**
 * This instance's presence in Redis, and the reaping of instances that lost theirs: every
 * instance refreshes a key that expires unless refreshed, and the members of an instance whose
 * key expired (it crashed or lost Redis for good) are removed by the others, which announces
 * them as left.
 */
export class Presence {
  constructor(
    private readonly redis: Redis,
    private readonly scripts: BackplaneScripts,
    private readonly keys: Keys,
    private readonly host: BackplaneHost,
    private readonly timing: PresenceTiming,
  ) {}

  /**
   * Refreshes this instance's presence and the keys of its rooms; rejects when Redis does not
   * answer within the command timeout.
   */
  async refresh(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_resolve, reject) => {
      // Decided after one more I/O poll: if this process itself was busy past the deadline, an
      // answer that arrived meanwhile is read first and wins (a slow process is no Redis outage).
      const decide = () =>
        setImmediate(() =>
          reject(new Error(`no answer within ${this.timing.commandTimeoutMs} ms`)),
        );
      timer = setTimeout(decide, this.timing.commandTimeoutMs);
    });
    try {
      await Promise.race([
        this.scripts.touch(this.host.roomNames(), this.timing.presenceTtlMs),
        late,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Removes (and so announces as left) the members of instances that stopped heartbeating;
   * returns how many were removed.
   */
  async reap(): Promise<number> {
    const byInstance = this.host.remoteMembers();
    if (byInstance.size === 0) return 0;
    const instances = [...byInstance.keys()];
    const alive = await this.redis.mget(...instances.map((i) => this.keys.alive(i)));
    const leaves: Array<Promise<boolean>> = [];
    instances.forEach((instance, index) => {
      if (alive[index] !== null) return;
      for (const { room, id } of byInstance.get(instance) ?? []) {
        leaves.push(this.scripts.leave(room, id, instance, false));
      }
    });
    if (leaves.length === 0) return 0;
    return (await Promise.all(leaves)).filter(Boolean).length;
  }
}
