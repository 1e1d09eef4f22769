import { ErrorCode, type ClientMessageOf } from '@zvonok/protocol';
import type { Connection } from '../transport/Connection.js';
import type { SignalingContext } from '../context.js';
import { encode } from '../transport/frames.js';
import type { Peer } from '../rooms/Peer.js';
import { SfuError, type SfuService } from '../../sfu/SfuService.js';
import type { Handler } from './types.js';

/**
 * The SFU messages (`sfu-publish`, `sfu-subscribe`, `sfu-start`, `sfu-ice`): done by the server's
 * Janus client on the sender's own handles in the sender's own room; the answers go back to the
 * sender only. Refused with SFU_UNAVAILABLE when no Janus is configured.
 */
function withSfu(
  ctx: SignalingContext,
  conn: Connection,
  type: string,
): { sfu: SfuService; peer: Peer } | null {
  const peer = conn.peer;
  if (peer === null) {
    ctx.sendError(conn, ErrorCode.NotJoined, 'join a room first', type);
    return null;
  }
  if (ctx.sfu === null) {
    ctx.sendError(conn, ErrorCode.SfuUnavailable, 'this server has no SFU configured', type);
    return null;
  }
  return { sfu: ctx.sfu, peer };
}

/** Sends the SFU's refusal (or an internal error) to the connection that asked. */
function refuse(ctx: SignalingContext, conn: Connection, type: string, err: unknown): void {
  if (err instanceof SfuError) {
    ctx.sendError(conn, err.code, err.message, type);
    return;
  }
  ctx.log.error({ err, type, peer: conn.id }, 'SFU request failed');
  ctx.sendError(conn, ErrorCode.Internal, 'the server could not process this message', type);
}

export const sfuPublish: Handler<'sfu-publish'> = (ctx, conn, message) => {
  const it = withSfu(ctx, conn, message.type);
  if (it === null) return;
  it.sfu.publish(it.peer, message.sdp, message.e2ee, message.fresh === true).then(
    (sdp) => conn.send(encode({ type: 'sfu-answer', sdp })),
    (err: unknown) => refuse(ctx, conn, message.type, err),
  );
};

export const sfuSubscribe: Handler<'sfu-subscribe'> = (ctx, conn, message) => {
  const it = withSfu(ctx, conn, message.type);
  if (it === null) return;
  it.sfu.subscribe(it.peer, message.feeds, message.fresh === true).then(
    ({ sdp, streams }) => conn.send(encode({ type: 'sfu-offer', sdp, streams })),
    (err: unknown) => refuse(ctx, conn, message.type, err),
  );
};

export const sfuStart: Handler<'sfu-start'> = (ctx, conn, message) => {
  const it = withSfu(ctx, conn, message.type);
  if (it === null) return;
  it.sfu.start(it.peer, message.sdp).catch((err: unknown) => refuse(ctx, conn, message.type, err));
};

export const sfuIce: Handler<'sfu-ice'> = (ctx, conn, message: ClientMessageOf<'sfu-ice'>) => {
  const it = withSfu(ctx, conn, message.type);
  if (it === null) return;
  it.sfu
    .trickle(it.peer, message.target, message.candidate)
    .catch((err: unknown) => refuse(ctx, conn, message.type, err));
};
