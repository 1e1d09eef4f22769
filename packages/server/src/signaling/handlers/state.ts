import { ErrorCode } from '@zvonok/protocol';
import { encode } from '../frames.js';
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
  const sent = peer.room.broadcastV1(encode({ type: 'peer-state', id: peer.id, ...changed }), peer);
  ctx.metrics.delivered(sent);
};
