import { ErrorCode } from '@zvonok/protocol';
import type { ServerConfig } from '../config.js';
import { AttemptGuard } from './AttemptGuard.js';
import type { Connection } from './Connection.js';
import type { JoinRefusal } from './MembershipService.js';

/**
 * The password check of a join, with wrong guesses slowed down and then refused per connection
 * and per remote address (behind a proxy, the address comes from X-Forwarded-For: TRUST_PROXY).
 */
export class PasswordGate {
  private readonly perConnection: AttemptGuard<Connection>;
  private readonly perAddress: AttemptGuard<string>;

  constructor(policy: ServerConfig['passwordAttempts']) {
    this.perConnection = new AttemptGuard(policy.perConnection);
    this.perAddress = new AttemptGuard(policy.perAddress);
  }

  /**
   * Checks `password` with `verify` unless `conn` or its address must wait; returns the refusal,
   * or null when the password is right.
   */
  check(
    conn: Connection,
    password: string | undefined,
    verify: (password: string) => boolean,
    now: number,
  ): JoinRefusal | null {
    const byConn = this.perConnection.check(conn, now);
    const byAddress = this.perAddress.check(conn.address, now);
    if (!byConn.allowed || !byAddress.allowed) {
      const wait = Math.max(
        byConn.allowed ? 0 : byConn.retryInMs,
        byAddress.allowed ? 0 : byAddress.retryInMs,
      );
      return {
        code: ErrorCode.TooManyAttempts,
        message: `too many wrong passwords: try again in ${Math.ceil(wait / 1000)} s`,
      };
    }
    if (password === undefined) {
      return { code: ErrorCode.PasswordRequired, message: 'this room needs a password' };
    }
    if (!verify(password)) {
      this.perConnection.fail(conn, now);
      this.perAddress.fail(conn.address, now);
      return { code: ErrorCode.WrongPassword, message: 'wrong password' };
    }
    this.perConnection.forget(conn);
    return null;
  }

  /** Forgets a closed connection. */
  forget(conn: Connection): void {
    this.perConnection.forget(conn);
  }

  /** Drops expired records. */
  sweep(now: number): void {
    this.perConnection.sweep(now);
    this.perAddress.sweep(now);
  }
}
