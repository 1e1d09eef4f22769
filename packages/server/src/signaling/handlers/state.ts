import { ErrorCode } from '@zvonok/protocol';
import type { Handler } from './types.js';

/** `state`: update mic/camera/…; the changed fields go to the v1 members as `peer-state`. */
export const state: Handler<'state'> = (ctx, conn, message) => {
  const peer = conn.peer;
  if (peer === null) {
    ctx.sendError(conn, ErrorCode.NotJoined, 'join a room first', 'state');
    return;
  }
  const changed = peer.applyState(message);
  if (changed === null) return;
  ctx.metrics.delivered(peer.room.announceState(peer, changed));
};
