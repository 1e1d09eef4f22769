import { ErrorCode } from '@zvonok/protocol';
import type { Connection } from '../transport/Connection.js';
import { encode } from '../transport/frames.js';
import type { JoinRefusal, JoinRequest } from '../rooms/MembershipService.js';
import type { Room } from '../rooms/Room.js';
import { tellHostKnocks } from './announce.js';

/** At most this many people knock at one room at once; more are refused (the host's list stays usable). */
export const MAX_KNOCKING = 20;

/** The refusal of someone the host removed, saying when they may come back. */
export function removedRefusal(waitMs: number): JoinRefusal {
  const minutes = Math.ceil(waitMs / 60_000);
  return {
    code: ErrorCode.Removed,
    message: `the host removed you from this call: you may come back in ${minutes} min`,
  };
}

/**
 * Whether a newcomer (not a member resuming or reloading) may walk into `room`: null when they
 * may, a refusal when the room is locked, 'knock' when they must wait for the host.
 */
export function checkEntry(room: Room, conn: Connection): JoinRefusal | 'knock' | null {
  const controls = room.controls;
  if (controls.locked) {
    return { code: ErrorCode.RoomLocked, message: 'the host has locked this call' };
  }
  if (!controls.knock || controls.hostId === undefined) return null;
  // A seed client cannot wait for an answer: it only knows joined-or-closed.
  if (!conn.v1) {
    return { code: ErrorCode.RoomLocked, message: 'this call lets people in one by one' };
  }
  if (controls.knocks.size >= MAX_KNOCKING) {
    return { code: ErrorCode.RoomLocked, message: 'too many people are waiting: try later' };
  }
  return 'knock';
}

/**
 * The newcomer waits at the door: told `waiting`, listed to the host. The connection is neither
 * joined nor timed out meanwhile; a second `join` is refused as while any join is decided.
 */
export function waitAtDoor(room: Room, conn: Connection, request: JoinRequest): void {
  conn.knocking = room;
  conn.joining = true;
  conn.joinDeadline = 0;
  room.controls.knocks.set(conn.id, { conn, request, name: request.name });
  conn.send(encode({ type: 'waiting', room: room.name }));
  tellHostKnocks(room);
}
