import { ErrorCode, REACTION_RATE } from '@zvonok/protocol';
import { encode } from '../transport/frames.js';
import { PeerBudgets } from '../transport/PeerBudgets.js';
import type { Handler } from './types.js';

/** Each member's reaction budget. */
const budgets = new PeerBudgets(REACTION_RATE);

/**
 * `react`: one emoji of the fixed set, shown to the other v1 members over the sender's tile.
 * Rate limited per member: a reaction storm is dropped here, not floated on everyone's screen.
 */
export const react: Handler<'react'> = (ctx, conn, message) => {
  const peer = conn.peer;
  if (peer === null) {
    ctx.sendError(conn, ErrorCode.NotJoined, 'join a room first', 'react');
    return;
  }
  if (!budgets.take(peer, performance.now())) {
    ctx.sendError(conn, ErrorCode.RateLimited, 'too many reactions: wait a moment', 'react');
    return;
  }
  const frame = encode({ type: 'reaction', from: peer.id, emoji: message.emoji });
  ctx.metrics.delivered(peer.room.broadcastV1(frame, peer));
};
