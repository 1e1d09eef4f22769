import type { ChatLimits } from './ChatHistory.js';
import { Room } from './Room.js';

/**
 * Where rooms live. Handlers reach rooms only through this interface, so a shared backplane
 * (rooms spanning several server instances) can be put behind it later without touching them.
 */
export interface RoomRegistry extends Iterable<Room> {
  /** The room of that name, if it has members. */
  get(name: string): Room | undefined;
  /** Creates an empty room; it must be filled right away or deleted. */
  create(name: string): Room;
  /** Forgets an empty room (and with it, its password and chat). */
  delete(room: Room): void;
  /** Number of rooms. */
  readonly size: number;
}

/** The embedded registry: every room in this process's memory. */
export class InMemoryRoomRegistry implements RoomRegistry {
  private readonly rooms = new Map<string, Room>();

  constructor(private readonly chatLimits: ChatLimits) {}

  get(name: string): Room | undefined {
    return this.rooms.get(name);
  }

  create(name: string): Room {
    const room = new Room(name, this.chatLimits);
    this.rooms.set(name, room);
    return room;
  }

  delete(room: Room): void {
    if (this.rooms.get(room.name) !== room) return;
    this.rooms.delete(room.name);
    // Its chat no longer counts against the server's budget.
    room.chat.clear();
  }

  get size(): number {
    return this.rooms.size;
  }

  [Symbol.iterator](): Iterator<Room> {
    return this.rooms.values();
  }
}
