import { ErrorCode } from '@zvonok/protocol';
import { encode } from '../frames.js';
import type { Handler } from './types.js';

/**
 * `ice-servers`. A member asks for fresh TURN credentials before the current ones expire; without
 * a TURN relay that is TURN_UNAVAILABLE. Before joining, the same request answers what this server
 * offers (STUN, and TURN credentials of this connection's own id): a client checks its
 * connectivity with it without entering any room. It opens nothing that a join to a random room
 * would not: the credentials are per connection and short-lived.
 */
export const iceServers: Handler<'ice-servers'> = (ctx, conn) => {
  const peer = conn.peer;
  if (peer !== null && !ctx.turn.hasTurn) {
    ctx.sendError(conn, ErrorCode.TurnUnavailable, 'no TURN relay is configured', 'ice-servers');
    return;
  }
  const grant = ctx.turn.grant(peer?.id ?? conn.id);
  conn.send(
    encode({
      type: 'ice-servers',
      iceServers: grant.iceServers,
      ...(grant.expireAt === undefined ? {} : { expireAt: grant.expireAt }),
    }),
  );
};
