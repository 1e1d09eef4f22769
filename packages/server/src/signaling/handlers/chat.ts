import { ErrorCode, type ChatMessage } from '@zvonok/protocol';
import { bucket } from '../transport/AddressLimits.js';
import type { Connection } from '../transport/Connection.js';
import type { ChatEntry } from '../rooms/ChatHistory.js';
import type { SignalingContext } from '../context.js';
import { encode } from '../transport/frames.js';
import { newChatId } from '../rooms/ids.js';
import type { ChatPost } from '../rooms/Room.js';
import type { Handler } from './types.js';

/**
 * `chat`: numbered, kept, delivered once to the others and acknowledged to a v1 sender. A resend
 * of a kept message (same sender, same client id: after a reconnect) is acknowledged again and
 * not delivered twice.
 */
export const chat: Handler<'chat'> = (ctx, conn, message) => {
  const peer = conn.peer;
  if (peer === null) {
    ctx.sendError(conn, ErrorCode.NotJoined, 'join a room first', 'chat');
    return;
  }
  // A budget of its own, well below the general one: every chat is kept and shown to everyone.
  const now = performance.now();
  conn.chats ??= bucket(ctx.config.limits.chat, now);
  if (!conn.chats.take(now)) {
    ctx.sendError(
      conn,
      ErrorCode.ChatRateLimited,
      'too many chat messages: this one was not sent, send it again in a moment',
      'chat',
    );
    return;
  }
  const outgoing: Omit<ChatMessage, 'seq'> = {
    type: 'chat',
    from: peer.id,
    id: '',
    text: '',
    ts: 0,
  };
  if (peer.name !== undefined) outgoing.name = peer.name;
  // Assigned in wire order: type, from, name, id, text, ts (seq is appended by the history).
  outgoing.id = message.id ?? newChatId();
  outgoing.text = message.text;
  outgoing.ts = Date.now();
  // In memory the message is delivered before this returns; a shared room numbers it in Redis
  // first. Either way the ack waits for the kept entry.
  peer.room.postChat(peer, outgoing, message.id !== undefined).then(
    (post) => done(ctx, conn, post),
    (err: unknown) => {
      ctx.log.warn({ err, peer: peer.id }, 'chat not kept');
      ctx.sendError(
        conn,
        ErrorCode.Internal,
        'chat is unavailable for a moment: send it again',
        'chat',
      );
    },
  );
};

function done(ctx: SignalingContext, conn: Connection, post: ChatPost): void {
  ctx.metrics.delivered(post.sent);
  ack(conn, post.entry);
}

function ack(conn: Connection, entry: ChatEntry): void {
  if (!conn.v1) return;
  const { id, seq = 0, ts } = entry.message;
  conn.send(encode({ type: 'chat-ack', id, seq, ts }));
}
