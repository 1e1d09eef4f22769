import { ErrorCode } from '@zvonok/protocol';
import type { Connection } from '../transport/Connection.js';
import { encode, errorFrame, type Frame } from '../transport/frames.js';
import type { Room } from '../rooms/Room.js';

/** The room's settings as every v1 member sees them. */
export function roomStateFrame(room: Room): Frame {
  const { hostId, locked, knock } = room.controls;
  return encode({
    type: 'room-state',
    ...(hostId === undefined ? {} : { host: hostId }),
    locked,
    knock,
    password: room.hasPassword,
  });
}

/** Tells every v1 member the room's settings (after a change). */
export function announceRoomState(room: Room): void {
  room.broadcastV1(roomStateFrame(room), null);
}

/**
 * Tells the host who is knocking now. `ifAny`: only when someone is (a host who just arrived or
 * came back starts from an empty list).
 */
export function tellHostKnocks(room: Room, ifAny = false): void {
  if (ifAny && room.controls.knocks.size === 0) return;
  const hostId = room.controls.hostId;
  const conn = hostId === undefined ? null : (room.members.get(hostId)?.conn ?? null);
  if (conn === null) return;
  conn.send(encode({ type: 'knocks', people: room.controls.knockers() }));
}

/**
 * The host left: the longest-present member (members are kept in the order they came) becomes
 * host, and everyone is told. Nothing happens while the host is only reconnecting. Only a v1
 * member can be host: a seed client knows no host actions.
 */
export function handOverIfHostLeft(room: Room, leftId: string): void {
  const controls = room.controls;
  if (controls.hostId !== leftId) return;
  controls.hostId = undefined;
  for (const peer of room.members.values()) {
    if (peer.conn?.v1 !== true) continue;
    controls.hostId = peer.id;
    break;
  }
  announceRoomState(room);
  tellHostKnocks(room, true);
}

/** Everyone knocking is sent away (the room emptied or the call ended); they may try again. */
export function dismissKnockers(room: Room, message: string, joinTimeoutMs: number): void {
  const frame = errorFrame(ErrorCode.KnockDenied, message, 'join');
  for (const knock of room.controls.knocks.values()) {
    stopWaiting(knock.conn, joinTimeoutMs);
    knock.conn.send(frame);
  }
  room.controls.knocks.clear();
}

/** A knocking connection stops waiting: it may send `join` again, within the usual deadline. */
export function stopWaiting(conn: Connection, joinTimeoutMs: number): void {
  conn.knocking = null;
  conn.joining = false;
  conn.joinDeadline = Date.now() + joinTimeoutMs;
}
