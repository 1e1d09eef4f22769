import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a valid resume token proves: this id was in this room, until `expiresAt`. */
export interface ResumeClaim {
  id: string;
  room: string;
  /** ms since the epoch. */
  expiresAt: number;
}

/**
 * Resume tokens: `id.room.expiry.signature`, signed with HMAC-SHA256 under a secret that
 * outlives the process (configured, or persisted in the data directory), so a token issued before
 * a restart, or by another instance with the same secret, is still honoured. Ids and room names
 * use only `[A-Za-z0-9_-]`, so `.` separates the parts unambiguously.
 */
export class ResumeTokens {
  constructor(
    private readonly secret: Buffer,
    private readonly ttlMs: number,
  ) {}

  /** A token for `id` in `room`, valid for the configured time from `now`. */
  issue(id: string, room: string, now: number = Date.now()): string {
    const payload = `${id}.${room}.${(now + this.ttlMs).toString(36)}`;
    return `${payload}.${this.sign(payload)}`;
  }

  /** The claim of a genuine, unexpired token; null for anything else. Never throws. */
  verify(token: string, now: number = Date.now()): ResumeClaim | null {
    const parts = token.split('.');
    if (parts.length !== 4) return null;
    const [id, room, expiry, signature] = parts as [string, string, string, string];
    if (id === '' || room === '' || !/^[0-9a-z]{1,12}$/.test(expiry)) return null;
    const expected = Buffer.from(this.sign(`${id}.${room}.${expiry}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const expiresAt = parseInt(expiry, 36);
    if (!(expiresAt > now)) return null;
    return { id, room, expiresAt };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}
