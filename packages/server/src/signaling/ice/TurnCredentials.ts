import { createHmac } from 'node:crypto';
import type { IceServer } from '@zvonok/protocol';
import type { ServerConfig } from '../../config.js';

/** ICE servers for one client, with the expiry of its TURN credentials when there are any. */
export interface IceServerGrant {
  iceServers: IceServer[];
  /** ms since the epoch. */
  expireAt?: number;
}

/**
 * Lifetime of the credentials handed out before joining (a connectivity check in the lobby):
 * enough to gather relay candidates and try them, too short to be worth collecting.
 */
export const PRE_JOIN_TURN_TTL_SECONDS = 120;

/**
 * Hands out STUN servers and short-lived TURN credentials by the TURN REST API scheme that coturn
 * implements (`use-auth-secret`): username `<unix expiry>:<user>`, credential
 * base64(HMAC-SHA1(secret, username)). Nothing static ever reaches a browser.
 *
 * The user part is a pseudonym of the client's address (IPv6: its /64), not of the connection:
 * every connection from one address gets the same one, and expiries are rounded up to a quarter
 * of the lifetime, so all grants to an address within that step are the very same username.
 * coturn's per-user quota (`user-quota`) then bounds what one address can allocate, however
 * many connections it opens or credentials it collects.
 */
export class TurnCredentials {
  private readonly stun: IceServer[];

  constructor(
    private readonly turn: ServerConfig['turn'],
    stunUrls: readonly string[],
  ) {
    this.stun = stunUrls.length > 0 ? [{ urls: [...stunUrls] }] : [];
  }

  /** Whether a TURN relay is configured. */
  get hasTurn(): boolean {
    return this.turn !== null;
  }

  /**
   * Fresh ICE servers for a client at `now` (ms).
   * @param client - the client's address key (see addressKey)
   * @param ttlSeconds - lifetime of the TURN credentials; the configured one unless shorter
   */
  grant(client: string, now: number = Date.now(), ttlSeconds?: number): IceServerGrant {
    if (this.turn === null) return { iceServers: this.stun.map(copy) };
    const ttl = Math.min(ttlSeconds ?? this.turn.ttlSeconds, this.turn.ttlSeconds);
    const step = Math.max(1, Math.floor(ttl / 4));
    const expiry = Math.ceil((Math.floor(now / 1000) + ttl) / step) * step;
    const username = `${expiry}:${this.user(client)}`;
    const credential = createHmac('sha1', this.turn.secret).update(username).digest('base64');
    return {
      iceServers: [...this.stun.map(copy), { urls: [...this.turn.urls], username, credential }],
      expireAt: expiry * 1000,
    };
  }

  /** The TURN user of a client: stable, and saying nothing about the address. */
  user(client: string): string {
    const secret = this.turn?.secret ?? '';
    return createHmac('sha256', secret)
      .update(`turn-user\n${client}`)
      .digest('base64url')
      .slice(0, 16);
  }
}

function copy(server: IceServer): IceServer {
  return { ...server, urls: Array.isArray(server.urls) ? [...server.urls] : server.urls };
}
