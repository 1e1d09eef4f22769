import { createHmac } from 'node:crypto';
import type { IceServer } from '@zvonok/protocol';
import type { ServerConfig } from '../config.js';

/** ICE servers for one peer, with the expiry of its TURN credentials when there are any. */
export interface IceServerGrant {
  iceServers: IceServer[];
  /** ms since the epoch. */
  expireAt?: number;
}

/**
 * Hands out STUN servers and per-peer, short-lived TURN credentials by the TURN REST API scheme
 * that coturn implements (`use-auth-secret`): username `<unix expiry>:<peer id>`, credential
 * base64(HMAC-SHA1(secret, username)). Nothing static ever reaches a browser.
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

  /** Fresh ICE servers for `peerId` at `now` (ms). */
  grant(peerId: string, now: number = Date.now()): IceServerGrant {
    if (this.turn === null) return { iceServers: this.stun.map(copy) };
    const expiry = Math.floor(now / 1000) + this.turn.ttlSeconds;
    const username = `${expiry}:${peerId}`;
    const credential = createHmac('sha1', this.turn.secret).update(username).digest('base64');
    return {
      iceServers: [...this.stun.map(copy), { urls: [...this.turn.urls], username, credential }],
      expireAt: expiry * 1000,
    };
  }
}

function copy(server: IceServer): IceServer {
  return { ...server, urls: Array.isArray(server.urls) ? [...server.urls] : server.urls };
}
