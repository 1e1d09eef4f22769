import type { ChatLimits } from './ChatHistory.js';
import { MemoryRoom } from './MemoryRoom.js';
import type { Room } from './Room.js';

/**
 * Where rooms live. Handlers reach rooms only through this interface, so a shared backplane
 * (rooms spanning several server instances) can be put behind it later without touching them.
 */
export interface RoomRegistry<R extends Room = Room> extends Iterable<R> {
  /** The room of that name, if it has members. */
  get(name: string): R | undefined;
  /** Creates an empty room; it must be filled right away or deleted. */
  create(name: string): R;
  /** Forgets an empty room (and with it, its password and chat); not this registry's: nothing. */
  delete(room: Room): void;
  /** Number of rooms. */
  readonly size: number;
}

/** The embedded registry: every room in this process's memory. */
export class InMemoryRoomRegistry implements RoomRegistry<MemoryRoom> {
  private readonly rooms = new Map<string, MemoryRoom>();

  constructor(private readonly chatLimits: ChatLimits) {}

  get(name: string): MemoryRoom | undefined {
    return this.rooms.get(name);
  }

  create(name: string): MemoryRoom {
    const room = new MemoryRoom(name, this.chatLimits);
    this.rooms.set(name, room);
    return room;
  }

  delete(room: Room): void {
    const held = this.rooms.get(room.name);
    if (held !== room || held === undefined) return;
    this.rooms.delete(room.name);
    // Its chat no longer counts against the server's budget.
    held.chat.clear();
  }

  get size(): number {
    return this.rooms.size;
  }

  [Symbol.iterator](): Iterator<MemoryRoom> {
    return this.rooms.values();
  }
}
