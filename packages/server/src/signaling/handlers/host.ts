import {
  CloseCode,
  ErrorCode,
  HOST_ACTION_RATE,
  type ClientMessageOf,
  type HostEvent,
} from '@zvonok/protocol';
import type { Connection } from '../transport/Connection.js';
import type { SignalingContext } from '../context.js';
import { encode } from '../transport/frames.js';
import {
  announceRoomState,
  dismissKnockers,
  stopWaiting,
  tellHostKnocks,
} from '../host/announce.js';
import type { Peer } from '../rooms/Peer.js';
import { PeerBudgets } from '../transport/PeerBudgets.js';
import { settleJoin } from './join.js';
import type { Handler } from './types.js';

type HostMessage = ClientMessageOf<'host'>;
/** A host event without its type, as built here. */
type EventBody = Omit<HostEvent, 'type'>;

/** Each host's action budget. */
const budgets = new PeerBudgets(HOST_ACTION_RATE);

/**
 * `host`: an action only the room's host may take. Checked here against the room's own record of
 * its host (nothing the client says about itself counts), rate limited per host, and logged by
 * action and ids only: no names, no passwords.
 */
export const host: Handler<'host'> = (ctx, conn, message) => {
  const peer = conn.peer;
  if (peer === null) {
    ctx.sendError(conn, ErrorCode.NotJoined, 'join a room first', 'host');
    return;
  }
  const room = peer.room;
  if (room.controls.hostId !== peer.id) {
    ctx.sendError(conn, ErrorCode.NotHost, 'only the host can do this', 'host');
    return;
  }
  if (!budgets.take(peer, performance.now())) {
    ctx.sendError(conn, ErrorCode.RateLimited, 'too many host actions: wait a moment', 'host');
    return;
  }
  const target = 'to' in message ? message.to : 'id' in message ? message.id : undefined;
  ctx.log.info({ room: room.name, host: peer.id, action: message.action, target }, 'host action');
  act(ctx, conn, peer, message);
};

function act(ctx: SignalingContext, conn: Connection, peer: Peer, message: HostMessage): void {
  const room = peer.room;
  const controls = room.controls;
  switch (message.action) {
    case 'give': {
      const next = member(ctx, conn, peer, message.to);
      if (next === undefined) return;
      controls.hostId = next.id;
      announceRoomState(room);
      room.broadcastV1(event({ action: 'give', by: peer.id, to: next.id }), null);
      tellHostKnocks(room);
      return;
    }
    case 'lock':
      controls.locked = message.on;
      announceRoomState(room);
      return;
    case 'knock':
      controls.knock = message.on;
      announceRoomState(room);
      // Knocking turned off: those waiting walk in as anyone now would.
      if (!message.on) for (const id of [...controls.knocks.keys()]) admit(ctx, peer, id, true);
      return;
    case 'admit':
      if (!controls.knocks.has(message.id)) {
        ctx.sendError(conn, ErrorCode.UnknownPeer, 'no one of that id is waiting', 'host');
        return;
      }
      admit(ctx, peer, message.id, message.allow);
      return;
    case 'mute': {
      if (message.to !== undefined) {
        const target = member(ctx, conn, peer, message.to);
        if (target === undefined) return;
        // Everyone sees it; the muted person's own app turns the track off and says why.
        room.broadcastV1(
          event({ action: 'mute', by: peer.id, to: target.id, kind: message.kind }),
          null,
        );
      } else {
        room.broadcastV1(event({ action: 'mute', by: peer.id, kind: message.kind }), null);
      }
      return;
    }
    case 'ask': {
      const target = member(ctx, conn, peer, message.to);
      // Only a request, and only to that person: they choose.
      target?.conn?.send(event({ action: 'ask', by: peer.id, to: target.id, kind: message.kind }));
      return;
    }
    case 'remove': {
      const target = member(ctx, conn, peer, message.to);
      if (target === undefined) return;
      if (message.minutes > 0) controls.ban(target.id, Date.now() + message.minutes * 60_000);
      const removed: EventBody = {
        action: 'remove',
        by: peer.id,
        to: target.id,
        minutes: message.minutes,
      };
      if (target.name !== undefined) removed.toName = target.name;
      room.broadcastV1(event(removed), null);
      const targetConn = target.conn;
      ctx.membership.leave(target);
      targetConn?.close(CloseCode.Removed, 'removed by the host', true);
      return;
    }
    case 'end': {
      room.broadcastV1(event({ action: 'end', by: peer.id }), null);
      dismissKnockers(room, 'the host ended the call', ctx.config.joinTimeoutMs);
      for (const member of [...room.members.values()]) {
        const memberConn = member.conn;
        ctx.membership.leave(member);
        memberConn?.close(CloseCode.CallEnded, 'the host ended the call', true);
      }
      return;
    }
    case 'password':
      if (message.password === undefined) room.clearPassword();
      else room.setPassword(message.password);
      announceRoomState(room);
      return;
  }
}

/** The member `id` other than the host, or undefined (and the host told) when there is none. */
function member(ctx: SignalingContext, conn: Connection, host: Peer, id: string): Peer | undefined {
  const target = host.room.members.get(id);
  if (target === undefined || target === host) {
    ctx.sendError(conn, ErrorCode.UnknownPeer, 'no such person in this call', 'host');
    return undefined;
  }
  return target;
}

/** Lets the knocking connection `id` in (a join past the door), or turns it away. */
function admit(ctx: SignalingContext, host: Peer, id: string, allow: boolean): void {
  const room = host.room;
  const knock = room.controls.knocks.get(id);
  if (knock === undefined) return;
  room.controls.knocks.delete(id);
  const conn = knock.conn;
  stopWaiting(conn, ctx.config.joinTimeoutMs);
  const toHost = (action: 'admit' | 'deny') => {
    const e: EventBody = { action, by: host.id, to: id };
    if (knock.name !== undefined) e.toName = knock.name;
    host.conn?.send(event(e));
  };
  if (!allow) {
    ctx.sendError(conn, ErrorCode.KnockDenied, 'the host did not let you in', 'join');
    toHost('deny');
  } else {
    const result = ctx.membership.join(conn, { ...knock.request, admitted: true });
    settleJoin(ctx, conn, result, () => toHost('admit'));
  }
  tellHostKnocks(room);
}

function event(e: EventBody): Buffer {
  return encode({ type: 'host-event', ...e });
}
