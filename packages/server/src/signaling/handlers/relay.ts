import { ErrorCode, type ClientMessageOf } from '@zvonok/protocol';
import type { Connection } from '../transport/Connection.js';
import type { SignalingContext } from '../context.js';
import { descriptionFrame, encode } from '../transport/frames.js';
import { RelayOutcome } from '../rooms/Room.js';
import type { Handler } from './types.js';

type Relayable = ClientMessageOf<'offer' | 'answer' | 'ice-candidate'>;

/**
 * `offer`, `answer`, `ice-candidate`: delivered to `to` if it is in the sender's room, with `from`
 * set here. The outgoing message is built field by field, so nothing a client adds gets through.
 */
function relay(ctx: SignalingContext, conn: Connection, message: Relayable): void {
  const peer = conn.peer;
  if (peer === null) {
    ctx.sendError(conn, ErrorCode.NotJoined, 'join a room first', message.type);
    return;
  }
  const frame =
    message.type === 'ice-candidate'
      ? encode({ type: 'ice-candidate', from: peer.id, candidate: message.candidate })
      : descriptionFrame(message.type, peer.id, message.sdp, ctx.receivedFrame);
  const outcome = peer.room.relay(message.to, frame);
  if (outcome === RelayOutcome.Unknown) {
    ctx.sendError(conn, ErrorCode.UnknownPeer, 'no such peer in this room', message.type);
  } else if (outcome !== RelayOutcome.Queued) {
    ctx.metrics.delivered(1);
    ctx.metrics.relayed(performance.now() - ctx.receivedAt);
  }
}

export const offer: Handler<'offer'> = relay;
export const answer: Handler<'answer'> = relay;
export const iceCandidate: Handler<'ice-candidate'> = relay;
