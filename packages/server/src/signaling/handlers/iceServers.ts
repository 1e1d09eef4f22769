import { ErrorCode } from '@zvonok/protocol';
import { encode } from '../transport/frames.js';
import { PRE_JOIN_TURN_TTL_SECONDS } from '../ice/TurnCredentials.js';
import type { Handler } from './types.js';

/**
 * `ice-servers`. A member asks for fresh TURN credentials before the current ones expire; without
 * a TURN relay that is TURN_UNAVAILABLE. Before joining, the same request answers what this server
 * offers (STUN, and TURN credentials that live only PRE_JOIN_TURN_TTL_SECONDS): a client checks
 * its connectivity with it without entering any room. Every answer counts against its address's
 * TURN budget (TURN_RATE_LIMITED beyond it); the credentials name the address's TURN user, so
 * collecting many gains nothing over coturn's per-user quota.
 */
export const iceServers: Handler<'ice-servers'> = (ctx, conn) => {
  const peer = conn.peer;
  if (peer !== null && !ctx.turn.hasTurn) {
    ctx.sendError(conn, ErrorCode.TurnUnavailable, 'no TURN relay is configured', 'ice-servers');
    return;
  }
  if (ctx.turn.hasTurn && !ctx.addresses.takeTurnGrant(conn.addressKey, performance.now())) {
    ctx.sendError(
      conn,
      ErrorCode.TurnRateLimited,
      'TURN credentials were asked for too often from this address: wait a minute',
      'ice-servers',
    );
    return;
  }
  const grant = ctx.turn.grant(
    conn.addressKey,
    Date.now(),
    peer === null ? PRE_JOIN_TURN_TTL_SECONDS : undefined,
  );
  conn.send(
    encode({
      type: 'ice-servers',
      iceServers: grant.iceServers,
      ...(grant.expireAt === undefined ? {} : { expireAt: grant.expireAt }),
    }),
  );
};
