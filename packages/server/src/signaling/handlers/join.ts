import { ErrorCode } from '@zvonok/protocol';
import type { Connection } from '../Connection.js';
import type { SignalingContext } from '../context.js';
import type { JoinRefusal } from '../MembershipService.js';
import type { Handler } from './types.js';

/** `join`: enter a room (v1). A refusal is answered with its code; the connection stays. */
export const join: Handler<'join'> = (ctx, conn, message) => {
  if (conn.peer !== null || conn.joining) {
    ctx.sendError(conn, ErrorCode.AlreadyJoined, 'already in a room: send leave first', 'join');
    return;
  }
  const throttled = ctx.joinBudget(conn);
  if (throttled !== null) {
    ctx.sendError(conn, throttled.code, throttled.message, 'join');
    return;
  }
  const result = ctx.membership.join(conn, message);
  if (!(result instanceof Promise)) {
    joined(ctx, conn, message.room, result);
    return;
  }
  // A shared membership answers once Redis has; meanwhile a second join is refused above.
  conn.joining = true;
  void result.then((refusal) => {
    conn.joining = false;
    joined(ctx, conn, message.room, refusal);
  });
};

function joined(
  ctx: SignalingContext,
  conn: Connection,
  room: string,
  refusal: JoinRefusal | null,
): void {
  if (refusal !== null) ctx.sendError(conn, refusal.code, refusal.message, 'join');
  else ctx.log.debug({ peer: conn.id, room }, 'joined');
}

/** `leave`: leave the room; the connection stays open and may join again. */
export const leave: Handler<'leave'> = (ctx, conn) => {
  const peer = conn.peer;
  if (peer === null) {
    ctx.sendError(conn, ErrorCode.NotJoined, 'not in a room', 'leave');
    return;
  }
  // Left for good: the session's tokens die with it (a copy left in a browser is worth nothing).
  ctx.membership.revoke(peer);
  ctx.membership.leave(peer);
  // A v1 connection may join again, within the same deadline as a new one.
  if (conn.v1) conn.joinDeadline = Date.now() + ctx.config.joinTimeoutMs;
};
