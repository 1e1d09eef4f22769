import { ErrorCode, REACTION_RATE } from '@zvonok/protocol';
import { encode } from '../frames.js';
import type { Peer } from '../Peer.js';
import { TokenBucket } from '../TokenBucket.js';
import type { Handler } from './types.js';

/** Each member's reaction budget, made on their first reaction and gone with the peer. */
const budgets = new WeakMap<Peer, TokenBucket>();

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
  const now = performance.now();
  let budget = budgets.get(peer);
  if (budget === undefined) {
    budget = new TokenBucket(REACTION_RATE.burst, REACTION_RATE.perSecond, now);
    budgets.set(peer, budget);
  }
  if (!budget.take(now)) {
    ctx.sendError(conn, ErrorCode.RateLimited, 'too many reactions: wait a moment', 'react');
    return;
  }
  const frame = encode({ type: 'reaction', from: peer.id, emoji: message.emoji });
  ctx.metrics.delivered(peer.room.broadcastV1(frame, peer));
};
