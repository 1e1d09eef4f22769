import { ErrorCode } from '@zvonok/protocol';
import type { Handler } from './types.js';

/** `join`: enter a room (v1). A refusal is answered with its code; the connection stays. */
export const join: Handler<'join'> = (ctx, conn, message) => {
  if (conn.peer !== null) {
    ctx.sendError(conn, ErrorCode.AlreadyJoined, 'already in a room: send leave first', 'join');
    return;
  }
  const refusal = ctx.membership.join(conn, message);
  if (refusal !== null) ctx.sendError(conn, refusal.code, refusal.message, 'join');
  else ctx.log.debug({ peer: conn.id, room: message.room }, 'joined');
};

/** `leave`: leave the room; the connection stays open and may join again. */
export const leave: Handler<'leave'> = (ctx, conn) => {
  const peer = conn.peer;
  if (peer === null) {
    ctx.sendError(conn, ErrorCode.NotJoined, 'not in a room', 'leave');
    return;
  }
  ctx.membership.leave(peer);
  // A v1 connection may join again, within the same deadline as a new one.
  if (conn.v1) conn.joinDeadline = Date.now() + ctx.config.joinTimeoutMs;
};
