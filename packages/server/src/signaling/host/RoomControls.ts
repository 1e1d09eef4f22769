import type { Knocker } from '@zvonok/protocol';
import type { Connection } from '../transport/Connection.js';
import type { JoinRequest } from '../rooms/MembershipService.js';

/** A newcomer waiting to be let in: their connection and the join they asked for. */
export interface Knock {
  readonly conn: Connection;
  readonly request: JoinRequest;
  readonly name: string | undefined;
}

/**
 * What the host controls in one room: who the host is, whether the room is locked or asks
 * newcomers to knock, who is knocking, and who was removed and until when. Lives with the room
 * and goes with it when it empties.
 */
export class RoomControls {
  /** The host's peer id; undefined for a room without one (rooms shared across servers). */
  hostId: string | undefined = undefined;
  locked = false;
  knock = false;
  /** Knocking connections by their connection id, oldest first. */
  readonly knocks = new Map<string, Knock>();
  /** Removed peer ids, and until when (ms since the epoch) they may not come back. */
  private readonly removed = new Map<string, number>();

  /** Keeps `id` out until `until`. */
  ban(id: string, until: number): void {
    this.removed.set(id, until);
  }

  /** How long (ms) `id` must still stay out; 0 when it may come in. */
  bannedFor(id: string | undefined, now: number): number {
    if (id === undefined) return 0;
    const until = this.removed.get(id);
    if (until === undefined) return 0;
    if (until <= now) {
      this.removed.delete(id);
      return 0;
    }
    return until - now;
  }

  /** The knocking people as the host sees them. */
  knockers(): Knocker[] {
    const people: Knocker[] = [];
    for (const [id, knock] of this.knocks) {
      people.push(knock.name === undefined ? { id } : { id, name: knock.name });
    }
    return people;
  }
}
