import type { ServerConfig } from '../config.js';
import { AttemptGuard, verdictOf, type AttemptVerdict } from '../signaling/auth/AttemptGuard.js';
import type { Connection } from '../signaling/transport/Connection.js';
import type { JoinRefusal } from '../signaling/rooms/MembershipService.js';
import {
  PASSWORD_REQUIRED,
  refusalOf,
  WRONG_PASSWORD,
  type GuessAttempt,
  type PasswordThrottle,
} from '../signaling/auth/PasswordGate.js';
import type { RedisBackplane } from './RedisBackplane.js';

/**
 * The password check of a join when instances share rooms: the same budgets as
 * {@link PasswordGate}, but the records per address and per room live in Redis, so a guesser
 * spreading connections over every instance meets one budget, not one per instance. The record
 * per connection stays here (a connection lives on one instance). A Redis failure rejects; the
 * join then answers INTERNAL like any other Redis failure.
 */
export class SharedPasswordGate implements PasswordThrottle {
  private readonly perConnection: AttemptGuard<Connection>;

  constructor(
    private readonly policy: ServerConfig['passwordAttempts'],
    private readonly plane: RedisBackplane,
  ) {
    this.perConnection = new AttemptGuard(policy.perConnection);
  }

  /** Like PasswordGate.check, with the shared records read from and counted in Redis. */
  async check(
    attempt: GuessAttempt,
    verify: (password: string) => boolean,
    now: number,
  ): Promise<JoinRefusal | null> {
    const { conn, room, password, proven } = attempt;
    const addressKey = this.plane.keys.guesses('address', conn.addressKey);
    const roomKey = this.plane.keys.guesses('room', room);
    const [byAddress, byRoom] = await this.plane.attemptRecords([addressKey, roomKey]);
    const verdicts: AttemptVerdict[] = [
      this.perConnection.check(conn, now),
      verdictOf(byAddress, this.policy.perAddress, now),
    ];
    if (!proven) verdicts.push(verdictOf(byRoom, this.policy.perRoom, now));
    const refusal = refusalOf(verdicts);
    if (refusal !== null) return refusal;
    if (password === undefined) return PASSWORD_REQUIRED;
    if (!verify(password)) {
      this.perConnection.fail(conn, now);
      await Promise.all([
        this.plane.failAttempt(addressKey, this.policy.perAddress, now),
        this.plane.failAttempt(roomKey, this.policy.perRoom, now),
      ]);
      return WRONG_PASSWORD;
    }
    this.perConnection.forget(conn);
    return null;
  }

  forget(conn: Connection): void {
    this.perConnection.forget(conn);
  }

  sweep(now: number): void {
    this.perConnection.sweep(now);
  }
}
