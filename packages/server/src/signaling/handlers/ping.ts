import { encode } from '../transport/frames.js';
import type { Handler } from './types.js';

/** Framed once: every answer is the same bytes (a broadcast shares its frame the same way). */
const PONG = encode({ type: 'pong' });

/**
 * `ping`: answered with `pong` at once, joined or not. Browsers cannot see WebSocket pings, so
 * this is how a client notices a connection that is open but dead (docs/protocol.md).
 */
export const ping: Handler<'ping'> = (_ctx, conn) => {
  conn.send(PONG);
};
