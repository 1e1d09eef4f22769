import { encode } from '../transport/frames.js';
import type { Handler } from './types.js';

/**
 * `room-info`: before joining, whether a room is in use and needs a password or knocking, so a
 * guest is asked for the password before trying rather than after a failure. It tells nothing a
 * `join` attempt would not (the room's name is what the link shares).
 */
export const roomInfo: Handler<'room-info'> = (ctx, conn, message) => {
  // Each look-up is a guess at a room's name, like a join: it takes from the same budgets, so
  // codes cannot be tried faster by asking than by joining (docs/SECURITY.md, room codes).
  const refusal = ctx.joinBudget(conn);
  if (refusal !== null) {
    ctx.sendError(conn, refusal.code, refusal.message, 'room-info');
    return;
  }
  const room = ctx.rooms.get(message.room);
  conn.send(
    encode({
      type: 'room-info',
      room: message.room,
      exists: room !== undefined,
      password: room?.hasPassword ?? false,
      locked: room?.controls.locked ?? false,
      knock: room !== undefined && room.controls.knock && room.controls.hostId !== undefined,
    }),
  );
};
