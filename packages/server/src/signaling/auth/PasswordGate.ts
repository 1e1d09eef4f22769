import { ErrorCode } from '@zvonok/protocol';
import type { ServerConfig } from '../../config.js';
import { AttemptGuard, type AttemptVerdict } from './AttemptGuard.js';
import type { Connection } from '../transport/Connection.js';
import type { JoinRefusal } from '../rooms/MembershipService.js';

/** One password attempt of a join, as the throttles see it. */
export interface GuessAttempt {
  conn: Connection;
  /** The room whose password is tried. */
  room: string;
  /** The password given, if any. */
  password: string | undefined;
  /**
   * The joiner holds a valid token of this room (it was admitted before: a reload, a resume after
   * the grace): the room's budget does not apply to it, so a guesser cannot lock out the room's
   * own people. The budgets per connection and per address still do.
   */
  proven: boolean;
}

/** What a password throttle keeps besides its verdicts: per-connection records. */
export interface PasswordThrottle {
  /** Forgets a closed connection. */
  forget(conn: Connection): void;
  /** Drops expired records. */
  sweep(now: number): void;
}

/** The refusal when any verdict refuses (waiting the longest of them), else null. */
export function refusalOf(verdicts: readonly AttemptVerdict[]): JoinRefusal | null {
  let wait = -1;
  for (const v of verdicts) if (!v.allowed) wait = Math.max(wait, v.retryInMs);
  if (wait < 0) return null;
  return {
    code: ErrorCode.TooManyAttempts,
    message: `too many wrong passwords: try again in ${Math.ceil(wait / 1000)} s`,
  };
}

/** The refusal of a join without a password at a room that has one. */
export const PASSWORD_REQUIRED: JoinRefusal = {
  code: ErrorCode.PasswordRequired,
  message: 'this room needs a password',
};

/** The refusal of a join with a password that is not the room's. */
export const WRONG_PASSWORD: JoinRefusal = {
  code: ErrorCode.WrongPassword,
  message: 'wrong password',
};

/**
 * The password check of a join in one process: wrong guesses slowed down and then refused per
 * connection, per remote address (IPv6 per /64; behind a proxy the address comes from
 * X-Forwarded-For, see TRUST_PROXY) and per room (guesses from many addresses at one room).
 * `backplane/SharedPasswordGate.ts` keeps the address and room records in Redis instead.
 */
export class PasswordGate implements PasswordThrottle {
  private readonly perConnection: AttemptGuard<Connection>;
  private readonly perAddress: AttemptGuard<string>;
  private readonly perRoom: AttemptGuard<string>;

  constructor(policy: ServerConfig['passwordAttempts']) {
    this.perConnection = new AttemptGuard(policy.perConnection);
    this.perAddress = new AttemptGuard(policy.perAddress);
    this.perRoom = new AttemptGuard(policy.perRoom);
  }

  /**
   * Checks the password with `verify` unless a budget says wait; returns the refusal, or null
   * when the password is right.
   */
  check(
    attempt: GuessAttempt,
    verify: (password: string) => boolean,
    now: number,
  ): JoinRefusal | null {
    const { conn, room, password, proven } = attempt;
    const refusal = refusalOf([
      this.perConnection.check(conn, now),
      this.perAddress.check(conn.addressKey, now),
      proven ? { allowed: true } : this.perRoom.check(room, now),
    ]);
    if (refusal !== null) return refusal;
    if (password === undefined) return PASSWORD_REQUIRED;
    if (!verify(password)) {
      this.perConnection.fail(conn, now);
      this.perAddress.fail(conn.addressKey, now);
      this.perRoom.fail(room, now);
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
    this.perAddress.sweep(now);
    this.perRoom.sweep(now);
  }
}
