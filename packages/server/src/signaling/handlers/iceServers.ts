import { ErrorCode } from '@zvonok/protocol';
import { encode } from '../frames.js';
import type { Handler } from './types.js';

/** `ice-servers`: fresh TURN credentials for a member, before the current ones expire. */
export const iceServers: Handler<'ice-servers'> = (ctx, conn) => {
  const peer = conn.peer;
  if (peer === null) {
    ctx.sendError(conn, ErrorCode.NotJoined, 'join a room first', 'ice-servers');
    return;
  }
  if (!ctx.turn.hasTurn) {
    ctx.sendError(conn, ErrorCode.TurnUnavailable, 'no TURN relay is configured', 'ice-servers');
    return;
  }
  const grant = ctx.turn.grant(peer.id);
  conn.send(
    encode({
      type: 'ice-servers',
      iceServers: grant.iceServers,
      ...(grant.expireAt === undefined ? {} : { expireAt: grant.expireAt }),
    }),
  );
};
