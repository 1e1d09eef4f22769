import { ErrorCode } from '@zvonok/protocol';
import type { Connection } from '../transport/Connection.js';
import type { SignalingContext } from '../context.js';
import type { JoinRefusal, JoinResult } from '../rooms/MembershipService.js';
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
  settleJoin(ctx, conn, ctx.membership.join(conn, message), () =>
    ctx.log.debug({ peer: conn.id, room: message.room }, 'joined'),
  );
};

/**
 * Answers a join once it is decided: a refusal as an `error` to `conn`, else `onJoined`. The
 * membership settles `result` without rejecting (a shared one once Redis has decided, and it
 * marks the connection as joining meanwhile, so a second `join` is refused).
 */
export function settleJoin(
  ctx: SignalingContext,
  conn: Connection,
  result: JoinResult,
  onJoined: () => void,
): void {
  void result.then((refusal: JoinRefusal | null) => {
    if (refusal !== null) ctx.sendError(conn, refusal.code, refusal.message, 'join');
    else onJoined();
  });
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
