import type { ClientMessageOf, ClientMessageType } from '@zvonok/protocol';
import type { Connection } from '../transport/Connection.js';
import type { SignalingContext } from '../context.js';

/** Handles one validated client message. May throw: the dispatcher answers INTERNAL and logs. */
export type Handler<K extends ClientMessageType> = (
  ctx: SignalingContext,
  conn: Connection,
  message: ClientMessageOf<K>,
) => void;

/** One handler per client message type; the compiler insists that none is missing. */
export type HandlerTable = { readonly [K in ClientMessageType]: Handler<K> };
