import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a valid resume token proves: this id was in this room, until `expiresAt`. */
export interface ResumeClaim {
  id: string;
  room: string;
  /** ms since the epoch. */
  expiresAt: number;
}

/**
 * The two kinds of token a `joined` hands out. A **resume** token is the session's own
 * credential: it resumes the seat, or replaces it after a reload; the app keeps it per tab
 * (sessionStorage). A **takeover** token only ends the session (as `replaceToken`, from another
 * tab or after a crash) and can never resume it or speak as it; the app may keep it per browser
 * (localStorage), where it is worth much less to whoever reads it.
 */
export type TokenKind = 'resume' | 'takeover';

/**
 * Tokens: `id.room.expiry.signature`, signed with HMAC-SHA256 under a secret that outlives the
 * process (configured, or persisted in the data directory), so a token issued before a restart,
 * or by another instance with the same secret, is still honoured. The kind is part of what is
 * signed, so one kind never passes for the other. Ids and room names use only `[A-Za-z0-9_-]`,
 * so `.` separates the parts unambiguously.
 */
export class ResumeTokens {
  constructor(
    private readonly secret: Buffer,
    readonly ttlMs: number,
  ) {}

  /** A token of `kind` for `id` in `room`, valid for the configured time from `now`. */
  issue(id: string, room: string, now: number = Date.now(), kind: TokenKind = 'resume'): string {
    const payload = `${id}.${room}.${(now + this.ttlMs).toString(36)}`;
    return `${payload}.${this.sign(payload, kind)}`;
  }

  /** The claim of a genuine, unexpired token of `kind`; null for anything else. Never throws. */
  verify(token: string, now: number = Date.now(), kind: TokenKind = 'resume'): ResumeClaim | null {
    const claim = this.read(token, [kind]);
    return claim !== null && claim.expiresAt > now ? claim : null;
  }

  /**
   * The claim of a genuine token of one of `kinds`, expired or not (a seat that still exists
   * may be taken back with its token however long the call has lasted); null for anything else.
   */
  read(token: string, kinds: readonly TokenKind[]): ResumeClaim | null {
    const parts = token.split('.');
    if (parts.length !== 4) return null;
    const [id, room, expiry, signature] = parts as [string, string, string, string];
    if (id === '' || room === '' || !/^[0-9a-z]{1,12}$/.test(expiry)) return null;
    const payload = `${id}.${room}.${expiry}`;
    const given = Buffer.from(signature);
    const genuine = kinds.some((kind) => {
      const expected = Buffer.from(this.sign(payload, kind));
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
    return genuine ? { id, room, expiresAt: parseInt(expiry, 36) } : null;
  }

  private sign(payload: string, kind: TokenKind): string {
    // Resume tokens are signed as they always were, so those issued before an upgrade still work.
    const message = kind === 'resume' ? payload : `${kind}\n${payload}`;
    return createHmac('sha256', this.secret).update(message).digest('base64url');
  }
}
